using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.Notifications.Letters;
using EventPlatform.Notifications.Preferences;
using EventPlatform.Notifications.Scheduling;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EventPlatform.Notifications.Delivery;

/// <summary>
/// Delivers the emails that notifications recorded: due rows are locked (<c>FOR UPDATE SKIP LOCKED</c>, so several
/// replicas never send one twice), written from the current state of the event and the people, sent over one SMTP
/// connection, and marked sent in the same transaction. A failure schedules the next attempt with backoff; an SMTP
/// outage only delays mail. Each message's Message-ID is the row's id, so a resend after a crash between the SMTP
/// acknowledgement and the commit is recognisable by the receiving side.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, IOptions<EmailDeliveryOptions> delivery,
    UnsubscribeTokens unsubscribeTokens, TimeProvider clock, ILogger<EmailDispatcher> logger) : PeriodicWork(clock, logger)
{
    /// <summary>Attempts (about a minute of backoff) to wait for an event that is not known yet before mailing without it.</summary>
    private const int WaitForEventAttempts = 6;

    protected override string Name => "Email delivery";

    protected override TimeSpan Pause => delivery.Value.PollInterval;

    /// <summary>A full batch is followed by the next at once; the database being away is the one failure here that is not per email.</summary>
    protected override async Task<bool> PassAsync(CancellationToken cancellationToken) => await DeliverDueAsync(cancellationToken) > 0;

    /// <summary>Sends one batch of due emails; how many it handled (sent or rescheduled).</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        var batch = await db.Emails.FromSql($"""
            SELECT * FROM outgoing_emails
            WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
            ORDER BY next_attempt_at
            LIMIT {delivery.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var ids = batch.Select(e => e.Id).ToList();
        var notifications = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        // A digest is written from the notifications it gathers.
        var itemIds = notifications.Values.SelectMany(n => n.Details.Items).ToList();
        var items = itemIds.Count == 0
            ? []
            : await db.Notifications.AsNoTracking().Where(n => itemIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var written = notifications.Values.Concat(items.Values).ToList();
        var eventIds = written.Select(n => n.EventId).OfType<Guid>().Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var people = written.SelectMany(n => new[] { (Guid?)n.RecipientId, n.PartnerId }).OfType<Guid>().Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => people.Contains(c.AttendeeId)).ToDictionaryAsync(c => c.AttendeeId, cancellationToken);
        var writer = new LetterWriter(delivery.Value.PublicUrl);
        var from = MailboxAddress.Parse(smtp.Value.From);

        using var client = new SmtpClient { Timeout = (int)smtp.Value.Timeout.TotalMilliseconds };
        Exception? unreachable = null;
        var secretsSent = new List<Guid>();
        foreach (var email in batch)
        {
            var notification = notifications[email.Id];
            var recipient = NotificationKind.IsAccount(notification.Kind)
                ? Contact.Create(notification.RecipientId, notification.Details.Address ?? "", notification.Details.RecipientName ?? "", now)
                : contacts.GetValueOrDefault(notification.RecipientId);
            if (recipient is null || recipient.Email.Length == 0)
            {
                // The sign-up that carries the address can arrive after the first notification: try again shortly.
                email.Retry(now, "The recipient's address is not known yet.", delivery.Value.MaxBackoff);
                continue;
            }
            if (unreachable is not null)
            {
                email.Retry(now, unreachable.Message, delivery.Value.MaxBackoff, serverAway: true);
                continue;
            }
            var ev = notification.EventId is { } eventId ? events.GetValueOrDefault(eventId) : null;
            if (notification.EventId is not null && ev is null && email.Attempts < WaitForEventAttempts)
            {
                // The event's own message can arrive after the registration's: wait a little for it (its title, times and
                // the invite), then send what is known.
                email.Retry(now, "The event is not known yet.", delivery.Value.MaxBackoff);
                continue;
            }
            var letter = Write(writer, notification, recipient.AttendeeId, events, contacts, now,
                [.. notification.Details.Items.Select(items.GetValueOrDefault).OfType<Notification>()
                    .Select(item => Write(writer, item, recipient.AttendeeId, events, contacts, now, []))]);
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(client, cancellationToken);
                }
                var links = NotificationKind.IsAccount(notification.Kind) ? null : await UnsubscribeLinksAsync(recipient.AttendeeId, notification.Kind, cancellationToken);
                await client.SendAsync(Message(email, letter, from, recipient, links), cancellationToken);
                email.Sent(Clock.GetUtcNow());
                if (notification.Details.Secret is not null)
                {
                    // A link's secret is kept only until its mail is out.
                    secretsSent.Add(notification.Id);
                }
                logger.LogInformation("Sent {Kind} email {EmailId} to {AttendeeId}", notification.Kind, email.Id, recipient.AttendeeId);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                email.Retry(now, ex.Message, delivery.Value.MaxBackoff);
                logger.LogWarning("Email {EmailId} refused ({StatusCode}): {Message}; next attempt at {NextAttemptAt}", email.Id, ex.StatusCode, ex.Message, email.NextAttemptAt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The server is down or the connection broke: this and the rest of the batch wait for the next attempt.
                unreachable = ex;
                email.Retry(now, ex.Message, delivery.Value.MaxBackoff, serverAway: true);
                logger.LogWarning("SMTP server {Host}:{Port} unavailable ({Message}); {Count} emails wait, next attempt at {NextAttemptAt}",
                    smtp.Value.Host, smtp.Value.Port, ex.Message, batch.Count, email.NextAttemptAt);
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (secretsSent.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE notifications SET details = details - 'secret' WHERE id = ANY({secretsSent})", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private static Letter Write(LetterWriter writer, Notification n, Guid recipientId, Dictionary<Guid, NotifiedEvent> events, Dictionary<Guid, Contact> contacts,
        DateTimeOffset now, IReadOnlyList<Letter> items)
    {
        var ev = n.EventId is { } eventId ? events.GetValueOrDefault(eventId) : null;
        var partner = n.PartnerId is { } partnerId ? contacts.GetValueOrDefault(partnerId)?.DisplayName : null;
        return writer.Write(n, recipientId, ev, partner, now, items);
    }

    private async Task<UnsubscribeLinks> UnsubscribeLinksAsync(Guid attendeeId, string kind, CancellationToken cancellationToken)
    {
        var token = Uri.EscapeDataString(await unsubscribeTokens.IssueAsync(attendeeId, kind, cancellationToken));
        return new UnsubscribeLinks(
            Page: new Uri(delivery.Value.PublicUrl, $"/unsubscribe?token={token}").ToString(),
            OneClick: new Uri(delivery.Value.PublicUrl, $"/api/notifications/unsubscribe?token={token}").ToString(),
            Settings: new Uri(delivery.Value.PublicUrl, "/account/notifications").ToString());
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var options = smtp.Value;
        await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
        if (options.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken);
        }
    }

    /// <summary>Where the email's reader stops it: a page that asks first, the one-click address for mail clients (RFC 8058), the settings.</summary>
    public sealed record UnsubscribeLinks(string Page, string OneClick, string Settings);

    /// <summary>The email of a letter; <paramref name="unsubscribe"/> is null for account mail, which nobody unsubscribes from.</summary>
    public static MimeMessage Message(OutgoingEmail email, Letter letter, MailboxAddress from, Contact recipient, UnsubscribeLinks? unsubscribe)
    {
        var message = new MimeMessage { Subject = letter.Title, MessageId = $"{email.Id:N}@eventplatform" };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Email));
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.OneClick}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder
        {
            TextBody = letter.PlainText(recipient.DisplayName, unsubscribe),
            HtmlBody = letter.Html(recipient.DisplayName, unsubscribe),
        };
        if (letter.Calendar is { } calendar)
        {
            var contentType = new ContentType("text", "calendar") { Charset = "utf-8" };
            contentType.Parameters.Add("method", calendar.Method);
            body.Attachments.Add(calendar.FileName, System.Text.Encoding.UTF8.GetBytes(calendar.Ics), contentType);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
