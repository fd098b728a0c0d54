using System.Globalization;
using System.Net;
using System.Text;
using EventPlatform.Notifications.Delivery;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Calendar;

namespace EventPlatform.Notifications.Letters;

/// <summary>
/// A notification in words: the feed shows the title and text, an email adds the HTML body and the invite.
/// <paramref name="LinkLabel"/> names what the link does.
/// </summary>
public sealed record Letter(string Title, string Text, string Link, CalendarAttachment? Calendar, string LinkLabel = "Open it on EventPlatform")
{
    /// <summary>The HTML body; the footer's links are left out when there is nothing to unsubscribe from (account mail).</summary>
    public string Html(string recipientName, EmailDispatcher.UnsubscribeLinks? unsubscribe) => $"""
        <!doctype html>
        <html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:36rem">
        <p>Hi {WebUtility.HtmlEncode(recipientName)},</p>
        <h1 style="font-size:1.25rem">{WebUtility.HtmlEncode(Title)}</h1>
        {string.Concat(Text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"))}
        <p><a href="{WebUtility.HtmlEncode(Link)}">{WebUtility.HtmlEncode(LinkLabel)}</a></p>
        {(unsubscribe is null ? "" : $"""
        <hr style="border:none;border-top:1px solid #d5dae4">
        <p style="font-size:.85rem;color:#475066"><a href="{WebUtility.HtmlEncode(unsubscribe.Page)}">Stop emails like this</a> · <a href="{WebUtility.HtmlEncode(unsubscribe.Settings)}">Choose what reaches you</a></p>
        """)}
        </body></html>
        """;

    public string PlainText(string recipientName, EmailDispatcher.UnsubscribeLinks? unsubscribe) =>
        $"Hi {recipientName},\n\n{Title}\n\n{Text}\n\n{LinkLabel}: {Link}\n" +
        (unsubscribe is null ? "" : $"\n-- \nStop emails like this: {unsubscribe.Page}\nChoose what reaches you: {unsubscribe.Settings}\n");
}

/// <summary>An iCalendar file to attach: its text and its METHOD (PUBLISH adds or updates the entry, CANCEL removes it).</summary>
public sealed record CalendarAttachment(string Ics, string Method, string FileName);

