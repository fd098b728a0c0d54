namespace EventPlatform.Contracts.Events;

/// <summary>The public facts about an event that other services replicate.</summary>
public sealed record EventSnapshot
{
    public required Guid EventId { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required string TimeZone { get; init; }
    public required int Capacity { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    public required DateTimeOffset NetworkingOpensAt { get; init; }
    public string? JoinUrl { get; init; }
    public long Version { get; init; }

    /// <summary>Who may manage the event: its owner first, then the co-organizers the owner added.</summary>
    public IReadOnlyList<Guid> OrganizerIds { get; init; } = [];
}

/// <summary>A draft with a schedule: the programme (talks, breaks) can be built before it is published.</summary>
public sealed record EventCreated
{
    public required EventSnapshot Event { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record EventPublished
{
    public required EventSnapshot Event { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record EventUpdated
{
    public required EventSnapshot Event { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record EventCancelled
{
    public required Guid EventId { get; init; }
    public string? Reason { get; init; }
    public long Version { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record EventStarted
{
    public required Guid EventId { get; init; }
    public long Version { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record EventEnded
{
    public required Guid EventId { get; init; }
    public long Version { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A networking break in an event's agenda: Matchmaking runs a round for it. Sent again with new times when the
/// organizer moves the break (the round, if not run yet, moves with it).
/// </summary>
public sealed record NetworkingRoundScheduled
{
    public required Guid EventId { get; init; }
    public required Guid AgendaItemId { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The organizer removed a networking break from the agenda: its round, if not run yet, is dropped.</summary>
public sealed record NetworkingRoundCancelled
{
    public required Guid EventId { get; init; }
    public required Guid AgendaItemId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
