using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using EventPlatform.Notifications.Scheduling;
using Microsoft.Extensions.Options;

namespace EventPlatform.Notifications.Reminders;

/// <summary>When reminders go out (<c>Notifications__Reminders__…</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications:Reminders";

    /// <summary>How often the scheduler looks for events and meetings coming up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reminds people 24 hours and 15 minutes before each event they hold a seat at and each meeting they have. Each
/// reminder is decided once: a row per (event or meeting, lead) is inserted with the reminders in one transaction, and
/// a second replica looking at the same moment waits for it and then finds it. A start closer than the next lead gets
/// the nearer reminder only (an event published an hour before it starts is reminded 15 minutes before, not twice).
/// </summary>
public sealed class ReminderScheduler(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock,
    ILogger<ReminderScheduler> logger) : PeriodicWork(clock, logger)
{
    /// <summary>The leads, longest first.</summary>
    public static readonly IReadOnlyList<TimeSpan> Leads = [TimeSpan.FromHours(24), TimeSpan.FromMinutes(15)];

    protected override string Name => "Reminders";

    protected override TimeSpan Pause => options.Value.Interval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        await SendDueAsync(cancellationToken);
        return false;
    }

    /// <summary>Records every reminder that is due and not yet recorded; how many people were reminded.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var reminded = 0;
        var now = Clock.GetUtcNow();
        for (var i = 0; i < Leads.Count; i++)
        {
            var lead = Leads[i];
            // Due for this lead: starting within it, and not within the next (shorter) lead, which would remind sooner.
            var notBefore = i + 1 < Leads.Count ? now + Leads[i + 1] : now;
            var until = now + lead;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var events = await db.Events.AsNoTracking()
                .Where(e => (e.Status == "published" || e.Status == "live") && e.StartsAt > notBefore && e.StartsAt <= until)
                .Select(e => e.Id).ToListAsync(cancellationToken);
            foreach (var eventId in events)
            {
                reminded += await RemindAsync(db, eventId, lead, now, async () =>
                    await db.Registrations.Where(r => r.EventId == eventId && r.State == RegistrationState.Confirmed)
                        .Select(r => new Reminded(r.AttendeeId, null, null)).ToListAsync(cancellationToken), NotificationKind.EventReminder, eventId, cancellationToken);
            }
            var meetings = await db.Meetings.AsNoTracking().Where(m => m.StartsAt > notBefore && m.StartsAt <= until).ToListAsync(cancellationToken);
            foreach (var meeting in meetings)
            {
                reminded += await RemindAsync(db, meeting.Id, lead, now, () => Task.FromResult<List<Reminded>>(
                    [.. meeting.AttendeeIds.Select(a => new Reminded(a, meeting.AttendeeIds.FirstOrDefault(o => o != a), meeting))]),
                    NotificationKind.MeetingReminder, meeting.EventId, cancellationToken);
            }
        }
        return reminded;
    }

    private sealed record Reminded(Guid AttendeeId, Guid? PartnerId, Meeting? Meeting);

    private async Task<int> RemindAsync(NotificationsDbContext db, Guid subjectId, TimeSpan lead, DateTimeOffset now,
        Func<Task<List<Reminded>>> people, string kind, Guid eventId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var leadMinutes = (int)lead.TotalMinutes;
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sent_reminders (subject_id, lead_minutes, sent_at) VALUES ({subjectId}, {leadMinutes}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var recipients = await people();
        await db.NotifyAsync([.. recipients.Select(person => Notification.Create(person.AttendeeId, kind, now, eventId, person.Meeting?.MatchId,
                person.PartnerId is { } partner && partner != Guid.Empty ? partner : null, new NotificationDetails
                {
                    LeadMinutes = leadMinutes,
                    StartsAt = person.Meeting?.StartsAt,
                    EndsAt = person.Meeting?.EndsAt,
                    RoomUrl = person.Meeting?.RoomUrl,
                }))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Reminded {Count} people {Lead} before {Kind} {SubjectId}", recipients.Count, lead, kind, subjectId);
        return recipients.Count;
    }
}
