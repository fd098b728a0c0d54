using System.Security.Cryptography;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// One link of a session's chain of refresh tokens. Only a hash of the token is stored. Each use rotates it: the
/// token is marked used and a new one of the same family issued. A used or revoked token presented again means it
/// leaked, so the whole family (the session) is revoked.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    public Guid Id { get; private set; }
    public Guid AttendeeId { get; private set; }

    /// <summary>The session: every token rotated from the first one of a sign-in shares it.</summary>
    public Guid FamilyId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>A new token: the value to hand out once, and the row that remembers only its hash.</summary>
    public static (RefreshToken Row, string Value) Issue(Guid attendeeId, Guid familyId, TimeSpan lifetime, DateTimeOffset now)
    {
        var value = NewSecret();
        return (new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            AttendeeId = attendeeId,
            FamilyId = familyId,
            TokenHash = Hash(value),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        }, value);
    }

    public void MarkUsed(DateTimeOffset now) => UsedAt = now;

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    /// <summary>256 random bits, URL-safe: the value of a refresh token or of a mailed link.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class RevokeReasons
{
    public const string Logout = "logout";
    public const string Reuse = "reuse-detected";
    public const string PasswordChanged = "password-changed";
    public const string LogoutEverywhere = "logout-everywhere";
    public const string PasswordReset = "password-reset";
}
