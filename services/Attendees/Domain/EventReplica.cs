using EventPlatform.Contracts.Events;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// What Attendees knows of an event, kept from the Events service's messages: enough to decide
/// registrations locally (capacity, window, status) without calling Events.
/// </summary>
public sealed class EventReplica
{
    private EventReplica() { }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string Status { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public int Capacity { get; private set; }
    public DateTimeOffset? RegistrationOpensAt { get; private set; }
    public DateTimeOffset? RegistrationClosesAt { get; private set; }
    public string? JoinUrl { get; private set; }

    /// <summary>The event's version this replica reflects; older messages are ignored.</summary>
    public long Version { get; private set; }

    public static EventReplica From(EventSnapshot snapshot)
    {
        var replica = new EventReplica { Id = snapshot.EventId };
        replica.Apply(snapshot);
        return replica;
    }

    /// <summary>Applies a snapshot unless the replica already reflects a newer version (messages may arrive out of order).</summary>
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
        Capacity = snapshot.Capacity;
        RegistrationOpensAt = snapshot.RegistrationOpensAt;
        RegistrationClosesAt = snapshot.RegistrationClosesAt;
        JoinUrl = snapshot.JoinUrl;
        Version = snapshot.Version;
        return true;
    }

    public bool Cancel(long version)
    {
        if (version < Version)
        {
            return false;
        }
        Status = "cancelled";
        Version = version;
        return true;
    }
}
