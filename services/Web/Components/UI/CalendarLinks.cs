using System.Globalization;

namespace EventPlatform.Web.Components.UI;

/// <summary>"Add to calendar" links for Google Calendar and Outlook (the .ics invite comes from the API).</summary>
public static class CalendarLinks
{
    public static string Google(string title, DateTimeOffset start, DateTimeOffset end, string? details, string? location) =>
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        + $"&text={Uri.EscapeDataString(title)}&dates={Compact(start)}/{Compact(end)}"
        + $"&details={Uri.EscapeDataString(Shorten(details))}&location={Uri.EscapeDataString(location ?? "")}";

    public static string Outlook(string title, DateTimeOffset start, DateTimeOffset end, string? details, string? location) =>
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
        + $"&subject={Uri.EscapeDataString(title)}&startdt={Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}"
        + $"&enddt={Uri.EscapeDataString(end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}"
        + $"&body={Uri.EscapeDataString(Shorten(details))}&location={Uri.EscapeDataString(location ?? "")}";

    private static string Compact(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Shorten(string? text) => text is null ? "" : text.Length > 500 ? text[..500] + "…" : text;
}
