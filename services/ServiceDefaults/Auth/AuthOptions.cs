namespace EventPlatform.ServiceDefaults.Auth;

/// <summary>Configuration section "Auth": who issues tokens, how long they live, which keys sign and verify them.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An access token lives at most this long; a refresh token gets a new one.</summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromMinutes(15);

    public string Issuer { get; set; } = "eventplatform";
    public string Audience { get; set; } = "eventplatform";

    /// <summary>Lifetime of an access token (15 minutes at most).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = MaxAccessTokenLifetime;

    /// <summary>A refresh token that is not used within this time expires; each use rotates it.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>PEM file with the ES256 private key (Attendees only: the one part that signs tokens).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The same key as PEM text, for hosts that pass secrets as values rather than files.</summary>
    public string? SigningKey { get; set; }

    /// <summary>PEM file with the public key(s) every part verifies tokens with; several keys allow a rotation.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>The public key(s) as PEM text.</summary>
    public string? PublicKey { get; set; }

    /// <summary>
    /// Where a Development host keeps a key pair it generates for itself when none is configured, shared by the
    /// services started from one machine account. Outside Development a missing key stops the service from starting.
    /// </summary>
    public string? DevelopmentKeyDirectory { get; set; }

    /// <summary>Emails that get the organizer role when they sign up or log in.</summary>
    public string[] OrganizerEmails { get; set; } = [];

    public void Validate()
    {
        if (AccessTokenLifetime <= TimeSpan.Zero || AccessTokenLifetime > MaxAccessTokenLifetime)
        {
            throw new InvalidOperationException($"Auth:AccessTokenLifetime must be positive and at most {MaxAccessTokenLifetime}; it is {AccessTokenLifetime}.");
        }
        if (RefreshTokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Auth:RefreshTokenLifetime must be positive.");
        }
    }
}