/// <summary>Writes each kind of notification from what is known of the event and the people when it is shown or sent.</summary>
public sealed class LetterWriter(Uri publicUrl)
{
    /// <param name="items">For a digest: the letters of the notifications it gathers, oldest first.</param>
    public Letter Write(Notification n, Guid recipientId, NotifiedEvent? ev, string? partnerName, DateTimeOffset now, IReadOnlyList<Letter>? items = null)
    {
        var title = ev?.Title ?? "an event";
        var when = ev is null ? "" : Span(ev.StartsAt, ev.EndsAt, ev.TimeZone);
        var eventLink = Link(n.EventId is { } id ? $"/events/{id}" : "/me/events");
        var matchLink = Link(n.MatchId is { } match ? $"/me/networking/matches/{match}" : "/me/networking");
        var partner = partnerName ?? "another attendee";
        var sequence = n.Details.InviteSequence ?? 0;
        var runs = ev is null ? "" : $" {title} is on {when}.";
        return n.Kind switch
        {
            NotificationKind.RegistrationConfirmed => new($"You're registered for {title}",
                $"Your seat is confirmed.{runs}\n\n" + (ev is null ? "The event page has the times and the join link." : "The calendar invite is attached; the join link is in it and on the event page."),
                eventLink, EventInvite(n, recipientId, ev, sequence, now, cancel: false)),
            NotificationKind.RegistrationWaitlisted => new($"You're on the waitlist for {title}",
                $"The event is full, so you are number {n.Details.WaitlistPosition} on the waitlist. When a seat frees up it goes to the first in line, and we'll tell you at once, with the calendar invite.",
                eventLink, null),
            NotificationKind.RegistrationPromoted => new($"A seat opened up: you're in for {title}",
                $"You moved off the waitlist and hold a seat now.{runs}" + (ev is null ? "" : "\n\nThe updated calendar invite is attached."),
                eventLink, EventInvite(n, recipientId, ev, sequence, now, cancel: false)),
            NotificationKind.RegistrationCancelled => new($"Your registration for {title} is cancelled",
                n.Details.WasConfirmed
                    ? "Your seat is released and the event is removed from your calendar. You can register again while places are open."
                    : "You left the waitlist. You can register again while places are open.",
                eventLink, n.Details.WasConfirmed ? EventInvite(n, recipientId, ev, sequence, now, cancel: true) : null),
            NotificationKind.EventUpdated => new($"{title} has changed",
                "The organizer changed the event." + (ev is null ? "" : $" It is now on {when}.") + (n.Details.WasConfirmed && ev is not null ? "\n\nThe updated calendar invite is attached." : ""),
                eventLink, n.Details.WasConfirmed ? EventInvite(n, recipientId, ev, sequence, now, cancel: false) : null),
            NotificationKind.EventCancelled => new($"{title} is cancelled",
                "The organizer cancelled the event" + (string.IsNullOrWhiteSpace(n.Details.Reason) ? "." : $": {n.Details.Reason}") +
                (n.Details.WasConfirmed ? "\n\nThe attached update removes it from your calendar." : ""),
                eventLink, n.Details.WasConfirmed ? EventInvite(n, recipientId, ev, sequence, now, cancel: true) : null),
            NotificationKind.MatchProposed => new($"You're matched with {partner} at {title}",
                (n.Details.Reasons.Count > 0 ? $"Why: {string.Join("; ", n.Details.Reasons)}.\n\n" : "") +
                "Accept to meet (you both have to), or decline; either way your partner is not told why.",
                matchLink, null),
            NotificationKind.MatchAccepted => new($"{partner} accepted your match at {title}",
                "Accept too and your meeting is set; you can send a message in the meantime.", matchLink, null),
            NotificationKind.MatchCalledOff => new($"A match at {title} is off",
                "The meeting will not take place. More matches come with the next networking round.", Link("/me/networking"), null),
            NotificationKind.MeetingConfirmed => new($"Meeting with {partner} confirmed",
                $"You meet {partner} {MeetingTime(n, ev)} at {title}.\n\nRoom: {n.Details.RoomUrl}\n\nThe calendar invite is attached.",
                matchLink, MeetingInvite(n, recipientId, title, partner, now)),
            NotificationKind.EventReminder => new($"Reminder: {title} starts {In(ev?.StartsAt - n.CreatedAt)}",
                $"{title} is on {when}." + (ev?.JoinUrl is { } join ? $"\n\nJoin: {join}" : ""), eventLink, null),
            NotificationKind.MeetingReminder => new($"Reminder: your meeting with {partner} starts {In(n.Details.StartsAt - n.CreatedAt)}",
                $"You meet {partner} {MeetingTime(n, ev)} at {title}.\n\nRoom: {n.Details.RoomUrl}", matchLink, null),
            NotificationKind.QuestionAnswered => new($"Your question on “{n.Details.TalkTitle}” was answered",
                $"The organizer marked your question answered:\n\n“{n.Details.Question}”\n\nThe talk's page has the answer and the other questions.",
                Link($"/talks/{n.Details.TalkSlug}"), null),
            NotificationKind.GroupFormed => new($"You're in a group of {n.Details.GroupSize} at {title}",
                $"A networking round put you with {n.Details.GroupSize - 1} others who share the most with you: you meet {MeetingTime(n, ev)} at {title}.\n\n" +
                $"Room: {n.Details.RoomUrl}\n\nYour networking page says who they are and why, and has the group's chat.",
                Link("/me/networking"), null, "See your group"),
            NotificationKind.QuestionTableProposed when n.Details.InvitedToHost => new($"Host a table on your question at {title}?",
                $"Your question on “{n.Details.TalkTitle}” drew enough upvotes to become a topic table at the next networking break, {MeetingTime(n, ev)}:\n\n" +
                $"“{n.Details.Question}”\n\nAccept to host it, or decline, on the event's networking page; the people who upvoted it are invited to sit first.",
                Link(n.EventId is { } hostEvent ? $"/events/{hostEvent}/networking#tables" : "/me/networking"), null, "Answer the invitation"),
            NotificationKind.QuestionTableProposed => new($"A table on a question you upvoted at {title}",
                $"The question you upvoted on “{n.Details.TalkTitle}” becomes a topic table at the next networking break, {MeetingTime(n, ev)}:\n\n" +
                $"“{n.Details.Question}”\n\nYou may take a seat before everyone else, until an hour before it starts.",
                Link(n.EventId is { } seatEvent ? $"/events/{seatEvent}/networking#tables" : "/me/networking"), null, "Take a seat"),
            NotificationKind.MessageWaiting => new($"{partner} wrote to you",
                (n.Details.Messages is > 1 ? $"{n.Details.Messages} messages" : "A message") + $" from {partner} about {title} " +
                (n.Details.Messages is > 1 ? "wait" : "waits") + " unread in your chat. Reply there; your address stays private.",
                matchLink, null, "Open the chat"),
            NotificationKind.NetworkingDigest => Digest(items ?? []),
            NotificationKind.EmailConfirmation => new("Confirm your email to finish signing up",
                $"Someone, hopefully you, signed up for EventPlatform with this address as {n.Details.RecipientName}. Confirm it with the link below " +
                $"and your account is made. The link works once, until {Expiry(n)}.\n\nIf it was not you, ignore this email: no account is made.",
                SecretLink("/account/verify", n), null, "Confirm my address"),
            NotificationKind.PasswordReset when n.Details.DuringSignUp => new("You already have an EventPlatform account",
                $"Someone, hopefully you, tried to sign up with this address, which already has an account, so nothing new was made. " +
                $"Log in at {Link("/account/login")}, or, if you forgot your password, choose a new one with the link below. " +
                $"It works once, until {Expiry(n)}, and signs you out everywhere else.\n\nIf it was not you, ignore this email: nothing changes.",
                SecretLink("/account/reset-password", n), null, "Choose a new password"),
            NotificationKind.PasswordReset => new("Choose a new password",
                $"Someone, hopefully you, asked to reset the password of your EventPlatform account. The link below works once, until {Expiry(n)}; " +
                "setting a new password signs you out everywhere else.\n\nIf it was not you, ignore this email: your password stays as it is.",
                SecretLink("/account/reset-password", n), null, "Choose a new password"),
            _ => new(n.Kind, "", Link("/"), null),
        };
    }

