using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Attendees.Domain;

public enum RegistrationStatus { Confirmed, Waitlisted, Cancelled }

/// <summary>An attendee's place at an event: a confirmed seat, or a place on the waitlist (first come, first served).</summary>
public sealed class Registration
{
    private Registration() { }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid AttendeeId { get; private set; }
    public RegistrationStatus Status { get; private set; }

    /// <summary>Arrival order: the waitlist is ordered by it (assigned by the database).</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public DateTimeOffset? PromotedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>How many times this registration's own invite changed (promotion, cancellation): part of its SEQUENCE.</summary>
    public int InviteRevision { get; private set; }

    public bool IsActive => Status != RegistrationStatus.Cancelled;

    /// <param name="sequence">The arrival number, drawn from the column's own sequence by <see cref="Admissions"/>.</param>
    internal static Registration Create(Guid eventId, Guid attendeeId, RegistrationStatus status, DateTimeOffset now, long sequence) => new()
    {
        Sequence = sequence,
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        AttendeeId = attendeeId,
        Status = status,
        RegisteredAt = now,
    };

    internal void Promote(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            throw new InvalidOperationException($"Only a waitlisted registration can be promoted; {Id} is {Status}.");
        }
        Status = RegistrationStatus.Confirmed;
        PromotedAt = now;
        InviteRevision++;
    }

    internal void Cancel(DateTimeOffset now)
    {
        if (Status == RegistrationStatus.Cancelled)
        {
            throw new DomainRuleException("registration-cancelled", "This registration is already cancelled.");
        }
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
        InviteRevision++;
    }
}
