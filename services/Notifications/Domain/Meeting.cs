namespace EventPlatform.Notifications.Domain;

/// <summary>A confirmed 1:1 meeting, kept from MeetingConfirmed so that its people are reminded before it starts.</summary>
public sealed class Meeting
{
    private Meeting()
    {
    }

    public Guid Id { get; private set; }
    public Guid MatchId { get; private set; }
    public Guid EventId { get; private set; }
    public List<Guid> AttendeeIds { get; private set; } = [];
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string RoomUrl { get; private set; } = "";

    public static Meeting Create(Guid id, Guid matchId, Guid eventId, IEnumerable<Guid> attendees, DateTimeOffset startsAt, DateTimeOffset endsAt, string roomUrl) =>
        new() { Id = id, MatchId = matchId, EventId = eventId, AttendeeIds = [.. attendees], StartsAt = startsAt, EndsAt = endsAt, RoomUrl = roomUrl };
}

/// <summary>
/// That a reminder went out: one row per (event or meeting, lead), inserted in the transaction that records the
/// reminders, so two replicas looking at once remind everyone once (the second finds the row and does nothing).
/// </summary>
public sealed class SentReminder
{
    public Guid SubjectId { get; init; }
    public int LeadMinutes { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
