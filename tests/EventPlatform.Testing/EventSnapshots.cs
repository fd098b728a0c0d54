using EventPlatform.Contracts.Events;

namespace EventPlatform.Testing;

/// <summary>Events as the Events service would announce them, for services that replicate them.</summary>
public static class EventSnapshots
{
    public static EventSnapshot Published(Guid? id = null, int capacity = 50, DateTimeOffset? startsAt = null, long version = 2)
    {
        var start = startsAt ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(15), TimeSpan.Zero);
        return new EventSnapshot
        {
            EventId = id ?? Guid.NewGuid(),
            Title = "MLOps community meetup",
            Description = "Talks and networking",
            Kind = "meetup",
            Status = "published",
            StartsAt = start,
            EndsAt = start.AddHours(3),
            TimeZone = "Europe/London",
            Capacity = capacity,
            Topics = ["mlops"],
            NetworkingOpensAt = start.AddDays(-14),
            JoinUrl = "https://meet.example.org/x",
            Version = version,
        };
    }
}
