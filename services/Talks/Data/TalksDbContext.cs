using EventPlatform.ServiceDefaults.Data;
using EventPlatform.Talks.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Data;

public sealed class TalksDbContext(DbContextOptions<TalksDbContext> options) : ServiceDbContext(options)
{
    /// <summary>Text search configuration of the weighted search document and of queries.</summary>
    public const string SearchConfig = "english";

    public DbSet<Talk> Talks => Set<Talk>();
    public DbSet<TalkEvent> Events => Set<TalkEvent>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionVote> QuestionVotes => Set<QuestionVote>();
    public DbSet<TalkView> Views => Set<TalkView>();
    public DbSet<TalkBookmark> Bookmarks => Set<TalkBookmark>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");

        modelBuilder.Entity<Talk>(talk =>
        {
            talk.ToTable("talks");
            talk.HasKey(t => t.Id);
            talk.Property(t => t.Id).ValueGeneratedNever();
            talk.Property(t => t.Slug).HasMaxLength(200);
            talk.HasIndex(t => t.Slug).IsUnique();
            talk.Property(t => t.Title).HasMaxLength(300);
            talk.Property(t => t.Abstract).HasMaxLength(4000);
            // SpeakerNames and TagWords are derived from bounded inputs (speakers, tags) and feed the search document.
            talk.Property(t => t.SeedHash).HasMaxLength(64);
            talk.Property(t => t.Format).HasConversion<string>().HasMaxLength(20);
            talk.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            talk.Property(t => t.Language).HasMaxLength(10);
            talk.Property(t => t.EventName).HasMaxLength(200);
            talk.Property(t => t.EventCity).HasMaxLength(100);
            talk.OwnsMany(t => t.Speakers, s => s.ToJson("speakers"));
            talk.OwnsMany(t => t.Links, l => l.ToJson("links"));
            talk.Property(t => t.SearchVector)
                .HasComputedColumnSql($"""
                    setweight(to_tsvector('{SearchConfig}'::regconfig, title), 'A')
                    || setweight(to_tsvector('{SearchConfig}'::regconfig, tag_words || ' ' || speaker_names), 'B')
                    || setweight(to_tsvector('{SearchConfig}'::regconfig, abstract || ' ' || event_name), 'C')
                    """, stored: true);
            talk.HasIndex(t => t.SearchVector).HasMethod("gin");
            talk.HasIndex(t => t.Tags).HasMethod("gin");
            talk.HasIndex(t => t.EventId);
            talk.HasIndex(t => new { t.Year, t.Date });
            // Speaker and event filters match any part of a name (ILIKE '%…%'): trigram indexes instead of a full scan.
            talk.HasIndex(t => t.SpeakerNames).HasMethod("gin").HasOperators("gin_trgm_ops");
            talk.HasIndex(t => t.EventName).HasMethod("gin").HasOperators("gin_trgm_ops");
        });

        modelBuilder.Entity<TalkEvent>(ev =>
        {
            ev.ToTable("talk_events");
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).ValueGeneratedNever();
            ev.Property(e => e.Title).HasMaxLength(200);
            ev.Property(e => e.Status).HasMaxLength(20);
        });

        modelBuilder.Entity<Question>(question =>
        {
            question.ToTable("questions", t => t.HasCheckConstraint("ck_questions_votes", "votes >= 0"));
            question.HasKey(q => q.Id);
            question.Property(q => q.Id).ValueGeneratedNever();
            question.Property(q => q.Text).HasMaxLength(Question.MaxLength);
            question.Property(q => q.AuthorName).HasMaxLength(200);
            question.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            question.HasOne<Talk>().WithMany().HasForeignKey(q => q.TalkId).OnDelete(DeleteBehavior.Cascade);
            question.HasIndex(q => new { q.TalkId, q.Votes });
            question.HasIndex(q => new { q.TalkId, q.CreatedAt });
        });

        modelBuilder.Entity<QuestionVote>(vote =>
        {
            vote.ToTable("question_votes");
            vote.HasKey(v => new { v.QuestionId, v.VoterId });
            vote.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TalkView>(view =>
        {
            view.ToTable("talk_views");
            view.HasKey(v => new { v.TalkId, v.AttendeeId });
            view.HasOne<Talk>().WithMany().HasForeignKey(v => v.TalkId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TalkBookmark>(bookmark =>
        {
            bookmark.ToTable("talk_bookmarks");
            bookmark.HasKey(b => new { b.TalkId, b.AttendeeId });
            bookmark.HasOne<Talk>().WithMany().HasForeignKey(b => b.TalkId).OnDelete(DeleteBehavior.Cascade);
            bookmark.HasIndex(b => new { b.AttendeeId, b.CreatedAt });
        });
    }
}
