using System.Net;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;
using static EventPlatform.Matchmaking.Tests.Registrations;

namespace EventPlatform.Matchmaking.Tests;

public sealed class BlockTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private async Task<List<Guid>> DirectoryAsync(HttpClient client, Guid eventId) =>
        [.. (await (await client.GetAsync($"/api/networking/events/{eventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>()).Items.Select(e => e.AttendeeId)];

    [Fact]
    public async Task A_block_calls_off_the_meeting_and_keeps_the_two_out_of_each_others_directory_requests_and_tables_until_lifted()
    {
        await using var probe = await factory.Probe().Observe<MatchDeclined>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben, cai) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(Registered(ev.EventId, ana, "Ana", true, ["feature-stores"], ["hiring"]));
        await probe.PublishAsync(Registered(ev.EventId, ben, "Ben", true, ["feature-stores"], ["job-seeking"]));
        await probe.PublishAsync(Registered(ev.EventId, cai, "Cai", true, ["nlp"], []));
        using var status = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await status.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 3, "pool of three");
        using var anaClient = As(ana);
        using var benClient = As(ben);
        using var caiClient = As(cai);
        var request = await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = ana })).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal("confirmed", (await (await anaClient.PostAsync($"/api/networking/matches/{request.Id}/accept", null)).ReadJsonAsync<MyMatchResponse>()).Status);
        (await benClient.PostJsonAsync($"/api/networking/matches/{request.Id}/messages", new { text = "Looking forward to it" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.PutAsync($"/api/networking/blocks/{ben}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.PutAsync($"/api/networking/blocks/{ben}", null)).StatusCode);
        Assert.Equal([(ben, "Ben")], (await (await anaClient.GetAsync("/api/networking/blocks")).ReadJsonAsync<List<BlockResponse>>())
            .Select(b => (b.AttendeeId, b.DisplayName)));

        // The confirmed meeting is called off (announced once) and its messages close.
        var declined = await probe.WaitForAsync<MatchDeclined>(m => m.MatchId == request.Id);
        Assert.Equal(ana, declined.AttendeeId);
        var benView = Assert.Single(await (await benClient.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>());
        Assert.Equal(("declined", null), (benView.Status, benView.RoomUrl));
        await (await benClient.PostJsonAsync($"/api/networking/matches/{request.Id}/messages", new { text = "Hello?" })).ProblemAsync(409);

        // Neither sees the other; others see both. Ben's request to Ana is refused as if she were not listed.
        Assert.DoesNotContain(ana, await DirectoryAsync(benClient, ev.EventId));
        Assert.DoesNotContain(ben, await DirectoryAsync(anaClient, ev.EventId));
        Assert.Equal([ana, ben, cai], await DirectoryAsync(caiClient, ev.EventId));
        await (await benClient.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = ana })).ProblemAsync(404);

        // Ana's topic table is not there for Ben; Cai sees and joins it.
        var table = await (await anaClient.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "feature-stores", startsAt = DateTimeOffset.UtcNow.AddHours(1), seats = 4 })).ReadJsonAsync<TableResponse>();
        Assert.Empty(await (await benClient.GetAsync($"/api/networking/events/{ev.EventId}/tables")).ReadJsonAsync<List<TableResponse>>());
        await (await benClient.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ProblemAsync(404);
        Assert.Single(await (await caiClient.GetAsync($"/api/networking/events/{ev.EventId}/tables")).ReadJsonAsync<List<TableResponse>>());
        (await caiClient.PostAsync($"/api/networking/tables/{table.Id}/join", null)).EnsureSuccessStatusCode();

        await (await anaClient.PutAsync($"/api/networking/blocks/{ana}", null)).ProblemAsync(422);
        await (await anaClient.PutAsync($"/api/networking/blocks/{Guid.NewGuid()}", null)).ProblemAsync(404);

        // Lifted: listed for each other again; the called-off match stays declined.
        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.DeleteAsync($"/api/networking/blocks/{ben}")).StatusCode);
        Assert.Empty(await (await anaClient.GetAsync("/api/networking/blocks")).ReadJsonAsync<List<BlockResponse>>());
        Assert.Contains(ana, await DirectoryAsync(benClient, ev.EventId));
        await Task.Delay(300);
        Assert.Single(probe.All<MatchDeclined>(m => m.MatchId == request.Id));
    }

    [Fact]
    public async Task A_round_never_pairs_two_people_when_one_blocked_the_other()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(Registered(ev.EventId, ana, "Ana", false, ["feature-stores", "mlops"], ["hiring"]));
        await probe.PublishAsync(Registered(ev.EventId, ben, "Ben", false, ["feature-stores", "mlops"], ["job-seeking"]));
        using var status = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await status.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 2, "pool of two");

        using var benClient = As(ben);
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PutAsync($"/api/networking/blocks/{ana}", null)).StatusCode);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", factory.NextSlot())).ReadJsonAsync<RoundResponse>();
        Assert.Equal((2, 0, 2), (round.PoolSize, round.Pairs, round.Unmatched));

        // Without the block the same two are the obvious pair.
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.DeleteAsync($"/api/networking/blocks/{ana}")).StatusCode);
        var next = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { startsAt = DateTimeOffset.UtcNow.AddMinutes(30) })).ReadJsonAsync<RoundResponse>();
        Assert.Equal(1, next.Pairs);
    }
}
