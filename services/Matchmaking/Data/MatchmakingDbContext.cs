using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Data;

public sealed class MatchmakingDbContext(DbContextOptions<MatchmakingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<NetworkingEvent> Events => Set<NetworkingEvent>();

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
        });
    }
}
