using System.Text.Json;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Data;

public sealed class MatchmakingDbContext(DbContextOptions<MatchmakingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<NetworkingEvent> Events => Set<NetworkingEvent>();
    public DbSet<PoolMember> PoolMembers => Set<PoolMember>();
    public DbSet<AttendeeProfile> AttendeeProfiles => Set<AttendeeProfile>();
    public DbSet<NetworkingRound> Rounds => Set<NetworkingRound>();
    public DbSet<Match> Matches => Set<Match>();
    public DbSet<DirectMessage> DirectMessages => Set<DirectMessage>();
    public DbSet<TopicTable> TopicTables => Set<TopicTable>();
    public DbSet<TableSeat> TableSeats => Set<TableSeat>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Availability> Availabilities => Set<Availability>();
    public DbSet<LibrarySignal> LibrarySignals => Set<LibrarySignal>();
    public DbSet<SignalPreference> SignalPreferences => Set<SignalPreference>();
    public DbSet<NetworkingGroup> Groups => Set<NetworkingGroup>();
    public DbSet<QuestionState> QuestionStates => Set<QuestionState>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupMessage> GroupMessages => Set<GroupMessage>();

    /// <summary>
    /// Locks the event's row for the current transaction. Everything that creates matches for an event (rounds,
    /// meeting requests) takes it first, so their checks for existing pairs never race.
    /// </summary>
    public Task LockEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM networking_events WHERE id = {eventId} FOR UPDATE", cancellationToken);

    /// <summary>
    /// Takes a lock on one person for the current transaction (an advisory lock: the person may have no row anywhere
    /// yet). Every message that changes a person's pool rows takes it first, so a registration and a cancellation or a
    /// profile edit of the same person take turns instead of both inserting the same new row and one failing.
    /// </summary>
    public Task LockAttendeeAsync(Guid attendeeId, CancellationToken cancellationToken) => LockAttendeesAsync([attendeeId], cancellationToken);

    /// <summary>
    /// <see cref="LockAttendeeAsync"/> for many people in one round trip (a batch of messages), taken in key order so that
    /// two batches sharing people wait for each other instead of deadlocking.
    /// </summary>
    public Task LockAttendeesAsync(IEnumerable<Guid> attendeeIds, CancellationToken cancellationToken)
    {
        string[] ids = [.. attendeeIds.Select(id => id.ToString()).Distinct()];
        return Database.ExecuteSqlAsync($"""
            SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(id, 0) AS k FROM unnest({ids}) AS id ORDER BY 1) AS keys
            """, cancellationToken);
    }

    /// <summary>
    /// Records each person's newest of <paramref name="profiles"/> as their newest profile unless a newer one is held, and
    /// returns the newest known of everyone in <paramref name="attendeeIds"/>, whether or not they were given one (within
    /// the caller's <see cref="LockAttendeeAsync"/>, so whichever of an edit and a registration comes second sees what the
    /// first committed).
    /// </summary>
    public async Task<Dictionary<Guid, (NetworkingProfile Profile, DateTimeOffset ChangedAt)>> RememberProfilesAsync(
        IReadOnlyList<(Guid AttendeeId, NetworkingProfile Profile, DateTimeOffset ChangedAt)> profiles, IEnumerable<Guid> attendeeIds,
        CancellationToken cancellationToken)
    {
        // One row per person (an upsert may touch a row once): the newest, and of equals the last, as one after another would leave it.
        var newest = profiles.Select((p, order) => (p, order)).GroupBy(x => x.p.AttendeeId)
            .Select(g => g.MaxBy(x => (x.p.ChangedAt, x.order)).p).ToList();
        var known = new Dictionary<Guid, AttendeeProfile>();
        if (newest.Count > 0)
        {
            Guid[] ids = [.. newest.Select(p => p.AttendeeId)];
            string[] json = [.. newest.Select(p => JsonSerializer.Serialize(p.Profile, OutboxMessageTypes.SerializerOptions))];
            DateTimeOffset[] changedAt = [.. newest.Select(p => p.ChangedAt.ToUniversalTime())];
            foreach (var row in await AttendeeProfiles.FromSql($"""
                INSERT INTO attendee_profiles (attendee_id, profile, changed_at)
                SELECT attendee_id, profile::jsonb, changed_at FROM unnest({ids}, {json}, {changedAt}) AS p(attendee_id, profile, changed_at)
                ON CONFLICT (attendee_id) DO UPDATE SET
                    profile = CASE WHEN excluded.changed_at >= attendee_profiles.changed_at THEN excluded.profile ELSE attendee_profiles.profile END,
                    changed_at = GREATEST(excluded.changed_at, attendee_profiles.changed_at)
                RETURNING attendee_id, profile, changed_at
                """).AsNoTracking().ToListAsync(cancellationToken))
            {
                known[row.AttendeeId] = row;
            }
        }
        // Those given no profile here: read what is held (the upsert returned the others' already).
        var rest = attendeeIds.Distinct().Where(id => !known.ContainsKey(id)).ToList();
        if (rest.Count > 0)
        {
            foreach (var row in await AttendeeProfiles.AsNoTracking().Where(p => rest.Contains(p.AttendeeId)).ToListAsync(cancellationToken))
            {
                known[row.AttendeeId] = row;
            }
        }
        return known.ToDictionary(k => k.Key, k => (JsonSerializer.Deserialize<NetworkingProfile>(k.Value.Profile, OutboxMessageTypes.SerializerOptions)!, k.Value.ChangedAt));
    }

    /// <summary>The people <paramref name="attendee"/> blocked or was blocked by: never paired with them or shown to them.</summary>
    public IQueryable<Guid> BlockedWith(Guid attendee) =>
        Blocks.Where(b => b.BlockerId == attendee).Select(b => b.BlockedId)
            .Concat(Blocks.Where(b => b.BlockedId == attendee).Select(b => b.BlockerId));

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

        modelBuilder.Entity<Availability>(availability =>
        {
            availability.ToTable("availabilities");
            availability.HasKey(a => new { a.EventId, a.AttendeeId });
            availability.Property(a => a.TimeZone).HasMaxLength(64);
            availability.Property(a => a.Slots).HasColumnType("jsonb").HasConversion(
                slots => System.Text.Json.JsonSerializer.Serialize(slots, System.Text.Json.JsonSerializerOptions.Web),
                json => System.Text.Json.JsonSerializer.Deserialize<List<FreeSlot>>(json, System.Text.Json.JsonSerializerOptions.Web) ?? new List<FreeSlot>());
        });

        modelBuilder.Entity<LibrarySignal>(signal =>
        {
            signal.ToTable("library_signals");
            signal.HasKey(s => new { s.AttendeeId, s.Key, s.SourceId });
            signal.Property(s => s.Key).HasMaxLength(120);
            signal.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            signal.Property(s => s.Label).HasMaxLength(LibrarySignal.MaxLabelLength);
            signal.Property(s => s.TalkTitle).HasMaxLength(LibrarySignal.MaxLabelLength);
            // A question's askers and upvoters (question-born tables count the upvotes of an event's open questions).
            signal.HasIndex(s => new { s.SourceId, s.Active }).HasDatabaseName("ix_library_signals_source");
            signal.HasIndex(s => s.EventId).HasFilter("event_id IS NOT NULL");
        });

        modelBuilder.Entity<QuestionState>(state =>
        {
            state.ToTable("question_states");
            state.HasKey(q => q.QuestionId);
            state.Property(q => q.Status).HasMaxLength(20);
        });

        modelBuilder.Entity<NetworkingGroup>(group =>
        {
            group.ToTable("networking_groups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Id).ValueGeneratedNever();
            group.Property(g => g.RoomUrl).HasMaxLength(500);
            group.HasIndex(g => g.RoundId);
        });

        modelBuilder.Entity<GroupMember>(member =>
        {
            member.ToTable("group_members");
            member.HasKey(m => new { m.GroupId, m.AttendeeId });
            member.HasOne<NetworkingGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            // My groups at an event; who is busy in a slot.
            member.HasIndex(m => new { m.AttendeeId, m.EventId });
            member.HasIndex(m => new { m.AttendeeId, m.StartsAt });
        });

        modelBuilder.Entity<GroupMessage>(message =>
        {
            message.ToTable("group_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedNever();
            message.Property(m => m.Text).HasMaxLength(DirectMessage.MaxLength);
            message.Property(m => m.SenderName).HasMaxLength(100);
            message.HasOne<NetworkingGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.GroupId, m.SentAt });
        });

        modelBuilder.Entity<SignalPreference>(preference =>
        {
            preference.ToTable("signal_preferences");
            preference.HasKey(p => p.AttendeeId);
        });

        modelBuilder.Entity<AttendeeProfile>(profile =>
        {
            profile.ToTable("attendee_profiles");
            profile.HasKey(p => p.AttendeeId);
            profile.Property(p => p.AttendeeId).ValueGeneratedNever();
            profile.Property(p => p.Profile).HasColumnType("jsonb");
        });

        modelBuilder.Entity<NetworkingRound>(round =>
        {
            round.ToTable("networking_rounds");
            round.HasKey(r => r.Id);
            round.Property(r => r.Id).ValueGeneratedNever();
            round.Property(r => r.Key).HasMaxLength(100);
            round.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            // A round runs once: one row per (event, key), whoever asks and however often.
            round.HasIndex(r => new { r.EventId, r.Key }).IsUnique();
            round.HasIndex(r => new { r.Status, r.StartsAt });
        });

        modelBuilder.Entity<Match>(match =>
        {
            match.ToTable("matches", t => t.HasCheckConstraint("ck_matches_pair_ordered", "attendee_a < attendee_b"));
            match.HasKey(m => m.Id);
            match.Property(m => m.Id).ValueGeneratedNever();
            match.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            match.Property(m => m.ResponseA).HasConversion<string>().HasMaxLength(20);
            match.Property(m => m.ResponseB).HasConversion<string>().HasMaxLength(20);
            match.Property(m => m.RoomUrl).HasMaxLength(500);
            // The same two people are never paired twice at one event.
            match.HasIndex(m => new { m.EventId, m.AttendeeA, m.AttendeeB }).IsUnique();
            match.HasIndex(m => m.AttendeeA);
            match.HasIndex(m => m.AttendeeB);
        });

        modelBuilder.Entity<Block>(block =>
        {
            block.ToTable("blocks", t => t.HasCheckConstraint("ck_blocks_not_self", "blocker_id <> blocked_id"));
            block.HasKey(b => new { b.BlockerId, b.BlockedId });
            // "Has anyone blocked me?" for directories and meeting requests.
            block.HasIndex(b => b.BlockedId);
        });

        modelBuilder.Entity<DirectMessage>(message =>
        {
            message.ToTable("direct_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedNever();
            message.Property(m => m.Text).HasMaxLength(DirectMessage.MaxLength);
            message.HasIndex(m => new { m.MatchId, m.SentAt });
            message.HasOne<Match>().WithMany().HasForeignKey(m => m.MatchId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TopicTable>(table =>
        {
            table.ToTable("topic_tables", t => t.HasCheckConstraint("ck_topic_tables_taken", "taken >= 0 AND taken <= seats"));
            table.HasKey(t => t.Id);
            table.Property(t => t.Id).ValueGeneratedNever();
            table.Property(t => t.HostName).HasMaxLength(100);
            table.Property(t => t.Topic).HasMaxLength(50);
            table.Property(t => t.Title).HasMaxLength(TopicTable.MaxTitleLength);
            table.Property(t => t.RoomUrl).HasMaxLength(500);
            table.Property(t => t.QuestionText).HasMaxLength(1000);
            table.HasIndex(t => new { t.EventId, t.StartsAt });
            // One table per question, however many upvotes arrive at once.
            table.HasIndex(t => t.QuestionId).IsUnique().HasFilter("question_id IS NOT NULL");
        });

        modelBuilder.Entity<TableSeat>(seat =>
        {
            seat.ToTable("table_seats");
            seat.HasKey(s => new { s.TableId, s.AttendeeId });
            seat.HasOne<TopicTable>().WithMany().HasForeignKey(s => s.TableId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
