using System.Security.Claims;

namespace EventPlatform.Web.Sessions;

/// <summary>What the session cookie says about its person: who they are and which session holds their tokens.</summary>
public static class SessionClaims
{
    public const string SessionId = "web_session";
    public const string AttendeeId = "attendee_id";
    public const string Organizer = "organizer";

    public static ClaimsPrincipal Principal(string sessionId, Guid attendeeId, string displayName, string email, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new(SessionId, sessionId),
            new(AttendeeId, attendeeId.ToString()),
            new(ClaimTypes.Name, displayName),
            new(ClaimTypes.Email, email),
        };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static string? SessionOf(this ClaimsPrincipal user) => user.FindFirstValue(SessionId);

    public static Guid? AttendeeOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(AttendeeId), out var id) ? id : null;

    public static bool IsOrganizer(this ClaimsPrincipal user) => user.IsInRole(Organizer);
}
