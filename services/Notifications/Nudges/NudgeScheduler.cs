using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using EventPlatform.Notifications.Scheduling;
using Microsoft.Extensions.Options;

namespace EventPlatform.Notifications.Nudges;

/// <summary>When networking nudges go out (<c>Notifications__Nudges__…</c>).</summary>
public sealed class NudgeOptions
{
    public const string Section = "Notifications:Nudges";

    /// <summary>How often the scheduler looks for waiting messages and digests that are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long private messages wait unread before the recipient counts as away and is told.</summary>
    public TimeSpan AwayAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The hour of the day (in each person's time zone) from which their daily digest goes out.</summary>
    public int DigestHour { get; set; } = 8;
}

/// <summary>
/// The networking nudges that wait for a moment: a notice about private messages still unread once their recipient is
/// away, and each day's digest for people who chose one. Each is decided in one transaction with the row that makes it
/// once (the pending notice deleted; the person's digest for that day inserted), so several replicas never send one twice.
/// </summary>
public sealed class NudgeScheduler(IServiceScopeFactory scopes, IOptions<NudgeOptions> options, TimeProvider clock, ILogger<NudgeScheduler> logger)
    : PeriodicWork(clock, logger)
{
    private const int Batch = 200;

    protected override string Name => "Networking nudges";

    protected override TimeSpan Pause => options.Value.Interval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var told = await NoticeWaitingMessagesAsync(cancellationToken);
        await SendDigestsAsync(cancellationToken);
        // A full batch of notices: more may be due now.
        return told == Batch;
    }

    /// <summary>Tells each person whose messages from a match are still unread when due; how many were told.</summary>
    public async Task<int> NoticeWaitingMessagesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = Clock.GetUtcNow();
        var due = await db.PendingMessageNotices.AsNoTracking().Where(n => n.DueAt <= now).OrderBy(n => n.DueAt).Take(Batch)
            .Select(n => new { n.MatchId, n.RecipientId }).ToListAsync(cancellationToken);
        var told = 0;
        foreach (var key in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The same lock as the consumer that counts new messages and withdraws read ones.
            await db.LockReplicaAsync(key.MatchId, cancellationToken);
            var notice = await db.PendingMessageNotices.FindAsync([key.MatchId, key.RecipientId], cancellationToken);
            if (notice is not null)
            {
                await db.NotifyAsync(Notification.Create(notice.RecipientId, NotificationKind.MessageWaiting, now, notice.EventId, notice.MatchId, notice.SenderId,
                    new NotificationDetails { Messages = notice.Messages }), cancellationToken);
                db.PendingMessageNotices.Remove(notice);
                await db.SaveChangesAsync(cancellationToken);
                told++;
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return told;
    }

    /// <summary>Sends today's digest to each person whose morning has come and who has nudges waiting for it; how many were sent.</summary>
    public async Task<int> SendDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = Clock.GetUtcNow();
        // Everyone with nudges waiting is looked at (a cap could keep the same people, whose morning has not come, first every time).
        var waiting = await db.Notifications.Where(n => n.AwaitsDigest).Select(n => n.RecipientId).Distinct().ToListAsync(cancellationToken);
        var zones = await db.Contacts.AsNoTracking().Where(c => waiting.Contains(c.AttendeeId)).ToDictionaryAsync(c => c.AttendeeId, c => c.TimeZone, cancellationToken);
        var sent = 0;
        foreach (var person in waiting)
        {
            var local = TimeZoneInfo.ConvertTime(now, Zone(zones.GetValueOrDefault(person)));
            if (local.Hour < options.Value.DigestHour)
            {
                continue;
            }
            var day = DateOnly.FromDateTime(local.DateTime);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockReplicaAsync(person, cancellationToken);
            var items = await db.Notifications.Where(n => n.RecipientId == person && n.AwaitsDigest).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
            if (items.Count > 0 && !await db.SentDigests.AnyAsync(d => d.AttendeeId == person && d.Day == day, cancellationToken))
            {
                var digest = Notification.Create(person, NotificationKind.NetworkingDigest, now, details: new NotificationDetails { Items = [.. items.Select(i => i.Id)] });
                await db.NotifyAsync(digest, cancellationToken);
                items.ForEach(i => i.AwaitsDigest = false);
                db.SentDigests.Add(new SentDigest { AttendeeId = person, Day = day, NotificationId = digest.Id });
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    private static TimeZoneInfo Zone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
