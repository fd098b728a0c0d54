namespace EventPlatform.Contracts.Talks;

/// <summary>A talk put on an event's agenda, or changed (the same talk id again: title, speakers or slot).</summary>
public sealed record TalkScheduled
{
    public required Guid TalkId { get; init; }
    public required Guid EventId { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Speakers { get; init; } = [];
    public required string Format { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record TalkArchived
{
    public required Guid TalkId { get; init; }
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The organizer took a scheduled talk off the event's programme.</summary>
public sealed record TalkWithdrawn
{
    public required Guid TalkId { get; init; }
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The organizer marked a question answered (the first time; reopening and answering again says it again).</summary>
public sealed record QuestionAnswered
{
    public required Guid QuestionId { get; init; }
    public required Guid TalkId { get; init; }
    public required string TalkSlug { get; init; }
    public required string TalkTitle { get; init; }
    public Guid? EventId { get; init; }
    public required Guid AuthorId { get; init; }

    /// <summary>The question as asked (its first 300 characters).</summary>
    public required string Text { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A signed-in person watched or read a talk for a while (the web app tells Talks after some time on the talk's page):
/// said once per person and talk.
/// </summary>
public sealed record TalkViewed
{
    public required Guid TalkId { get; init; }
    public required string TalkTitle { get; init; }
    public required Guid AttendeeId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A person saved a talk to their list, or took it off (<see cref="Bookmarked"/> false); said when it changed.</summary>
public sealed record TalkBookmarkChanged
{
    public required Guid TalkId { get; init; }
    public required string TalkTitle { get; init; }
    public required Guid AttendeeId { get; init; }
    public required bool Bookmarked { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A person asked a question on a talk, or upvoted someone's (<see cref="Asked"/> false; <see cref="Active"/> false when
/// they took the upvote back). <see cref="Topics"/> are the talk's tags and the platform's topics the question names.
/// </summary>
public sealed record QuestionInterest
{
    public required Guid QuestionId { get; init; }
    public required Guid TalkId { get; init; }
    public required string TalkTitle { get; init; }
    public Guid? EventId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required bool Asked { get; init; }
    public required bool Active { get; init; }

    /// <summary>The question as asked (its first 300 characters).</summary>
    public required string Text { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The organizer changed a question's status (open, answered, hidden); its last word wins by <see cref="OccurredAt"/>.</summary>
public sealed record QuestionModerated
{
    public required Guid QuestionId { get; init; }
    public required Guid TalkId { get; init; }
    public Guid? EventId { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
