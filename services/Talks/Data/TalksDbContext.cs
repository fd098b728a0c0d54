using EventPlatform.ServiceDefaults.Data;
using EventPlatform.Talks.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Data;

public sealed class TalksDbContext(DbContextOptions<TalksDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Talk> Talks => Set<Talk>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Talk>(talk =>
        {
            talk.ToTable("talks");
            talk.HasKey(t => t.Id);
            talk.Property(t => t.Id).ValueGeneratedNever();
            talk.Property(t => t.Slug).HasMaxLength(200);
            talk.HasIndex(t => t.Slug).IsUnique();
            talk.Property(t => t.Title).HasMaxLength(300);
            talk.Property(t => t.Abstract).HasMaxLength(4000);
            talk.Property(t => t.Format).HasConversion<string>().HasMaxLength(20);
            talk.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            talk.Property(t => t.Language).HasMaxLength(10);
            talk.Property(t => t.EventName).HasMaxLength(200);
            talk.Property(t => t.EventCity).HasMaxLength(100);
            talk.OwnsMany(t => t.Speakers, s => s.ToJson("speakers"));
            talk.OwnsMany(t => t.Links, l => l.ToJson("links"));
            talk.HasIndex(t => t.Tags).HasMethod("gin");
            talk.HasIndex(t => t.EventId);
        });
    }
}
