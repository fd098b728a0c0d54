using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Data;

public sealed class MatchmakingDbContext(DbContextOptions<MatchmakingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<NetworkingEvent> Events => Set<NetworkingEvent>();
    public DbSet<PoolMember> PoolMembers => Set<PoolMember>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<NetworkingEvent>(ev =>
        {
            ev.ToTable("networking_events");
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).ValueGeneratedNever();
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Status).HasMaxLength(20);
            ev.Property(e => e.TimeZone).HasMaxLength(64);
            // Two messages for one event handled at once: the later save fails on PostgreSQL's row version (xmin)
            // and is retried, so the version check in Apply sees the winner's state instead of overwriting it.
            ev.Property<uint>("RowVersion").IsRowVersion();
        });

        modelBuilder.Entity<PoolMember>(member =>
        {
            member.ToTable("pool_members");
            member.HasKey(p => new { p.EventId, p.AttendeeId });
            member.Property(p => p.DisplayName).HasMaxLength(100);
            member.Property(p => p.Headline).HasMaxLength(200);
            member.Property(p => p.Company).HasMaxLength(200);
            member.Property(p => p.TimeZone).HasMaxLength(64);
            member.Ignore(p => p.IsInPool);
            // Concurrent messages for one member (e.g. two profile edits): the later save is retried (see Events above).
            member.Property<uint>("RowVersion").IsRowVersion();
            // Profile edits find every event an attendee is in.
            member.HasIndex(p => p.AttendeeId);
        });
    }
}
