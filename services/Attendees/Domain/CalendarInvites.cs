using System.Globalization;
using System.Text;

namespace EventPlatform.Attendees.Domain;

/// <summary>RFC 5545 calendar invites for registrations: UTC times, a UID stable per attendee and event, the join URL.</summary>
public static class CalendarInvites
{
    public static string For(Registration registration, EventReplica ev, DateTimeOffset now)
    {
        var description = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(ev.Description))
        {
            description.Append(ev.Description.Trim()).Append("\n\n");
        }
        if (registration.Status == RegistrationStatus.Waitlisted)
        {
            description.Append("You are on the waitlist; this invite is tentative until a seat frees up.\n");
        }
        if (ev.JoinUrl is not null)
        {
            description.Append("Join: ").Append(ev.JoinUrl).Append('\n');
        }
        description.Append("Time zone of the event: ").Append(ev.TimeZone);

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//EventPlatform//Registrations//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            // Stable across downloads and re-registrations, so calendars update the entry instead of duplicating it.
            $"UID:{ev.Id:N}-{registration.AttendeeId:N}@eventplatform",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(ev.StartsAt)}",
            $"DTEND:{Utc(ev.EndsAt)}",
            $"SUMMARY:{Escape(ev.Title)}",
            $"DESCRIPTION:{Escape(description.ToString())}",
            $"STATUS:{(registration.Status == RegistrationStatus.Confirmed ? "CONFIRMED" : "TENTATIVE")}",
            $"SEQUENCE:{ev.Version}",
        };
        if (ev.JoinUrl is not null)
        {
            lines.Add($"URL:{ev.JoinUrl}");
            lines.Add($"LOCATION:{Escape(ev.JoinUrl)}");
        }
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var ics = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(ics, line);
        }
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets are folded (RFC 5545 §3.1) without splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
