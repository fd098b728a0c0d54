using System.Text;
using EventPlatform.ServiceDefaults.Calendar;
using static EventPlatform.ServiceDefaults.Calendar.CalendarText;

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

        return CalendarText.Join(lines);
    }
}
