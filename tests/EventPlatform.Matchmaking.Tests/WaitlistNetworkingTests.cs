using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>
/// The waitlist networks before the event: among itself, and with confirmed attendees who choose to meet it; the
/// organizer can turn it off; a promotion keeps the person's matches.
/// </summary>
public sealed class WaitlistNetworkingTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private static RegistrationWaitlisted Waitlisted(Guid eventId, Guid attendee, string name, string[] interests) => new()
    {
        RegistrationId = Guid.NewGuid(), EventId = eventId, AttendeeId = attendee, WaitlistPosition = 1,
        Profile = new NetworkingProfile
        {
            DisplayName = name, Interests = interests, Intents = ["learning"], TimeZone = "Europe/Berlin", DirectoryVisible = true, NetworkingOptIn = true,
        },
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<List<Guid>> WaitlistAsync(MessageProbe probe, EventSnapshot ev, int n, int seed)
    {
        var random = new Random(seed);
        string[] topics = ["mlops", "python", "nlp", "feature-stores"];
        var ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await probe.PublishAsync(Waitlisted(ev.EventId, id, $"Waiting {i}", [.. topics.OrderBy(_ => random.Next()).Take(2)]));
        }
        using var client = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).WaitlistedInPool >= n,
            $"{n} waitlisted in the pool");
        return ids;
    }

    private async Task<RoundResponse> RoundAsync(Guid eventId, DateTimeOffset? startsAt = null)
    {
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var slot = startsAt is { } at ? new { startsAt = at, durationMinutes = 20 } : factory.NextSlot();
        return await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", slot)).ReadJsonAsync<RoundResponse>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_round_before_the_event_pairs_the_waitlist_among_itself_and_only_with_confirmed_people_who_chose_to_meet_it(int seed)
    {
        await using var probe = await factory.Probe().Observe<MatchProposed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var confirmed = await factory.PoolAsync(probe, ev, 10, seed);
        var waiting = await WaitlistAsync(probe, ev, 7, seed);
        var open = confirmed.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var person in open)
        {
            using var client = As(person);
            var membership = await (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/me", new { meetWaitlisted = true })).ReadJsonAsync<PoolMembership>();
            Assert.True(membership.MeetsWaitlisted);
        }

        var round = await RoundAsync(ev.EventId);
        Assert.Equal(17, round.PoolSize);
        await Eventually.HoldsAsync(() => Task.FromResult(probe.All<MatchProposed>(m => m.RoundId == round.Id).Count == round.Pairs), "the proposals");
        var pairs = probe.All<MatchProposed>(m => m.RoundId == round.Id).Select(r => (MatchProposed)r.Message).ToList();
        Assert.Contains(pairs, p => waiting.Contains(p.AttendeeAId) || waiting.Contains(p.AttendeeBId));
        foreach (var pair in pairs)
        {
            var (aWaits, bWaits) = (waiting.Contains(pair.AttendeeAId), waiting.Contains(pair.AttendeeBId));
            if (aWaits != bWaits)
            {
                Assert.Contains(aWaits ? pair.AttendeeBId : pair.AttendeeAId, open);
            }
        }

        // Once the event has started, rounds are for confirmed seats.
        var during = await RoundAsync(ev.EventId, ev.StartsAt.AddMinutes(30));
        Assert.Equal(10, during.PoolSize);
    }

    [Fact]
    public async Task The_waitlist_sees_itself_and_the_confirmed_who_meet_it_and_the_organizer_can_turn_it_off()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (open, closed) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 2, attendees: [open, closed]);
        var waiting = await WaitlistAsync(probe, ev, 2, 7);
        using (var client = As(open))
        {
            (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/me", new { meetWaitlisted = true })).EnsureSuccessStatusCode();
        }
        using var waiter = As(waiting[0]);
        var mine = await (await waiter.GetAsync($"/api/networking/events/{ev.EventId}/me")).ReadJsonAsync<PoolMembership>();
        Assert.True(mine is { Waitlisted: true, InPool: true });
        Assert.StartsWith("You are on the waitlist and network until the event starts", mine.Reason);

        var seen = await (await waiter.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>();
        // (The directory lists everyone who chose to be listed, the reader too.)
        Assert.Equal(new[] { open, waiting[0], waiting[1] }.Order(), seen.Items.Select(e => e.AttendeeId).Order());
        using var closedClient = As(closed);
        var seenByConfirmed = await (await closedClient.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>();
        Assert.Equal(2, seenByConfirmed.Items.Count(e => e.Waitlisted));

        // Someone on the waitlist cannot ask a confirmed attendee who did not choose to meet them (not listed for them); a
        // meeting request with the waitlist ends before the event starts.
        await (await waiter.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = closed, startsAt = DateTimeOffset.UtcNow.AddHours(3) }))
            .ProblemAsync(404);
        await (await closedClient.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = waiting[0], startsAt = ev.StartsAt.AddMinutes(10) })).ProblemAsync(422);
        (await waiter.PostJsonAsync("/api/networking/meeting-requests", new { eventId = ev.EventId, attendeeId = open, startsAt = DateTimeOffset.UtcNow.AddHours(3) }))
            .EnsureSuccessStatusCode();

        // The organizer keeps networking to confirmed seats: the waitlist is out of the directory and rounds.
        using var stranger = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await stranger.PutJsonAsync($"/api/networking/events/{ev.EventId}/settings", new { waitlistNetworking = false })).ProblemAsync(403);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var status = await (await organizer.PutJsonAsync($"/api/networking/events/{ev.EventId}/settings", new { waitlistNetworking = false })).ReadJsonAsync<NetworkingStatus>();
        Assert.False(status.WaitlistNetworking);
        await (await waiter.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ProblemAsync(404);
        Assert.Equal(0, (await (await closedClient.GetAsync($"/api/networking/events/{ev.EventId}/directory")).ReadJsonAsync<Page<DirectoryEntry>>()).Items.Count(e => e.Waitlisted));
        Assert.Equal(2, (await RoundAsync(ev.EventId)).PoolSize);
    }

    [Fact]
    public async Task A_promotion_keeps_the_matches_made_on_the_waitlist()
    {
        await using var probe = await factory.Probe().Observe<MatchProposed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var waiting = await WaitlistAsync(probe, ev, 2, 3);
        var round = await RoundAsync(ev.EventId);
        Assert.Equal(1, round.Pairs);

        await probe.PublishAsync(new RegistrationPromoted
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = waiting[0], Profile = new NetworkingProfile { DisplayName = "Waiting 0", NetworkingOptIn = true },
            OccurredAt = DateTimeOffset.UtcNow,
        });
        using var promoted = As(waiting[0]);
        await Eventually.HoldsAsync(async () => (await (await promoted.GetAsync($"/api/networking/events/{ev.EventId}/me")).ReadJsonAsync<PoolMembership>()).Confirmed,
            "the promotion reached Matchmaking");
        var match = Assert.Single(await (await promoted.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>());
        Assert.Equal(waiting[1], match.Partner.AttendeeId);
        (await promoted.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
    }
}
