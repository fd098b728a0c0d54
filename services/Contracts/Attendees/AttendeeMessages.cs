namespace EventPlatform.Contracts.Attendees;

/// <summary>What an attendee chose to share for networking, carried with registrations and profile edits.</summary>
public sealed record NetworkingProfile
{
    public required string DisplayName { get; init; }
    public string? Headline { get; init; }
    public string? Company { get; init; }
    public IReadOnlyList<string> Interests { get; init; } = [];
    public IReadOnlyList<string> Intents { get; init; } = [];
    public string? TimeZone { get; init; }
    public bool DirectoryVisible { get; init; }
    public bool NetworkingOptIn { get; init; }
}

public sealed record AttendeeRegistered
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required NetworkingProfile Profile { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record RegistrationWaitlisted
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required int WaitlistPosition { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record RegistrationPromoted
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required NetworkingProfile Profile { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record RegistrationCancelled
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required bool WasConfirmed { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record AttendeeProfileUpdated
{
    public required Guid AttendeeId { get; init; }
    public required NetworkingProfile Profile { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
