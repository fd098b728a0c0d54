namespace EventPlatform.Contracts.Matchmaking;

public sealed record MatchProposed
{
    public required Guid MatchId { get; init; }
    public required Guid EventId { get; init; }
    public Guid? RoundId { get; init; }
    public required Guid AttendeeAId { get; init; }
    public required Guid AttendeeBId { get; init; }
    public required double Score { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record MatchAccepted
{
    public required Guid MatchId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }

    /// <summary>The other person of the match (who is told).</summary>
    public Guid? PartnerId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A match ended without a meeting, or a confirmed meeting was called off, because of <see cref="AttendeeId"/>:
/// see <see cref="Reason"/> ("declined", "blocked", "left-event").
/// </summary>
public sealed record MatchDeclined
{
    public required Guid MatchId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }

    /// <summary>The other person of the match (who is told).</summary>
    public Guid? PartnerId { get; init; }
    public string Reason { get; init; } = MatchEndings.Declined;
    public required DateTimeOffset OccurredAt { get; init; }
}

public static class MatchEndings
{
    public const string Declined = "declined";
    public const string Blocked = "blocked";
    public const string LeftEvent = "left-event";
}

public sealed record MeetingConfirmed
{
    public required Guid MeetingId { get; init; }
    public required Guid MatchId { get; init; }
    public required Guid EventId { get; init; }
    public required IReadOnlyList<Guid> AttendeeIds { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required string RoomUrl { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>One of a confirmed pair wrote to the other (the text stays in Matchmaking; this says that, and to whom).</summary>
public sealed record DirectMessageSent
{
    public required Guid MessageId { get; init; }
    public required Guid MatchId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid SenderId { get; init; }
    public required Guid RecipientId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// One of a pair read every message of their match up to <see cref="ReadAt"/> (Notifications withdraws the notice it
/// would send about messages waiting unread).
/// </summary>
public sealed record DirectMessagesRead
{
    public required Guid MatchId { get; init; }
    public required Guid ReaderId { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A small-group round put three or four people together: they meet at the slot in their group's room.</summary>
public sealed record GroupFormed
{
    public required Guid GroupId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid RoundId { get; init; }
    public required IReadOnlyList<Guid> MemberIds { get; init; }
    public string? RoomUrl { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// An open question on a talk of an event collected enough upvotes: a topic table on it is proposed at the next
/// networking break; its asker is invited to host, its upvoters to sit first.
/// </summary>
public sealed record QuestionTableProposed
{
    public required Guid TableId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid QuestionId { get; init; }
    public required Guid TalkId { get; init; }
    public required string TalkTitle { get; init; }
    public required string Question { get; init; }
    public required Guid HostId { get; init; }
    public required IReadOnlyList<Guid> UpvoterIds { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
