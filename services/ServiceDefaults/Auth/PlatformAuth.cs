using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPlatform.ServiceDefaults.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key shared by the issuer (Attendees) and every validator. The default is for local development only.</summary>
    public string SigningKey { get; set; } = "development-only-signing-key-change-me-0123456789";
    public string Issuer { get; set; } = "eventplatform";
    public string Audience { get; set; } = "eventplatform";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Emails that get the organizer role when they sign up or log in.</summary>
    public string[] OrganizerEmails { get; set; } = [];

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));
}

public static class Roles
{
    public const string Attendee = "attendee";
    public const string Organizer = "organizer";
}

public static class Policies
{
    public const string Organizer = "organizer";
    public const string Attendee = "attendee";
}

public static class PlatformAuth
{
    public static AuthOptions ReadAuthOptions(this IConfiguration configuration) =>
        configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

    /// <summary>Every service validates the platform's JWTs itself; the gateway's check is not trusted alone.</summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.ReadAuthOptions();
        builder.Services.AddSingleton(auth);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = ValidationParameters(auth);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Organizer, policy => policy.RequireRole(Roles.Organizer))
            .AddPolicy(Policies.Attendee, policy => policy.RequireAuthenticatedUser());
        return builder;
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions auth) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        IssuerSigningKey = auth.Key(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>Signs a token for <paramref name="subject"/>; used by Attendees' sign-in.</summary>
    public static string IssueToken(AuthOptions auth, Guid subject, string email, string displayName, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject.ToString()),
            new(JwtRegisteredClaimNames.Email, email),
            new(JwtRegisteredClaimNames.Name, displayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
        };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.Add(auth.TokenLifetime),
            SigningCredentials = new SigningCredentials(auth.Key(), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The signed-in attendee's id (the token's subject).</summary>
    public static Guid AttendeeId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? id
            : throw new InvalidOperationException("The token has no attendee id; the endpoint must require authorization.");

    public static bool IsOrganizer(this ClaimsPrincipal user) => user.IsInRole(Roles.Organizer);
}
