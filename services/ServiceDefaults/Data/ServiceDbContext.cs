using System.Text.Json;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.ServiceDefaults.Data;

/// <summary>
/// Base for every service's DbContext: adds the transactional outbox and the consumer inbox to the
/// service's own model, so a state change and the messages it causes commit (or roll back) together.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Correlation id of the request or message being handled; stamped on outgoing messages.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Queues <paramref name="message"/> for publishing when this context's changes commit.</summary>
    public void Publish<T>(T message) where T : class
    {
        OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            MessageType = OutboxMessageTypes.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(message, OutboxMessageTypes.SerializerOptions),
            CorrelationId = CorrelationId,
            CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.Body).HasColumnType("jsonb");
            outbox.Property(m => m.CorrelationId).HasMaxLength(100);
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.Consumer, m.MessageId });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
        });
    }
}
