namespace EventPlatform.Web.Components.Pages.Account;

/// <summary>
/// Where someone was going when they signed up, kept in this browser until they open the link mailed to them (in a new
/// tab, often): a local path only, for a day at most.
/// </summary>
public static class AfterSignUp
{
    private const string Cookie = "ep_after_signup";

    public static void Remember(HttpContext http, string localUrl) =>
        http.Response.Cookies.Append(Cookie, localUrl, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(1), Path = "/account",
        });

    public static string Take(HttpContext http, string fallback)
    {
        var remembered = http.Request.Cookies[Cookie];
        if (remembered is not null)
        {
            http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/account" });
        }
        return LocalUrl.Or(remembered, fallback);
    }
}