    private string Link(string path) => new Uri(publicUrl, path).ToString();

    /// <summary>A day's networking nudges in one email: each one's headline and link.</summary>
    private Letter Digest(IReadOnlyList<Letter> items) => new(
        items.Count == 1 ? "Your networking today: 1 update" : $"Your networking today: {items.Count} updates",
        string.Join("\n\n", items.Select(i => $"{i.Title}\n{i.Link}")) +
        "\n\nYou get these once a day because you chose the daily digest; your notification settings switch back to one email each.",
        Link("/me/networking"), null, "Open your networking");

    /// <summary>A web page with the link's secret; once the mail is sent the secret is gone, and so is the link (the feed never shows these).</summary>
    private string SecretLink(string path, Notification n) =>
        Link(n.Details.Secret is { } secret ? $"{path}?token={Uri.EscapeDataString(secret)}" : path);

    private static string Expiry(Notification n) => n.Details.ExpiresAt is { } at ? Moment(at, "UTC") : "it expires";

    /// <summary>How far ahead, as a reminder says it: "in 24 hours", "in 2 hours", "in 15 minutes".</summary>
    public static string In(TimeSpan? until) => until switch
    {
        null => "soon",
        { TotalMinutes: >= 90 } ahead => $"in {Math.Round(ahead.TotalHours)} hours",
        { TotalMinutes: >= 1 } ahead => $"in {Math.Round(ahead.TotalMinutes)} minutes",
        _ => "now",
    };

    private static string MeetingTime(Notification n, NotifiedEvent? ev) =>
        n.Details.StartsAt is { } start ? $"on {Moment(start, ev?.TimeZone ?? "UTC")}" : "at the agreed time";

    private const string DayAndTime = "ddd d MMM yyyy, HH:mm";

