using System.Net;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>
/// People mark when they are free around an event, in their own time zone; rounds and meeting requests keep to it,
/// and the reasons say so.
/// </summary>
public sealed class AvailabilityTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private static object Periods(string timeZone, params (string From, string To)[] periods) =>
        new { timeZone, periods = periods.Select(p => new { from = p.From, to = p.To }).ToArray() };

    private static string Wall(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Times_marked_on_a_wall_clock_are_kept_as_instants_joined_and_shown_back_the_same_way()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var ana = Guid.NewGuid();
        await factory.PoolAsync(probe, ev, 1, attendees: [ana]);
        using var client = As(ana);
        var day = DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var saved = await (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability",
            Periods("America/Toronto", ($"{day}T09:00", $"{day}T10:30"), ($"{day}T10:00", $"{day}T12:00"), ($"{day}T15:00", $"{day}T15:30"))))
            .ReadJsonAsync<AvailabilityResponse>();
        Assert.True(saved.Marked);
        Assert.Equal("America/Toronto", saved.TimeZone);
        Assert.Equal([($"{day}T09:00", $"{day}T12:00"), ($"{day}T15:00", $"{day}T15:30")], saved.Periods.Select(p => (p.From, p.To)));
        var offset = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto").GetUtcOffset(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(9));
        Assert.Equal(new DateTimeOffset(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(9), offset), saved.Periods[0].StartsAt);
        var read = await (await client.GetAsync($"/api/networking/events/{ev.EventId}/availability")).ReadJsonAsync<AvailabilityResponse>();
        Assert.Equal((saved.Marked, saved.TimeZone), (read.Marked, read.TimeZone));
        Assert.Equal(saved.Periods, read.Periods);

        // Nothing marked: free whenever networking is open.
        var cleared = await (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability", Periods("UTC"))).ReadJsonAsync<AvailabilityResponse>();
        Assert.False(cleared.Marked);
        Assert.Empty(cleared.Periods);
    }

    [Fact]
    public async Task Marks_that_cannot_be_kept_are_refused_and_nothing_is_stored()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var ben = Guid.NewGuid();
        await factory.PoolAsync(probe, ev, 1, attendees: [ben]);
        using var client = As(ben);
        var day = DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/api/networking/events/{ev.EventId}/availability";

        await (await client.PutJsonAsync(url, Periods("Mars/Olympus", ($"{day}T09:00", $"{day}T10:00")))).ProblemAsync(422);
        await (await client.PutJsonAsync(url, Periods("UTC", ($"{day}T09:00", $"{day}T09:02")))).ProblemAsync(422);
        await (await client.PutJsonAsync(url, Periods("UTC", ($"{day}T10:00", $"{day}T09:00")))).ProblemAsync(422);
        await (await client.PutJsonAsync(url, Periods("UTC", ("2019-01-01T09:00", "2019-01-01T10:00")))).ProblemAsync(422);
        await (await client.PutJsonAsync(url, Periods("UTC", ("next tuesday", $"{day}T10:00")))).ProblemAsync(400);
        await (await client.PutJsonAsync(url, Periods("UTC", [.. Enumerable.Range(0, 49).Select(i => ($"{day}T09:00", $"{day}T10:00"))]))).ProblemAsync(400);
        Assert.False((await (await client.GetAsync(url)).ReadJsonAsync<AvailabilityResponse>()).Marked);
        // Someone without a seat at the event has no availability there.
        using var stranger = As(Guid.NewGuid());
        await (await stranger.PutJsonAsync(url, Periods("UTC", ($"{day}T09:00", $"{day}T10:00")))).ProblemAsync(404);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task A_round_never_pairs_anyone_outside_the_times_they_marked_and_says_when_both_are_free(int seed)
    {
        var random = new Random(seed);
        await using var probe = await factory.Probe().Observe<MatchProposed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var pool = await factory.PoolAsync(probe, ev, 16 + random.Next(8), seed);
        var slotStart = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(8 + seed), TimeSpan.Zero);
        var slotEnd = slotStart.AddMinutes(20);

        // A third marks nothing; the others mark a period in their own zone that covers the slot, or one that misses it
        // (before, after, or overlapping only part of it).
        var covers = new Dictionary<Guid, bool?>();
        foreach (var person in pool)
        {
            var kind = random.Next(3);
            if (kind == 0)
            {
                covers[person] = null;
                continue;
            }
            var zone = new[] { "Europe/Lisbon", "Asia/Tokyo", "America/Toronto", "UTC" }[random.Next(4)];
            var (from, to) = kind == 1
                ? (slotStart.AddMinutes(-random.Next(0, 120)), slotEnd.AddMinutes(random.Next(0, 120)))
                : random.Next(3) switch
                {
                    0 => (slotStart.AddHours(-3), slotStart.AddMinutes(-random.Next(0, 60))),
                    1 => (slotEnd.AddMinutes(random.Next(0, 60)), slotEnd.AddHours(3)),
                    _ => (slotStart.AddMinutes(5), slotEnd.AddHours(1)),
                };
            using var client = As(person);
            (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability", Periods(zone, (Wall(from, zone), Wall(to, zone)))))
                .EnsureSuccessStatusCode();
            covers[person] = kind == 1;
        }

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { startsAt = slotStart, durationMinutes = 20 }))
            .ReadJsonAsync<RoundResponse>();
        Assert.Equal(covers.Count(c => c.Value is not false), round.PoolSize);
        await Eventually.HoldsAsync(() => Task.FromResult(probe.All<MatchProposed>(m => m.RoundId == round.Id).Count == round.Pairs), "the round's proposals");
        foreach (var proposed in probe.All<MatchProposed>(m => m.RoundId == round.Id).Select(r => (MatchProposed)r.Message))
        {
            Assert.NotEqual(false, covers[proposed.AttendeeAId]);
            Assert.NotEqual(false, covers[proposed.AttendeeBId]);
            var bothMarked = covers[proposed.AttendeeAId] is true && covers[proposed.AttendeeBId] is true;
            Assert.Equal(bothMarked, proposed.Reasons.Any(r => r.StartsWith("you both marked", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_meeting_request_must_fall_within_both_peoples_free_times()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (cai, dee) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 2, attendees: [cai, dee]);
        var free = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(4).AddHours(14), TimeSpan.Zero);
        using var deeClient = As(dee);
        (await deeClient.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability",
            Periods("Asia/Tokyo", (Wall(free, "Asia/Tokyo"), Wall(free.AddHours(2), "Asia/Tokyo"))))).EnsureSuccessStatusCode();
        using var caiClient = As(cai);

        var refused = await (await caiClient.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = dee, startsAt = free.AddHours(3), durationMinutes = 20 })).ProblemAsync(422);
        Assert.Contains("They are free at other times", refused.GetProperty("detail").GetString());

        (await caiClient.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability",
            Periods("UTC", (Wall(free, "UTC"), Wall(free.AddHours(1), "UTC"))))).EnsureSuccessStatusCode();
        var booked = await (await caiClient.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = dee, startsAt = free.AddMinutes(30), durationMinutes = 20 })).ReadJsonAsync<MyMatchResponse>();
        Assert.Contains(booked.Reasons, r => r.StartsWith("you both marked ", StringComparison.Ordinal) && r.EndsWith(" as free", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await deeClient.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).StatusCode);
    }
}
