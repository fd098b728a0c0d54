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

    /// <summary>What the directory shows besides the name, when listed (see <see cref="DirectoryField"/>).</summary>
    public IReadOnlyList<string> DirectoryFields { get; init; } = DirectoryField.All;

    public bool NetworkingOptIn { get; init; }
}

/// <summary>What a listed attendee may show in an event's directory besides their name; each is their choice.</summary>
public static class DirectoryField
{
    public const string Headline = "headline";
    public const string Company = "company";
    public const string Interests = "interests";
    public const string Intents = "intents";

    public static readonly IReadOnlyList<string> All = [Headline, Company, Interests, Intents];
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

    /// <summary>What the person shares for networking: the waitlist networks before the event (absent in older messages).</summary>
    public NetworkingProfile? Profile { get; init; }
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

    /// <summary>The organizer cancelled the whole event (every registration ends at once), rather than this person leaving.</summary>
    public bool EventWasCancelled { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed record AttendeeProfileUpdated
{
    public required Guid AttendeeId { get; init; }
    public required NetworkingProfile Profile { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// An account was made. It carries the address the person signed up with, for the one part that writes to them
/// (Notifications); besides it, only the account links' messages below carry an email address.
/// </summary>
public sealed record AttendeeSignedUp
{
    public required Guid AttendeeId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// Someone signed up with an address that has no account: Notifications mails them the link that creates it. The
/// account does not exist until the link is used, so only the owner of the mailbox can make one with that address.
/// <see cref="Token"/> is the secret of the link (single use, until <see cref="ExpiresAt"/>); Attendees keeps only its hash.
/// </summary>
public sealed record EmailVerificationRequested
{
    /// <summary>The pending sign-up (not an attendee yet).</summary>
    public required Guid SignUpId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string Token { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A password reset was asked for an account ("forgot password", or a sign-up with an address that already has an
/// account: <see cref="DuringSignUp"/>). Notifications mails the link; using it sets a new password, confirms the
/// address and ends every session. <see cref="Token"/> is single use, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record PasswordResetRequested
{
    public required Guid RequestId { get; init; }
    public required Guid AttendeeId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string Token { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool DuringSignUp { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