    /// <summary>A moment in the event's time zone, as people read it: "Tue 24 Nov 2026, 16:00 (Europe/Berlin)".</summary>
    public static string Moment(DateTimeOffset at, string timeZone)
    {
        var zone = Zone(timeZone);
        return $"{TimeZoneInfo.ConvertTime(at, zone).ToString(DayAndTime, CultureInfo.InvariantCulture)} ({zone.Id})";
    }

    /// <summary>From start to end in the event's time zone: "Mon 7 Dec 2026, 15:00–19:00 (Europe/London)", or both days in full.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string timeZone)
    {
        var zone = Zone(timeZone);
        var (from, to) = (TimeZoneInfo.ConvertTime(start, zone), TimeZoneInfo.ConvertTime(end, zone));
        var last = from.Date == to.Date ? to.ToString("HH:mm", CultureInfo.InvariantCulture) : to.ToString(DayAndTime, CultureInfo.InvariantCulture);
        return $"{from.ToString(DayAndTime, CultureInfo.InvariantCulture)}–{last} ({zone.Id})";
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;

    /// <summary>
    /// The event in the person's calendar: the same UID as the invite Attendees serves for download, so a calendar keeps
    /// one entry whichever it got first, and a SEQUENCE that grows with each email about it.
    /// </summary>
    private CalendarAttachment? EventInvite(Notification n, Guid recipientId, NotifiedEvent? ev, int sequence, DateTimeOffset now, bool cancel)
    {
        if (ev is null)
        {
            return null;
        }
        var method = cancel ? "CANCEL" : "PUBLISH";
        var description = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(ev.Description))
        {
            description.Append(ev.Description.Trim()).Append("\n\n");
        }
        if (!cancel && ev.JoinUrl is not null)
        {
            description.Append("Join: ").Append(ev.JoinUrl).Append('\n');
        }
        description.Append("Event page: ").Append(Link($"/events/{ev.Id}"));
        return Invite(method, cancel ? "cancel.ics" : "invite.ics", $"{ev.Id:N}-{recipientId:N}@eventplatform", now, ev.StartsAt, ev.EndsAt,
            ev.Title, description.ToString(), cancel ? "CANCELLED" : "CONFIRMED", sequence, cancel ? null : ev.JoinUrl);
    }

    private static CalendarAttachment? MeetingInvite(Notification n, Guid recipientId, string eventTitle, string partner, DateTimeOffset now)
    {
        if (n.Details.StartsAt is not { } start || n.Details.EndsAt is not { } end || n.MatchId is not { } match)
        {
            return null;
        }
        return Invite("PUBLISH", "meeting.ics", $"meeting-{match:N}-{recipientId:N}@eventplatform", now, start, end,
            $"Meeting with {partner} ({eventTitle})", $"Room: {n.Details.RoomUrl}", "CONFIRMED", n.Details.InviteSequence ?? 0, n.Details.RoomUrl);
    }

    /// <summary>One calendar entry (RFC 5545) as an attachment; <paramref name="place"/>, when given, is its URL and location.</summary>
    private static CalendarAttachment Invite(string method, string fileName, string uid, DateTimeOffset now, DateTimeOffset start, DateTimeOffset end,
        string summary, string description, string status, int sequence, string? place)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//EventPlatform//Notifications//EN", "CALSCALE:GREGORIAN", $"METHOD:{method}",
            "BEGIN:VEVENT",
            $"UID:{uid}",
            $"DTSTAMP:{CalendarText.Utc(now)}",
            $"DTSTART:{CalendarText.Utc(start)}",
            $"DTEND:{CalendarText.Utc(end)}",
            $"SUMMARY:{CalendarText.Escape(summary)}",
            $"DESCRIPTION:{CalendarText.Escape(description)}",
            $"STATUS:{status}",
            $"SEQUENCE:{sequence}",
        };
        if (place is not null)
        {
            lines.Add($"URL:{CalendarText.Escape(place)}");
            lines.Add($"LOCATION:{CalendarText.Escape(place)}");
        }
        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);
        return new CalendarAttachment(CalendarText.Join(lines), method, fileName);
    }
}
