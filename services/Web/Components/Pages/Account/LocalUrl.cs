namespace EventPlatform.Web.Components.Pages.Account;

/// <summary>Where to go after signing in: only a path on this site (never another host).</summary>
public static class LocalUrl
{
    public static string Or(string? url, string fallback) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : fallback;
}
