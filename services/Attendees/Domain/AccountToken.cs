namespace EventPlatform.Attendees.Domain;

/// <summary>
/// The secret of a link mailed to an address: proof that whoever uses it reads that mailbox. Only its hash is stored;
/// it works once and until it expires. A sign-up's link carries the whole pending account (name and password hash):
/// the account is made when the link is used, so an address nobody confirmed never has an account, and a later
/// sign-up with the same address cannot change what an earlier link creates.
/// </summary>
public sealed class AccountToken
{
    public static readonly TimeSpan SignUpLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    /// <summary>At most this many links are mailed to one address per hour; more requests answer the same and mail nothing.</summary>
    public const int MailsPerAddressPerHour = 5;

    private AccountToken() { }

    public Guid Id { get; private set; }
    public AccountTokenPurpose Purpose { get; private set; }
    public string Email { get; private set; } = "";

    /// <summary>The account a reset link is for; none for a sign-up (the account does not exist yet).</summary>
    public Guid? AttendeeId { get; private set; }
    public string? DisplayName { get; private set; }
    public string? PasswordHash { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>A sign-up waiting for its address to be confirmed: the row and the link's secret (to mail once).</summary>
    public static (AccountToken Row, string Value) ForSignUp(Attendee pending, DateTimeOffset now) =>
        Issue(new AccountToken
        {
            Purpose = AccountTokenPurpose.SignUp,
            Email = pending.Email,
            DisplayName = pending.DisplayName,
            PasswordHash = pending.PasswordHash,
            ExpiresAt = now + SignUpLifetime,
        }, now);

    public static (AccountToken Row, string Value) ForPasswordReset(Attendee attendee, DateTimeOffset now) =>
        Issue(new AccountToken
        {
            Purpose = AccountTokenPurpose.PasswordReset,
            Email = attendee.Email,
            AttendeeId = attendee.Id,
            ExpiresAt = now + PasswordResetLifetime,
        }, now);

    /// <summary>Spent: it works no more, and a sign-up's password hash (now the account's) is not kept twice.</summary>
    public void Use(DateTimeOffset now)
    {
        UsedAt ??= now;
        PasswordHash = null;
    }

    private static (AccountToken, string) Issue(AccountToken token, DateTimeOffset now)
    {
        var value = RefreshToken.NewSecret();
        token.Id = Guid.CreateVersion7(now);
        token.TokenHash = RefreshToken.Hash(value);
        token.CreatedAt = now;
        return (token, value);
    }
}

public enum AccountTokenPurpose
{
    SignUp,
    PasswordReset,
}
