using EventPlatform.Attendees.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Data;

public sealed class AttendeesDbContext(DbContextOptions<AttendeesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Attendee> Attendees => Set<Attendee>();
    public DbSet<EventReplica> Events => Set<EventReplica>();

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

        modelBuilder.Entity<EventReplica>(ev =>
        {
            ev.ToTable("event_replicas");
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).ValueGeneratedNever();
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Description).HasMaxLength(5000);
            ev.Property(e => e.Status).HasMaxLength(20);
            ev.Property(e => e.TimeZone).HasMaxLength(64);
            ev.Property(e => e.JoinUrl).HasMaxLength(500);
        });
    }
}
