using System.Globalization;
using System.Text;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// RFC 5545 calendar invites for registrations: UTC times, a UID stable per attendee and event (so a calendar updates
/// the entry it has), a SEQUENCE that grows with every change of the invite (event edits, promotion, cancellation),
/// the join link for confirmed attendees only, and <c>METHOD:CANCEL</c> once the registration is cancelled.
/// </summary>
public static class CalendarInvites
{
    public static string For(Registration registration, EventReplica ev, DateTimeOffset now)
    {
        var cancelled = registration.Status == RegistrationStatus.Cancelled || ev.Status == "cancelled";
        var confirmed = registration.Status == RegistrationStatus.Confirmed && !cancelled;
        var description = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(ev.Description))
        {
            description.Append(ev.Description.Trim()).Append("\n\n");
        }
        if (cancelled)
        {
            description.Append(registration.Status == RegistrationStatus.Cancelled
                ? "Your registration was cancelled; this removes the event from your calendar.\n"
                : "The organizer cancelled this event.\n");
        }
        else if (registration.Status == RegistrationStatus.Waitlisted)
        {
            description.Append("You are on the waitlist; this invite is tentative until a seat frees up. The join link comes with your seat.\n");
        }
        if (confirmed && ev.JoinUrl is not null)
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
            cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            // Stable across downloads and re-registrations, so calendars update the entry instead of duplicating it.
            $"UID:{ev.Id:N}-{registration.AttendeeId:N}@eventplatform",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(ev.StartsAt)}",
            $"DTEND:{Utc(ev.EndsAt)}",
            $"SUMMARY:{Escape(ev.Title)}",
            $"DESCRIPTION:{Escape(description.ToString())}",
            $"STATUS:{(cancelled ? "CANCELLED" : confirmed ? "CONFIRMED" : "TENTATIVE")}",
            // Both parts only ever grow: any change of the event or of this registration raises it.
            $"SEQUENCE:{ev.Version + registration.InviteRevision}",
        };
        if (confirmed && ev.JoinUrl is not null)
        {
            lines.Add($"URL:{Escape(ev.JoinUrl)}");
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

    /// <summary>
    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, a bare LF or
    /// a bare CR) written as \n, and any other control character dropped, so no value can start a line of its own.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': escaped.Append("\\\\"); break;
                case ';': escaped.Append("\\;"); break;
                case ',': escaped.Append("\\,"); break;
                case '\r':
                    escaped.Append("\\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n': escaped.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t')
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

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
