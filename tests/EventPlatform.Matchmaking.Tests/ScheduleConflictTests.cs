using System.Net;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>Leaving an event, meetings that would overlap, and the slot a round is held in.</summary>
public sealed class ScheduleConflictTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private async Task<List<MyMatchResponse>> MatchesAsync(Guid attendee, Guid eventId)
    {
        using var client = As(attendee);
        return await (await client.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<List<MyMatchResponse>>();
    }

    [Fact]
    public async Task Cancelling_a_registration_calls_off_the_persons_meetings_tells_the_partner_and_gives_back_table_seats()
    {
        await using var probe = await factory.Probe().Observe<MatchDeclined>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben, cleo) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 3, attendees: [ana, ben, cleo]);

        // Ana and Ben meet (confirmed); Ana sits at Cleo's table and hosts one of her own that Cleo joined.
        using var anaClient = As(ana);
        using var benClient = As(ben);
        using var cleoClient = As(cleo);
        var request = await (await anaClient.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = ben, startsAt = DateTimeOffset.UtcNow.AddHours(2), durationMinutes = 20 })).ReadJsonAsync<MyMatchResponse>();
        (await benClient.PostAsync($"/api/networking/matches/{request.Id}/accept", null)).EnsureSuccessStatusCode();
        var cleosTable = await (await cleoClient.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "mlops", startsAt = DateTimeOffset.UtcNow.AddMinutes(30), seats = 2 })).ReadJsonAsync<TableResponse>();
        (await anaClient.PostAsync($"/api/networking/tables/{cleosTable.Id}/join", null)).EnsureSuccessStatusCode();
        var anasTable = await (await anaClient.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "python", startsAt = DateTimeOffset.UtcNow.AddMinutes(40), seats = 4 })).ReadJsonAsync<TableResponse>();
        (await cleoClient.PostAsync($"/api/networking/tables/{anasTable.Id}/join", null)).EnsureSuccessStatusCode();

        await probe.PublishAsync(new RegistrationCancelled
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ana, WasConfirmed = true, OccurredAt = DateTimeOffset.UtcNow,
        });

        var declined = await probe.WaitForAsync<MatchDeclined>(m => m.MatchId == request.Id);
        Assert.Equal((ana, MatchEndings.LeftEvent), (declined.AttendeeId, declined.Reason));
        var bensView = Assert.Single(await MatchesAsync(ben, ev.EventId));
        Assert.Equal(("declined", null), (bensView.Status, bensView.RoomUrl));
        await (await benClient.PostJsonAsync($"/api/networking/matches/{request.Id}/messages", new { text = "Still there?" })).ProblemAsync(409);

        // Cleo's table has its seat back (a promoted attendee finds it free), and Ana's own table is gone.
        var tables = await (await cleoClient.GetAsync($"/api/networking/events/{ev.EventId}/tables")).ReadJsonAsync<List<TableResponse>>();
        var table = Assert.Single(tables);
        Assert.Equal((cleosTable.Id, 1), (table.Id, table.SeatsLeft));
    }

    [Fact]
    public async Task Nobody_is_paired_into_a_slot_that_overlaps_a_meeting_they_already_have()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var people = await factory.PoolAsync(probe, ev, 6, seed: 21);
        var slot = DateTimeOffset.UtcNow.AddHours(3);

        // Two of them already agreed to meet at the slot.
        using var first = As(people[0]);
        var meeting = await (await first.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = people[1], startsAt = slot.AddMinutes(5), durationMinutes = 20 })).ReadJsonAsync<MyMatchResponse>();
        using var second = As(people[1]);
        (await second.PostAsync($"/api/networking/matches/{meeting.Id}/accept", null)).EnsureSuccessStatusCode();

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { startsAt = slot, durationMinutes = 20 }))
            .ReadJsonAsync<RoundResponse>();
        Assert.Equal((4, 2), (round.PoolSize, round.Pairs));
        Assert.DoesNotContain(await MatchesAsync(people[0], ev.EventId), m => m.RoundId == round.Id);
        Assert.DoesNotContain(await MatchesAsync(people[1], ev.EventId), m => m.RoundId == round.Id);

        // A meeting request into the same time is refused for either of them.
        using var third = As(people[2]);
        var taken = await (await third.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = people[0], startsAt = slot.AddMinutes(10), durationMinutes = 30 })).ProblemAsync(409);
        Assert.EndsWith("slot-taken", taken.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Starting_a_round_without_a_slot_brings_the_next_networking_break_forward_and_it_does_not_run_again()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        await factory.PoolAsync(probe, ev, 4, seed: 23);
        var agendaItem = Guid.NewGuid();
        var breakStart = DateTimeOffset.UtcNow.AddDays(2);
        await probe.PublishAsync(new NetworkingRoundScheduled
        {
            EventId = ev.EventId, AgendaItemId = agendaItem, StartsAt = breakStart, EndsAt = breakStart.AddMinutes(15), OccurredAt = DateTimeOffset.UtcNow,
        });
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>()).Count == 1,
            "the break's round is scheduled");

        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { })).ReadJsonAsync<RoundResponse>();
        Assert.Equal(("completed", 2), (round.Status, round.Pairs));
        Assert.Equal(breakStart.ToUnixTimeMilliseconds(), round.StartsAt.ToUnixTimeMilliseconds());
        var rounds = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>();
        Assert.Equal(round.Id, Assert.Single(rounds).Id);
        // No break left ahead: the organizer has to choose a slot.
        await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { })).ProblemAsync(422);
    }

    [Fact]
    public async Task A_moved_break_moves_its_round_a_late_older_message_does_not_and_a_removed_break_never_runs()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (moved, removed) = (Guid.NewGuid(), Guid.NewGuid());
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var first = DateTimeOffset.UtcNow;
        NetworkingRoundScheduled Break(Guid item, DateTimeOffset at, DateTimeOffset occurred) =>
            new() { EventId = ev.EventId, AgendaItemId = item, StartsAt = at, EndsAt = at.AddMinutes(20), OccurredAt = occurred };

        await probe.PublishAsync(Break(moved, start, first));
        await probe.PublishAsync(Break(removed, start.AddHours(1), first));
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        async Task<List<RoundResponse>> RoundsAsync() =>
            await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>();
        await Eventually.HoldsAsync(async () => (await RoundsAsync()).Count == 2, "both breaks are scheduled");

        await probe.PublishAsync(Break(moved, start.AddHours(5), first.AddSeconds(2)));
        await probe.PublishAsync(new NetworkingRoundCancelled { EventId = ev.EventId, AgendaItemId = removed, OccurredAt = first.AddSeconds(2) });
        await Eventually.HoldsAsync(async () => (await RoundsAsync()).Any(r => r.StartsAt.ToUnixTimeMilliseconds() == start.AddHours(5).ToUnixTimeMilliseconds())
            && (await RoundsAsync()).Any(r => r.Status == "cancelled"), "the break moved and the other was removed");

        // An older message about the moved break arrives late: the round stays where the newest put it.
        await probe.PublishAsync(Break(moved, start.AddHours(2), first.AddSeconds(1)));
        await Task.Delay(1000);
        var rounds = await RoundsAsync();
        Assert.Contains(rounds, r => r.Status == "scheduled" && r.StartsAt.ToUnixTimeMilliseconds() == start.AddHours(5).ToUnixTimeMilliseconds());
        Assert.Single(rounds, r => r.Status == "cancelled");
    }
}
