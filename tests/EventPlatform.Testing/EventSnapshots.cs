using EventPlatform.Contracts.Events;

namespace EventPlatform.Testing;

/// <summary>Events as the Events service would announce them, for services that replicate them.</summary>
public static class EventSnapshots
{
    /// <summary>The organizer of the events made here, and the one a factory's <c>OrganizerToken()</c> signs in as.</summary>
    public static readonly Guid OrganizerId = Guid.Parse("0f0e0d0c-0b0a-4909-8807-060504030201");

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
            OrganizerIds = [OrganizerId],
        };
    }
}
