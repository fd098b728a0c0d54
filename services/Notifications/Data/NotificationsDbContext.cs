using System.Text.Json;
using EventPlatform.Contracts.Notifications;
using EventPlatform.Notifications.Domain;
using EventPlatform.Notifications.Nudges;
using EventPlatform.Notifications.Preferences;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<NotifiedEvent> Events => Set<NotifiedEvent>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutgoingEmail> Emails => Set<OutgoingEmail>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<SentReminder> SentReminders => Set<SentReminder>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<PendingMessageNotice> PendingMessageNotices => Set<PendingMessageNotice>();
    public DbSet<ReadMarker> ReadMarkers => Set<ReadMarker>();
    public DbSet<DigestSetting> DigestSettings => Set<DigestSetting>();
    public DbSet<SentDigest> SentDigests => Set<SentDigest>();

    /// <summary>
    /// Records notifications as their recipients want them (in the feed, by email, both or neither: see
    /// <see cref="Preference"/>), with the email that carries each one emailed and the message that tells the web app
    /// (<see cref="NotificationsAdded"/>), all in the caller's transaction.
    /// </summary>
    public Task NotifyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken) =>
        NotifyAsync(notifications.Select(n => (n, CorrelationId)).ToList(), cancellationToken);

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken) => NotifyAsync([notification], cancellationToken);

    /// <summary>As <see cref="NotifyAsync(IReadOnlyCollection{Notification}, CancellationToken)"/>, for notifications caused by
    /// several messages (a batch), each with the correlation id of what caused it.</summary>
    public async Task NotifyAsync(IReadOnlyCollection<(Notification Notification, string? CorrelationId)> caused, CancellationToken cancellationToken)
    {
        var notifications = caused.Select(c => c.Notification).ToList();
        var recipients = notifications.Select(n => n.RecipientId).Distinct().ToList();
        var kinds = notifications.Select(n => n.Kind).Distinct().ToList();
        var preferences = await Preferences.AsNoTracking()
            .Where(p => recipients.Contains(p.AttendeeId) && kinds.Contains(p.Kind))
            .ToDictionaryAsync(p => (p.AttendeeId, p.Kind), cancellationToken);
        var digests = kinds.Any(NotificationKind.IsNudge)
            ? (await DigestSettings.AsNoTracking().Where(d => recipients.Contains(d.AttendeeId) && d.Enabled).Select(d => d.AttendeeId).ToListAsync(cancellationToken))
                .ToHashSet()
            : [];
        var added = new List<(AddedNotification Notification, string? CorrelationId)>();
        foreach (var (notification, correlationId) in caused)
        {
            var preference = preferences.GetValueOrDefault((notification.RecipientId, notification.Kind));
            var emailOnly = NotificationKind.IsEmailOnly(notification.Kind);
            var email = NotificationKind.IsAccount(notification.Kind) || (NotificationKind.IsEmailed(notification.Kind) && (preference?.Email ?? true));
            var inApp = !emailOnly && (preference?.InApp ?? true);
            if (!email && !inApp)
            {
                continue;
            }
            notification.ShowInFeed = inApp;
            Notifications.Add(notification);
            if (inApp)
            {
                added.Add((new AddedNotification
                {
                    NotificationId = notification.Id, RecipientId = notification.RecipientId, Kind = notification.Kind, OccurredAt = notification.CreatedAt,
                }, correlationId));
            }
            if (email && NotificationKind.IsNudge(notification.Kind) && digests.Contains(notification.RecipientId))
            {
                // Emailed with the person's next daily digest (Nudges/NudgeScheduler).
                notification.AwaitsDigest = true;
            }
            else if (email)
            {
                Emails.Add(OutgoingEmail.For(notification));
            }
        }
        TellWebApp(added);
    }

    /// <summary>
    /// One message to the web app for the notifications added together, not one each: every message costs an outbox row,
    /// a publish and a delivery, and one per notification was about a quarter of the platform's CPU in a registration burst
    /// (README, Figures). It carries its notifications' correlation id when they share one.
    /// </summary>
    private void TellWebApp(List<(AddedNotification Notification, string? CorrelationId)> added)
    {
        foreach (var chunk in added.Chunk(NotificationsAdded.MaxItems))
        {
            var correlationIds = chunk.Select(a => a.CorrelationId).Distinct().ToList();
            Publish(new NotificationsAdded
            {
                Notifications = [.. chunk.Select(a => a.Notification)],
                OccurredAt = chunk.Max(a => a.Notification.OccurredAt),
            }, correlationIds is [var shared] ? shared : CorrelationId);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts");
            contact.HasKey(c => c.AttendeeId);
            contact.Property(c => c.AttendeeId).ValueGeneratedNever();
            contact.Property(c => c.Email).HasMaxLength(320);
            contact.Property(c => c.DisplayName).HasMaxLength(100);
            contact.Property(c => c.TimeZone).HasMaxLength(64);
        });

        modelBuilder.Entity<NotifiedEvent>(ev =>
        {
            ev.ToTable("events");
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).ValueGeneratedNever();
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Description).HasMaxLength(5000);
            ev.Property(e => e.Status).HasMaxLength(20);
            ev.Property(e => e.TimeZone).HasMaxLength(64);
            ev.Property(e => e.JoinUrl).HasMaxLength(500);
            ev.Property(e => e.CancellationReason).HasMaxLength(500);
        });

        modelBuilder.Entity<Registration>(registration =>
        {
            registration.ToTable("registrations");
            registration.HasKey(r => r.Id);
            registration.Property(r => r.Id).ValueGeneratedNever();
            registration.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            registration.HasIndex(r => new { r.EventId, r.State });
        });

        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Id).ValueGeneratedNever();
            notification.Property(n => n.Kind).HasMaxLength(40);
            notification.Property(n => n.Details).HasColumnType("jsonb").HasConversion(
                details => JsonSerializer.Serialize(details, Json),
                json => JsonSerializer.Deserialize<NotificationDetails>(json, Json) ?? new NotificationDetails());
            // The feed: a person's newest first, and their unread ones counted from the index alone.
            notification.HasIndex(n => new { n.RecipientId, n.CreatedAt }).IsDescending(false, true);
            notification.HasIndex(n => n.RecipientId, "unread").HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
            notification.HasIndex(n => n.RecipientId, "awaiting_digest").HasFilter("awaits_digest").HasDatabaseName("ix_notifications_awaiting_digest");
        });

        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.ToTable("meetings");
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Id).ValueGeneratedNever();
            meeting.Property(m => m.RoomUrl).HasMaxLength(500);
            meeting.HasIndex(m => m.StartsAt);
        });

        modelBuilder.Entity<SentReminder>(reminder =>
        {
            reminder.ToTable("sent_reminders");
            reminder.HasKey(r => new { r.SubjectId, r.LeadMinutes });
        });

        modelBuilder.Entity<Preference>(preference =>
        {
            preference.ToTable("preferences");
            preference.HasKey(p => new { p.AttendeeId, p.Kind });
            preference.Property(p => p.Kind).HasMaxLength(40);
        });

        modelBuilder.Entity<PendingMessageNotice>(notice =>
        {
            notice.ToTable("pending_message_notices");
            notice.HasKey(n => new { n.MatchId, n.RecipientId });
            notice.HasIndex(n => n.DueAt);
        });

        modelBuilder.Entity<ReadMarker>(marker =>
        {
            marker.ToTable("read_markers");
            marker.HasKey(r => new { r.MatchId, r.ReaderId });
        });

        modelBuilder.Entity<DigestSetting>(setting =>
        {
            setting.ToTable("digest_settings");
            setting.HasKey(d => d.AttendeeId);
            setting.Property(d => d.AttendeeId).ValueGeneratedNever();
        });

        modelBuilder.Entity<SentDigest>(digest =>
        {
            digest.ToTable("sent_digests");
            digest.HasKey(d => new { d.AttendeeId, d.Day });
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.Name);
            key.Property(k => k.Name).HasMaxLength(40);
        });

        modelBuilder.Entity<OutgoingEmail>(email =>
        {
            email.ToTable("outgoing_emails");
            email.HasKey(e => e.Id);
            email.Property(e => e.Id).ValueGeneratedNever();
            email.Property(e => e.LastError).HasMaxLength(500);
            email.HasOne<Notification>().WithOne().HasForeignKey<OutgoingEmail>(e => e.Id).OnDelete(DeleteBehavior.Cascade);
            email.HasIndex(e => e.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("ix_outgoing_emails_due");
        });
    }
}

/// <summary>A secret the service keeps in its own database, shared by its replicas (the unsubscribe links' key).</summary>
public sealed class SigningKey
{
    public required string Name { get; init; }
    public required byte[] Key { get; init; }
}
