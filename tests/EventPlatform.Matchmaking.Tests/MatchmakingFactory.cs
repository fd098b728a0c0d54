using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class MatchmakingFactory : ServiceFactory<Program>
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Networking:SchedulerInterval", "00:00:01"),
        new("Networking:VideoRoomBaseUrl", "https://rooms.test/r"),
    ];

    private static readonly string[] Topics = ["mlops", "model-serving", "model-monitoring", "python", "nlp", "feature-stores", "testing", "streaming"];
    private static readonly string[] Intents = ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];
    private static readonly string[] Zones = ["Europe/Lisbon", "Europe/Berlin", "America/Toronto", "Asia/Tokyo", "UTC"];

    private int _slots;

    /// <summary>
    /// A slot for a hand-started round that overlaps no other slot handed out by this factory (people are never paired
    /// into a slot that overlaps a meeting they have): an hour from now, then every half hour after.
    /// </summary>
    public object NextSlot(int durationMinutes = 20) =>
        new { startsAt = DateTimeOffset.UtcNow.AddHours(1).AddMinutes(30 * Interlocked.Increment(ref _slots)), durationMinutes };

    /// <summary>A published event whose networking is open now, known to Matchmaking.</summary>
    public async Task<EventSnapshot> OpenEventAsync(MessageProbe probe)
    {
        var ev = EventSnapshots.Published(startsAt: new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7), TimeSpan.Zero));
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var client = CreateClient();
        await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/networking/events/{ev.EventId}")).IsSuccessStatusCode,
            "Matchmaking knows the event");
        return ev;
    }

    /// <summary>Registers n attendees (varied interests, intents and time zones, fixed by the seed) and waits until all are in the pool.</summary>
    public async Task<List<Guid>> PoolAsync(MessageProbe probe, EventSnapshot ev, int n, int seed = 1, IEnumerable<Guid>? attendees = null)
    {
        var random = new Random(seed);
        var ids = attendees?.ToList() ?? [.. Enumerable.Range(0, n).Select(_ => Guid.NewGuid())];
        for (var i = 0; i < ids.Count; i++)
        {
            await probe.PublishAsync(new AttendeeRegistered
            {
                RegistrationId = Guid.NewGuid(),
                EventId = ev.EventId,
                AttendeeId = ids[i],
                Profile = new NetworkingProfile
                {
                    DisplayName = $"Attendee {i}",
                    Headline = "ML engineer",
                    Interests = [.. Topics.OrderBy(_ => random.Next()).Take(random.Next(1, 4))],
                    Intents = [Intents[random.Next(Intents.Length)]],
                    TimeZone = Zones[random.Next(Zones.Length)],
                    DirectoryVisible = true,
                    NetworkingOptIn = true,
                },
                OccurredAt = DateTimeOffset.UtcNow,
            });
        }
        using var client = CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize >= ids.Count,
            $"{ids.Count} attendees are in the pool");
        return ids;
    }
}
