using EventPlatform.Contracts.Events;

namespace EventPlatform.Notifications.Domain;

/// <summary>What the notifications about an event say of it: kept from Events' messages, newest version wins.</summary>
public sealed class NotifiedEvent
{
    private NotifiedEvent()
    {
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string Status { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public string? JoinUrl { get; private set; }
    public long Version { get; private set; }
    public string? CancellationReason { get; private set; }

    public static NotifiedEvent From(EventSnapshot snapshot)
    {
        var ev = new NotifiedEvent { Id = snapshot.EventId };
        ev.Apply(snapshot);
        return ev;
    }

    /// <summary>Whether what an attendee's calendar holds (title, times, join link) differs from the snapshot.</summary>
    public bool InviteDiffersFrom(EventSnapshot snapshot) =>
        Title != snapshot.Title || StartsAt != snapshot.StartsAt || EndsAt != snapshot.EndsAt || JoinUrl != snapshot.JoinUrl;

    /// <returns><c>false</c> when the snapshot is older than what is kept (a late redelivery).</returns>
    public bool Apply(EventSnapshot snapshot)
    {
        if (snapshot.Version < Version)
        {
            return false;
        }
        Title = snapshot.Title;
        Description = snapshot.Description;
        Status = snapshot.Status;
        StartsAt = snapshot.StartsAt;
        EndsAt = snapshot.EndsAt;
        TimeZone = snapshot.TimeZone;
        JoinUrl = snapshot.JoinUrl;
        Version = snapshot.Version;
        return true;
    }

    public void Cancel(long version, string? reason)
    {
        if (version < Version)
        {
            return;
        }
        Status = "cancelled";
        CancellationReason = reason;
        Version = version;
    }
}
