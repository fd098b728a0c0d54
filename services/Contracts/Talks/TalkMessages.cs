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
