using System.Net;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class RoundTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private async Task<RoundResponse> StartRoundAsync(Guid eventId)
    {
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var response = await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", factory.NextSlot());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync<RoundResponse>();
    }

    private async Task<List<MyMatchResponse>> MatchesOfAsync(Guid attendee, Guid eventId)
    {
        using var client = factory.ClientWithToken(factory.AttendeeToken(attendee));
        return await (await client.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<List<MyMatchResponse>>();
    }

    [Fact]
    public async Task A_round_over_forty_attendees_pairs_everyone_once_and_a_second_round_repeats_no_pair()
    {
        await using var probe = await factory.Probe().Observe<MatchProposed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var pool = await factory.PoolAsync(probe, ev, 40);

        var first = await StartRoundAsync(ev.EventId);
        Assert.Equal(40, first.PoolSize);
        Assert.Equal(20, first.Pairs);
        Assert.Equal(0, first.Unmatched);

        await Eventually.HoldsAsync(() => Task.FromResult(probe.All<MatchProposed>(m => m.RoundId == first.Id).Count == 20), "20 MatchProposed");
        List<MatchProposed> firstPairs = [.. probe.All<MatchProposed>(m => m.RoundId == first.Id).Select(r => (MatchProposed)r.Message)];
        var attendees = firstPairs.SelectMany(m => new[] { m.AttendeeAId, m.AttendeeBId }).ToList();
        Assert.Equal(40, attendees.Distinct().Count());
        Assert.All(firstPairs, m => Assert.NotEmpty(m.Reasons));

        var second = await StartRoundAsync(ev.EventId);
        Assert.True(second.Pairs >= 18, $"the second round paired {second.Pairs}");
        await Eventually.HoldsAsync(() => Task.FromResult(probe.All<MatchProposed>(m => m.RoundId == second.Id).Count == second.Pairs), "second round proposed");
        var seen = firstPairs.Select(m => (m.AttendeeAId, m.AttendeeBId)).ToHashSet();
        var secondPairs = probe.All<MatchProposed>(m => m.RoundId == second.Id).Select(r => (MatchProposed)r.Message).ToList();
        Assert.DoesNotContain(secondPairs, m => seen.Contains((m.AttendeeAId, m.AttendeeBId)));
        Assert.Equal(secondPairs.Count * 2, secondPairs.SelectMany(m => new[] { m.AttendeeAId, m.AttendeeBId }).Distinct().Count());

        // Each person sees their two matches, with reasons written to them.
        var mine = await MatchesOfAsync(pool[0], ev.EventId);
        Assert.Equal(2, mine.Count);
        Assert.All(mine, m => Assert.Equal("proposed", m.Status));
        Assert.All(mine, m => Assert.NotEqual(pool[0], m.Partner.AttendeeId));
        Assert.Contains(mine.SelectMany(m => m.Reasons), r => r.Contains("you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_odd_one_out_is_paired_first_in_the_next_round()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var pool = await factory.PoolAsync(probe, ev, 7, seed: 3);

        var first = await StartRoundAsync(ev.EventId);
        Assert.Equal(3, first.Pairs);
        Assert.Equal(1, first.Unmatched);
        var counts = await Task.WhenAll(pool.Select(async a => (Attendee: a, Matches: (await MatchesOfAsync(a, ev.EventId)).Count)));
        var left = Assert.Single(counts, c => c.Matches == 0).Attendee;

        var second = await StartRoundAsync(ev.EventId);
        Assert.True(second.Pairs >= 1);
        Assert.Single(await MatchesOfAsync(left, ev.EventId));
    }

    [Fact]
    public async Task A_declined_pair_is_never_proposed_again_and_a_pair_is_not_repeated_at_another_event()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 2, attendees: [ana, ben]);
        await StartRoundAsync(ev.EventId);
        var match = Assert.Single(await MatchesOfAsync(ana, ev.EventId));
        using (var client = factory.ClientWithToken(factory.AttendeeToken(ana)))
        {
            (await client.PostAsync($"/api/networking/matches/{match.Id}/decline", null)).EnsureSuccessStatusCode();
        }

        // The same two at another event: the decline (and the recent meeting) keep them apart.
        var other = await factory.OpenEventAsync(probe);
        await factory.PoolAsync(probe, other, 2, attendees: [ana, ben]);
        var round = await StartRoundAsync(other.EventId);
        Assert.Equal(0, round.Pairs);
        Assert.Equal(2, round.Unmatched);
    }

    [Fact]
    public async Task A_networking_break_in_the_agenda_runs_its_round_once_shortly_before_the_slot()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        await factory.PoolAsync(probe, ev, 10, seed: 5);
        var agendaItem = Guid.NewGuid();
        var scheduled = new NetworkingRoundScheduled
        {
            EventId = ev.EventId,
            AgendaItemId = agendaItem,
            StartsAt = DateTimeOffset.UtcNow.AddMinutes(5),
            EndsAt = DateTimeOffset.UtcNow.AddMinutes(20),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        // Delivered twice with different message ids (as if Events published it twice): still one round.
        await probe.PublishAsync(scheduled);
        await probe.PublishAsync(scheduled);

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        List<RoundResponse> rounds = [];
        await Eventually.HoldsAsync(async () =>
        {
            rounds = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>();
            return rounds.Count == 1 && rounds[0].Status == "completed";
        }, "the scheduled round ran");
        await Task.Delay(1500);
        rounds = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>();
        var round = Assert.Single(rounds);
        Assert.Equal(5, round.Pairs);
        Assert.Equal(scheduled.StartsAt.ToUnixTimeMilliseconds(), round.StartsAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Rounds_are_for_organizers_of_events_whose_networking_is_open()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);

        using var anonymous = factory.CreateClient();
        await (await anonymous.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { })).ProblemAsync(401);
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await attendee.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { })).ProblemAsync(403);

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.PostJsonAsync($"/api/networking/events/{Guid.NewGuid()}/rounds", new { })).ProblemAsync(404);
        await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { durationMinutes = 1 })).ProblemAsync(400);
        // Without a slot, the next networking break is paired; with none in the agenda, the organizer must choose one.
        var required = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { })).ProblemAsync(422);
        Assert.EndsWith("slot-required", required.GetProperty("type").GetString());
        await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { startsAt = ev.EndsAt.AddHours(1) })).ProblemAsync(422);
        // An organizer of another event may not run this one's rounds.
        using var stranger = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await stranger.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", factory.NextSlot())).ProblemAsync(403);
        await (await stranger.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ProblemAsync(403);

        // Weeks before the event, before networking opens: 409.
        var later = EventSnapshots.Published(startsAt: new DateTimeOffset(DateTime.UtcNow.Date.AddDays(60), TimeSpan.Zero));
        await probe.PublishAsync(new EventPublished { Event = later, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/networking/events/{later.EventId}")).IsSuccessStatusCode, "event known");
        await (await organizer.PostJsonAsync($"/api/networking/events/{later.EventId}/rounds", new { })).ProblemAsync(409);
    }
}
