using EventPlatform.Contracts.Attendees;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Vocabulary;

namespace EventPlatform.Attendees.Domain;

/// <summary>An account and the profile its owner shares for networking.</summary>
public sealed class Attendee
{
    private Attendee() { }

    public Guid Id { get; private set; }

    /// <summary>Lower-cased; unique in the database.</summary>
    public string Email { get; private set; } = "";
    public string PasswordHash { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string? Headline { get; private set; }
    public string? Company { get; private set; }
    public string? Bio { get; private set; }
    public List<string> Interests { get; private set; } = [];
    public List<string> Intents { get; private set; } = [];
    public string TimeZone { get; private set; } = "UTC";
    public bool DirectoryVisible { get; private set; }
    public List<string> DirectoryFields { get; private set; } = [.. DirectoryField.All];
    public bool NetworkingOptIn { get; private set; } = true;

    /// <summary>
    /// When the owner of the address proved they read it (a sign-up link or a password reset). Accounts made before
    /// links were mailed have none until their owner resets the password; the organizer role needs it.
    /// </summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Attendee SignUp(string email, string displayName, Func<Attendee, string> hashPassword, DateTimeOffset now)
    {
        var attendee = new Attendee
        {
            Id = Guid.CreateVersion7(),
            Email = NormalizeEmail(email),
            DisplayName = displayName.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        attendee.PasswordHash = hashPassword(attendee);
        return attendee;
    }

    /// <summary>The account a sign-up link creates, when it is used: the address is confirmed by that use.</summary>
    public static Attendee FromSignUp(AccountToken signUp, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = signUp.Email,
        DisplayName = signUp.DisplayName ?? "",
        PasswordHash = signUp.PasswordHash ?? "",
        EmailVerifiedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void ChangePassword(string hash) => PasswordHash = hash;

    public void ConfirmEmail(DateTimeOffset now) => EmailVerifiedAt ??= now;

    public void UpdateProfile(ProfileChange change, DateTimeOffset now)
    {
        var unknownIntents = change.Intents.Except(Topics.Intents).ToList();
        if (unknownIntents.Count > 0)
        {
            throw new DomainRuleException("profile-intent-unknown",
                $"Unknown intents: {string.Join(", ", unknownIntents)}. Known intents: {string.Join(", ", Topics.Intents)}.",
                RuleViolation.Unprocessable);
        }
        var unknownFields = change.DirectoryFields?.Except(DirectoryField.All).ToList() ?? [];
        if (unknownFields.Count > 0)
        {
            throw new DomainRuleException("profile-directory-field-unknown",
                $"Unknown directory fields: {string.Join(", ", unknownFields)}. The directory can show: {string.Join(", ", DirectoryField.All)}.",
                RuleViolation.Unprocessable);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(change.TimeZone, out _))
        {
            throw new DomainRuleException("profile-time-zone-unknown", $"'{change.TimeZone}' is not an IANA time zone.", RuleViolation.Unprocessable);
        }

        DisplayName = change.DisplayName.Trim();
        Headline = Blank(change.Headline);
        Company = Blank(change.Company);
        Bio = Blank(change.Bio);
        Interests = [.. change.Interests.Select(Topics.Normalize).Where(t => t.Length > 0).Distinct()];
        Intents = [.. change.Intents.Distinct()];
        TimeZone = change.TimeZone;
        DirectoryVisible = change.DirectoryVisible;
        if (change.DirectoryFields is not null)
        {
            // In the vocabulary's order, each once.
            DirectoryFields = [.. DirectoryField.All.Intersect(change.DirectoryFields)];
        }
        NetworkingOptIn = change.NetworkingOptIn;
        UpdatedAt = now;
    }

    public NetworkingProfile ToNetworkingProfile() => new()
    {
        DisplayName = DisplayName,
        Headline = Headline,
        Company = Company,
        Interests = Interests,
        Intents = Intents,
        TimeZone = TimeZone,
        DirectoryVisible = DirectoryVisible,
        DirectoryFields = DirectoryFields,
        NetworkingOptIn = NetworkingOptIn,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ProfileChange(
    string DisplayName,
    string? Headline,
    string? Company,
    string? Bio,
    IReadOnlyList<string> Interests,
    IReadOnlyList<string> Intents,
    string TimeZone,
    bool DirectoryVisible,
    bool NetworkingOptIn,
    IReadOnlyList<string>? DirectoryFields = null);
