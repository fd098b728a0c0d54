using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace EventPlatform.Web.Sessions;

/// <summary>
/// The person this request or circuit belongs to, from the session cookie: in pages (static or live) through the
/// authentication state, in the app's plain endpoints (the invite, the CSV) from the request they set with <see cref="Use"/>.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    private ClaimsPrincipal? _principal;

    /// <summary>For code outside components: the request's own user.</summary>
    public void Use(ClaimsPrincipal principal) => _principal = principal;

    public async Task<ClaimsPrincipal> PrincipalAsync() => _principal ?? (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<Guid?> IdAsync() => (await PrincipalAsync()).AttendeeOf();

    public async Task<string?> SessionIdAsync() => (await PrincipalAsync()).SessionOf();
}
