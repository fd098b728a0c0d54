using EventPlatform.Attendees.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Data;

public sealed class AttendeesDbContext(DbContextOptions<AttendeesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Attendee> Attendees => Set<Attendee>();
    public DbSet<EventReplica> Events => Set<EventReplica>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    /// <summary>
    /// Within the caller's transaction: the event's replica, its row locked until the transaction ends (null when the event
    /// is unknown). Every change to an event's seats or waitlist takes this lock first, so they are serialised per event.
    /// </summary>
    public Task<EventReplica?> LockEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        Events.FromSql($"SELECT * FROM event_replicas WHERE id = {eventId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Attendee>(attendee =>
        {
            attendee.ToTable("attendees");
            attendee.HasKey(a => a.Id);
            attendee.Property(a => a.Email).HasMaxLength(320);
            attendee.HasIndex(a => a.Email).IsUnique();
            attendee.Property(a => a.PasswordHash).HasMaxLength(200);
            attendee.Property(a => a.DisplayName).HasMaxLength(100);
            attendee.Property(a => a.Headline).HasMaxLength(200);
            attendee.Property(a => a.Company).HasMaxLength(200);
            attendee.Property(a => a.Bio).HasMaxLength(2000);
            attendee.Property(a => a.TimeZone).HasMaxLength(64);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.AttendeeId);
            token.Property(t => t.RevokedReason).HasMaxLength(40);
            token.HasOne<Attendee>().WithMany().HasForeignKey(t => t.AttendeeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccountToken>(token =>
        {
            token.ToTable("account_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
            token.Property(t => t.Email).HasMaxLength(320);
            token.Property(t => t.DisplayName).HasMaxLength(100);
            token.Property(t => t.PasswordHash).HasMaxLength(200);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            // How many links an address was sent lately (the per-address mail limit).
            token.HasIndex(t => new { t.Email, t.CreatedAt });
            token.HasOne<Attendee>().WithMany().HasForeignKey(t => t.AttendeeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LoginThrottle>(throttle =>
        {
            throttle.ToTable("login_throttles");
            throttle.HasKey(t => t.Email);
            throttle.Property(t => t.Email).HasMaxLength(320);
        });

        modelBuilder.Entity<EventReplica>(ev =>
        {
            ev.ToTable("event_replicas", table =>
            {
                // The invariant registration rests on: no code path, however concurrent, can overbook.
                table.HasCheckConstraint("ck_event_replicas_seats", "confirmed_count >= 0 AND confirmed_count <= capacity");
                table.HasCheckConstraint("ck_event_replicas_waitlist", "waitlisted_count >= 0");
            });
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).ValueGeneratedNever();
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Description).HasMaxLength(5000);
            ev.Property(e => e.Status).HasMaxLength(20);
            ev.Property(e => e.TimeZone).HasMaxLength(64);
            ev.Property(e => e.JoinUrl).HasMaxLength(500);
            ev.Ignore(e => e.HasFreeSeat);
            ev.Ignore(e => e.RegistrationClosesAtOrEnd);
        });

        modelBuilder.Entity<Registration>(registration =>
        {
            registration.ToTable("registrations");
            registration.HasKey(r => r.Id);
            registration.Property(r => r.Id).ValueGeneratedNever();
            registration.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            registration.Property(r => r.Sequence).UseIdentityAlwaysColumn();
            registration.Ignore(r => r.IsActive);
            // One active registration per attendee and event; a cancelled one may be followed by a new one.
            registration.HasIndex(r => new { r.EventId, r.AttendeeId }).IsUnique().HasFilter("status <> 'Cancelled'");
            registration.HasIndex(r => new { r.EventId, r.Status, r.Sequence });
            registration.HasIndex(r => r.AttendeeId);
            registration.HasOne<EventReplica>().WithMany().HasForeignKey(r => r.EventId);
            registration.HasOne<Attendee>().WithMany().HasForeignKey(r => r.AttendeeId);
        });
    }
}
