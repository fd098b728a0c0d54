using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPlatform.ServiceDefaults.Auth;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Signs short-lived access tokens with the platform's private key; only Attendees has one.</summary>
public sealed class TokenIssuer(AuthOptions options, ECDsaSecurityKey key, TimeProvider clock)
{
    private readonly SigningCredentials _credentials = new(key, SigningKeys.Algorithm);
    private readonly JsonWebTokenHandler _handler = new();

    public AuthOptions Options => options;

    public AccessToken Issue(Guid subject, string email, string displayName, IEnumerable<string> roles, Guid? session = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject.ToString()),
            new(JwtRegisteredClaimNames.Email, email),
            new(JwtRegisteredClaimNames.Name, displayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
        };
        if (session is { } sid)
        {
            claims.Add(new Claim(PlatformClaims.Session, sid.ToString()));
        }
        claims.AddRange(roles.Select(role => new Claim(PlatformClaims.Role, role)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return new AccessToken(token, expires);
    }
}
