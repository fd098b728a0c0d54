namespace EventPlatform.Contracts.Talks;

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
