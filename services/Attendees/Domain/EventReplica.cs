using EventPlatform.Contracts.Events;
using EventPlatform.ServiceDefaults.Problems;

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

    /// <summary>Who may manage the event (see the registrations, for one): its owner and co-organizers.</summary>
    public List<Guid> OrganizerIds { get; private set; } = [];

    /// <summary>The event's version this replica reflects; older messages are ignored.</summary>
    public long Version { get; private set; }

    /// <summary>Seats taken. The database checks <c>confirmed_count &lt;= capacity</c>, so no code path can overbook.</summary>
    public int ConfirmedCount { get; private set; }
    public int WaitlistedCount { get; private set; }

    public bool HasFreeSeat => ConfirmedCount < Capacity;

    /// <summary>Registration closes at the configured time, or when the event ends (people may join a virtual event late).</summary>
    public DateTimeOffset RegistrationClosesAtOrEnd => RegistrationClosesAt ?? EndsAt;

    /// <summary>Admits one more attendee: a seat while there is one, otherwise the end of the waitlist.</summary>
    public RegistrationStatus Admit(DateTimeOffset now)
    {
        EnsureOpenForRegistration(now);
        if (HasFreeSeat)
        {
            ConfirmedCount++;
            return RegistrationStatus.Confirmed;
        }
        WaitlistedCount++;
        return RegistrationStatus.Waitlisted;
    }

    /// <summary>Takes a registration off the event (a cancellation); its seat or waitlist place frees up.</summary>
    public void Release(Registration registration, DateTimeOffset now)
    {
        EnsureChangesAllowed(now);
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            ConfirmedCount--;
        }
        else if (registration.Status == RegistrationStatus.Waitlisted)
        {
            WaitlistedCount--;
        }
        registration.Cancel(now);
    }

    /// <summary>Moves the first in line to a free seat.</summary>
    public void Promote(Registration registration, DateTimeOffset now)
    {
        if (!HasFreeSeat)
        {
            throw new InvalidOperationException($"No free seat at event {Id} to promote into.");
        }
        registration.Promote(now);
        WaitlistedCount--;
        ConfirmedCount++;
    }

    /// <summary>When the organizer cancels the event, every registration is cancelled with it.</summary>
    public void CancelAll(IEnumerable<Registration> registrations, DateTimeOffset now)
    {
        foreach (var registration in registrations.Where(r => r.IsActive))
        {
            registration.Cancel(now);
        }
        ConfirmedCount = 0;
        WaitlistedCount = 0;
    }

    private void EnsureOpenForRegistration(DateTimeOffset now)
    {
        EnsureChangesAllowed(now);
        if (RegistrationOpensAt is { } opens && now < opens)
        {
            throw new DomainRuleException("registration-not-open", $"Registration for this event opens at {opens:u}.");
        }
        if (now >= RegistrationClosesAtOrEnd)
        {
            throw new DomainRuleException("registration-closed", $"Registration for this event closed at {RegistrationClosesAtOrEnd:u}.");
        }
    }

    private void EnsureChangesAllowed(DateTimeOffset now)
    {
        if (Status == "cancelled")
        {
            throw new DomainRuleException("event-cancelled", "This event was cancelled by the organizer.");
        }
        if (Status == "ended" || now >= EndsAt)
        {
            throw new DomainRuleException("event-ended", "This event has ended; registrations can no longer change.");
        }
        if (Status is not ("published" or "live"))
        {
            throw new DomainRuleException("event-not-open", $"This event is {Status} and does not take registrations.");
        }
    }

    public bool IsOrganizedBy(Guid attendeeId) => OrganizerIds.Contains(attendeeId);

    /// <summary>The problem a registration change gets for an event that Attendees does not know (unknown, or not published yet).</summary>
    public static DomainRuleException NotFound(Guid eventId) =>
        new("event-not-found", $"Event '{eventId}' was not found or is not published.", RuleViolation.NotFound);

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
        OrganizerIds = [.. snapshot.OrganizerIds];
        Version = snapshot.Version;
        return true;
    }

    /// <summary>Applies a status change (cancelled, live, ended) unless the replica already reflects a newer version.</summary>
    public bool ChangeStatus(string status, long version)
    {
        if (version < Version)
        {
            return false;
        }
        Status = status;
        Version = version;
        return true;
    }
}
