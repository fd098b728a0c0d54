namespace EventPlatform.Notifications.Domain;

public enum RegistrationState
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// Who holds a place at which event, from Attendees' registration messages: whom to tell when the event changes, and
/// the revision of each person's calendar invite (it grows with every invite sent, so calendars replace the entry).
/// </summary>
public sealed class Registration
{
    private Registration()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid AttendeeId { get; private set; }
    public RegistrationState State { get; private set; }
    public int InviteRevision { get; private set; }

    /// <summary>Ended because the organizer cancelled the event: the event's cancellation tells the person, not this.</summary>
    public bool CancelledWithEvent { get; private set; }

    /// <summary>Held a seat (not only a waitlist place) before it ended: their calendar has the event to withdraw.</summary>
    public bool WasConfirmed { get; private set; }

    public static Registration Create(Guid id, Guid eventId, Guid attendeeId, RegistrationState state) =>
        new() { Id = id, EventId = eventId, AttendeeId = attendeeId, State = state, WasConfirmed = state == RegistrationState.Confirmed };

    /// <summary>
    /// Moves to <paramref name="state"/> and raises the invite revision; <c>false</c> when the registration already
    /// ended (a cancellation can be applied before the registration it ends, when both arrive together).
    /// </summary>
    public bool MoveTo(RegistrationState state)
    {
        if (State == RegistrationState.Cancelled)
        {
            return false;
        }
        State = state;
        WasConfirmed |= state == RegistrationState.Confirmed;
        InviteRevision++;
        return true;
    }

    public void Cancel(bool withEvent, bool wasConfirmed)
    {
        State = RegistrationState.Cancelled;
        CancelledWithEvent = withEvent;
        WasConfirmed |= wasConfirmed;
        InviteRevision++;
    }

    public void ReviseInvite() => InviteRevision++;
}
