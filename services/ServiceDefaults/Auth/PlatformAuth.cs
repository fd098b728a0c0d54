using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventPlatform.ServiceDefaults.Auth;

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

public static class PlatformClaims
{
    /// <summary>The session (refresh-token family) a token was issued for.</summary>
    public const string Session = "sid";
    public const string Role = "role";
}

public static class PlatformAuth
{
    public static AuthOptions ReadAuthOptions(this IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        options.Validate();
        return options;
    }

    /// <summary>
    /// Every service validates the platform's JWTs itself with the public key (the gateway's check is not trusted
    /// alone). Without a configured key a service outside Development refuses to start.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.ReadAuthOptions();
        var keys = SigningKeys.LoadValidationKeys(auth, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(auth);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = ValidationParameters(auth, keys);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Organizer, policy => policy.RequireRole(Roles.Organizer))
            .AddPolicy(Policies.Attendee, policy => policy.RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>For the part that signs tokens (Attendees): the private key and a <see cref="TokenIssuer"/>.</summary>
    public static IHostApplicationBuilder AddTokenIssuer(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.ReadAuthOptions();
        var key = SigningKeys.LoadSigningKey(auth, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(services => new TokenIssuer(auth, key, services.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions auth, IEnumerable<SecurityKey> keys) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        IssuerSigningKeys = [.. keys],
        // Only the platform's asymmetric algorithm: an HS256 or "none" token is refused whatever it claims.
        ValidAlgorithms = [SigningKeys.Algorithm],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = PlatformClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>The signed-in attendee's id (the token's subject).</summary>
    public static Guid AttendeeId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? id
            : throw new InvalidOperationException("The token has no attendee id; the endpoint must require authorization.");

    public static bool IsOrganizer(this ClaimsPrincipal user) => user.IsInRole(Roles.Organizer);
}
