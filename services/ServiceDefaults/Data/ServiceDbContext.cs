using System.Text.Json;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

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
    public void Publish<T>(T message) where T : class => OutboxMessages.Add(ToOutbox(message));

    /// <summary>
    /// Writes many messages to the outbox at once (one COPY, not one tracked entity each) in the open transaction,
    /// so they are published when it commits and never if it rolls back; for thousands of messages from one change.
    /// </summary>
    public async Task PublishAllAsync<T>(IEnumerable<T> messages, CancellationToken cancellationToken) where T : class
    {
        await using var writer = await BeginCopyAsync(
            "COPY outbox_messages (id, message_type, body, correlation_id, created_at, attempts) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var outbox in messages.Select(ToOutbox))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(outbox.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(outbox.MessageType, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(outbox.Body, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(outbox.CorrelationId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(outbox.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(outbox.Attempts, NpgsqlDbType.Integer, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>A binary COPY into this service's database, inside the transaction that must already be open.</summary>
    public async Task<NpgsqlBinaryImporter> BeginCopyAsync(string copyCommand, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk write belongs to a transaction; begin one first.");
        }
        var connection = (NpgsqlConnection)Database.GetDbConnection();
        return await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
    }

    private OutboxMessage ToOutbox<T>(T message) where T : class => new()
    {
        Id = Guid.CreateVersion7(),
        MessageType = OutboxMessageTypes.NameOf(typeof(T)),
        Body = JsonSerializer.Serialize(message, OutboxMessageTypes.SerializerOptions),
        CorrelationId = CorrelationId,
        CreatedAt = DateTimeOffset.UtcNow,
    };

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
