using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EventPlatform.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace EventPlatform.Testing;

/// <summary>Organizer tokens an attacker could make without the platform's private key; every one must be refused.</summary>
public static class ForgedTokens
{
    /// <summary>The HS256 development key that earlier versions accepted from anyone who read the source.</summary>
    public const string OldDevelopmentKey = "development-only-signing-key-change-me-0123456789";

    public static TheoryData<string> All => ["hs256-old-development-key", "es256-another-key", "alg-none", "public-key-as-hmac-secret"];

    public static string Make(string kind)
    {
        var claims = new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, Guid.NewGuid().ToString()),
            new Claim(JwtRegisteredClaimNames.Email, "mallory@example.org"),
            new Claim(PlatformClaims.Role, Roles.Attendee),
            new Claim(PlatformClaims.Role, Roles.Organizer),
        ]);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "eventplatform",
            Audience = "eventplatform",
            Subject = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
        };
        var handler = new JsonWebTokenHandler();
        switch (kind)
        {
            case "hs256-old-development-key":
                descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(OldDevelopmentKey)), SecurityAlgorithms.HmacSha256);
                return handler.CreateToken(descriptor);
            case "es256-another-key":
                descriptor.SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);
                return handler.CreateToken(descriptor);
            case "alg-none":
                return handler.CreateToken(descriptor);
            case "public-key-as-hmac-secret":
                // The classic algorithm-confusion attack: the (public) verification key used as an HMAC secret.
                descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestKeys.PublicKeyPem)), SecurityAlgorithms.HmacSha256);
                return handler.CreateToken(descriptor);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
