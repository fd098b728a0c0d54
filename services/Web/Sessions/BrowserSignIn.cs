using EventPlatform.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EventPlatform.Web.Sessions;

/// <summary>
/// Turns the platform's tokens into a signed-in browser: the tokens go into the session store, the browser gets only
/// the session cookie (HttpOnly, SameSite, sealed), which names the person and their session.
/// </summary>
public sealed class BrowserSignIn(WebSessions sessions, PlatformApi api)
{
    public async Task<ApiProblem?> SignInAsync(HttpContext http, SignedInDto signedIn, CancellationToken cancellationToken = default)
    {
        var profile = await api.SendWithTokenAsync<ProfileDto>(signedIn.Token, HttpMethod.Get, "/api/attendees/me", cancellationToken);
        if (!profile.Ok)
        {
            return profile.Problem;
        }
        var sessionId = await sessions.StartAsync(signedIn, cancellationToken);
        await IssueCookieAsync(http, sessionId, signedIn.AttendeeId, profile.Value!, signedIn.Roles);
        return null;
    }

    /// <summary>The cookie again, after the profile changed (the header shows the new name, times the new zone).</summary>
    public Task RefreshAsync(HttpContext http, ProfileDto profile)
    {
        var user = http.User;
        return user.SessionOf() is { } sessionId && user.AttendeeOf() is { } id
            ? IssueCookieAsync(http, sessionId, id, profile, user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value))
            : Task.CompletedTask;
    }

    private static Task IssueCookieAsync(HttpContext http, string sessionId, Guid attendeeId, ProfileDto profile, IEnumerable<string> roles)
    {
        var principal = SessionClaims.Principal(sessionId, attendeeId, profile.DisplayName, profile.Email, roles);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(ViewerTime.ClaimType, profile.TimeZone));
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = true });
    }
}
