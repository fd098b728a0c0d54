using EventPlatform.Events.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Events.Data;

public sealed class EventsDbContext(DbContextOptions<EventsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Event> Events => Set<Event>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Event>(ev =>
        {
            ev.ToTable("events", table =>
            {
                table.HasCheckConstraint("ck_events_capacity_positive", "capacity > 0");
                table.HasCheckConstraint("ck_events_ends_after_start", "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at");
            });
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Description).HasMaxLength(5000);
            ev.Property(e => e.TimeZone).HasMaxLength(64);
            ev.Property(e => e.JoinUrl).HasMaxLength(500);
            ev.Property(e => e.CancellationReason).HasMaxLength(500);
            ev.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            ev.Property(e => e.Format).HasConversion<string>().HasMaxLength(20);
            ev.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            ev.Property(e => e.Version).IsConcurrencyToken();
            ev.Ignore(e => e.NetworkingOpensAt);
            ev.Ignore(e => e.IsVisibleToPublic);
            ev.Ignore(e => e.HasSchedule);
            ev.Ignore(e => e.OrganizerIds);
            ev.HasIndex(e => e.OrganizerId);
            ev.HasIndex(e => new { e.Status, e.StartsAt });
            ev.HasIndex(e => e.Topics).HasMethod("gin");
            ev.OwnsMany(e => e.Agenda, agenda =>
            {
                agenda.ToTable("agenda_items");
                agenda.WithOwner().HasForeignKey("EventId");
                agenda.HasKey(a => a.Id);
                agenda.Property(a => a.Id).ValueGeneratedNever();
                agenda.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
                agenda.Property(a => a.Title).HasMaxLength(300);
                agenda.HasIndex("EventId", nameof(AgendaItem.TalkId)).IsUnique().HasFilter("talk_id IS NOT NULL");
            });
            ev.Navigation(e => e.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }
}
