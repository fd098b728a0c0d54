using System.Globalization;
using EventPlatform.Web.Sessions;

namespace EventPlatform.Web.Services;

/// <summary>
/// Times as the viewer lives them: in the time zone of their profile when signed in, else the one their browser
/// reported (the "tz" cookie app.js sets), else UTC; each time is written with its zone, so nothing is ambiguous.
/// </summary>
public sealed class ViewerTime(CurrentUser user, IHttpContextAccessor context)
{
    public const string Cookie = "tz";
    public const string ClaimType = "time_zone";

    private TimeZoneInfo? _zone;

    /// <summary>Where the zone came from: "profile", "browser" (the cookie) or "default" (neither yet: the first page a browser sees).</summary>
    public string Source { get; private set; } = "default";

    public async Task<TimeZoneInfo> ZoneAsync()
    {
        if (_zone is not null)
        {
            return _zone;
        }
        var principal = await user.PrincipalAsync();
        var (name, source) = principal.FindFirst(ClaimType)?.Value is { } claimed
            ? (claimed, "profile")
            : (context.HttpContext?.Request.Cookies[Cookie], "browser");
        if (name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            Source = source;
            _zone = zone;
        }
        else
        {
            Source = "default";
            _zone = TimeZoneInfo.Utc;
        }
        return _zone;
    }

    public static string Format(DateTimeOffset time, TimeZoneInfo zone, bool withDate = true)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var text = withDate
            ? local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return text;
    }

    /// <summary>The zone as people read it: "America/New York"; UTC stays "UTC".</summary>
    public static string ZoneLabel(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id.Replace('_', ' ');

    /// <summary>A wall-clock time in a zone (what a date-time field holds) as an instant; a time a clock change skips moves forward.</summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(15);
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>An instant as the wall-clock time of a zone, for a date-time field.</summary>
    public static DateTime ToLocal(DateTimeOffset time, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(time, zone).DateTime, DateTimeKind.Unspecified);
}
