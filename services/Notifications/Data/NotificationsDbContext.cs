using System.Text.Json;
using EventPlatform.Contracts.Notifications;
using EventPlatform.Notifications.Domain;
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

    /// <summary>
    /// Records a notification, the email that carries it when its kind is emailed, and the message that tells the web
    /// app (all in the caller's transaction).
    /// </summary>
    public Notification Notify(Notification notification)
    {
        Notifications.Add(notification);
        Publish(new NotificationAdded
        {
            NotificationId = notification.Id, RecipientId = notification.RecipientId, Kind = notification.Kind, OccurredAt = notification.CreatedAt,
        });
        if (NotificationKind.IsEmailed(notification.Kind))
        {
            Emails.Add(OutgoingEmail.For(notification));
        }
        return notification;
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
            notification.HasIndex(n => n.RecipientId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
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

        modelBuilder.Entity<OutgoingEmail>(email =>
        {
            email.ToTable("outgoing_emails");
            email.HasKey(e => e.Id);
            email.Property(e => e.Id).ValueGeneratedNever();
            email.Property(e => e.LastError).HasMaxLength(500);
            email.HasOne<Notification>().WithOne().HasForeignKey<OutgoingEmail>(e => e.NotificationId).OnDelete(DeleteBehavior.Cascade);
            email.HasIndex(e => e.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("ix_outgoing_emails_due");
        });
    }
}
