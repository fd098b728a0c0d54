using System.Net;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class DirectoryTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    [Fact]
    public async Task The_directory_lists_only_those_who_opted_in_filtered_by_interest_and_intent_for_people_attending()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben, cai, dee) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ana, "Ana", true, ["feature-stores", "mlops"], ["hiring"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ben, "Ben", true, ["mlops"], ["job-seeking"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, cai, "Cai", false, ["feature-stores"], ["hiring"]));
        using var status = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await status.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 3, "pool of three");

        using var benClient = As(ben);
        var all = await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Equal(["Ana", "Ben"], all.Items.Select(e => e.DisplayName));
        var byInterest = await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?interest=Feature%20Stores")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Equal([ana], byInterest.Items.Select(e => e.AttendeeId));
        var byIntent = await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?intent=job-seeking")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Equal([ben], byIntent.Items.Select(e => e.AttendeeId));

        // Someone without a seat at the event sees nothing of it; bad filters are 400.
        using var deeClient = As(dee);
        await (await deeClient.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ProblemAsync(404);
        await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?intent=stalking")).ProblemAsync(400);
        await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?page=0")).ProblemAsync(400);
    }

    [Fact]
    public async Task The_directory_shows_only_the_fields_each_person_chose_and_filters_only_by_those()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ana, "Ana", true, ["feature-stores"], ["hiring"], directoryFields: ["interests"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ben, "Ben", true, ["feature-stores"], ["job-seeking"]));
        using var status = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await status.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 2, "pool of two");

        using var benClient = As(ben);
        var entries = (await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>()).Items;
        var anaEntry = entries[0];
        Assert.Equal((ana, "Ana", (string?)null, (string?)null), (anaEntry.AttendeeId, anaEntry.DisplayName, anaEntry.Headline, anaEntry.Company));
        Assert.Equal(["feature-stores"], anaEntry.Interests);
        Assert.Empty(anaEntry.Intents);
        Assert.Equal(("Ben's headline", "Acme", "job-seeking"), (entries[1].Headline, entries[1].Company, Assert.Single(entries[1].Intents)));

        // Ana's hidden intent finds nobody; her shown interest finds her.
        var hiring = await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?intent=hiring")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Empty(hiring.Items);
        var featureStores = await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/directory?interest=feature-stores")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Equal([ana, ben], featureStores.Items.Select(e => e.AttendeeId));
    }

    [Fact]
    public async Task A_meeting_request_is_a_match_the_requester_accepted_and_the_other_confirms()
    {
        await using var probe = await factory.Probe().Observe<MeetingConfirmed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben, cai) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ana, "Ana", true, ["feature-stores"], ["hiring"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ben, "Ben", true, ["feature-stores"], ["job-seeking"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, cai, "Cai", false, ["nlp"], []));
        using var status = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await status.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 3, "pool of three");

        using var benClient = As(ben);
        var response = await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = ana, durationMinutes = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await response.ReadJsonAsync<MyMatchResponse>();
        Assert.Equal(("proposed", "accepted", "pending"), (request.Status, request.MyResponse, request.PartnerResponse));
        Assert.Contains("Ana is hiring and you are looking for a job", request.Reasons);

        await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = ana })).ProblemAsync(409);
        await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = cai })).ProblemAsync(404);
        await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = ben })).ProblemAsync(422);
        await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId })).ProblemAsync(400);

        using var anaClient = As(ana);
        var confirmed = await (await anaClient.PostAsync($"/api/networking/matches/{request.Id}/accept", null)).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal("confirmed", confirmed.Status);
        var meeting = await probe.WaitForAsync<MeetingConfirmed>(m => m.MatchId == request.Id);
        Assert.Equal(30, (meeting.EndsAt - meeting.StartsAt).TotalMinutes);

        // A round later in the event does not pair them again.
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", factory.NextSlot())).ReadJsonAsync<RoundResponse>();
        Assert.Single(await (await anaClient.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>(),
            m => m.Partner.AttendeeId == ben);
        Assert.True(round.Pairs <= 1);
    }
}
