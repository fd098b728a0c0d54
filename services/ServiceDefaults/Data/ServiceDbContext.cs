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
    public void Publish<T>(T message) where T : class => Publish(message, CorrelationId);

    /// <summary>As <see cref="Publish{T}(T)"/>, for a message caused by another than <see cref="CorrelationId"/>'s (one of a batch).</summary>
    public void Publish<T>(T message, string? correlationId) where T : class => OutboxMessages.Add(ToOutbox(message, typeof(T), correlationId));

    /// <summary>
    /// Writes many messages to the outbox at once (one COPY, not one tracked entity each) in the open transaction,
    /// so they are published when it commits and never if it rolls back; for thousands of messages from one change.
    /// </summary>
    public async Task PublishAllAsync<T>(IEnumerable<T> messages, CancellationToken cancellationToken) where T : class
    {
        await using var writer = await BeginCopyAsync(
            "COPY outbox_messages (id, message_type, body, correlation_id, created_at, attempts) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var outbox in messages.Select(m => ToOutbox(m, typeof(T), CorrelationId)))
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

    /// <summary>
    /// One INSERT of outbox rows, for a caller that sends it in an <see cref="NpgsqlBatch"/> with its other writes, in its open
    /// transaction: a write path that decides several requests at once and stamps each message with its own request's
    /// correlation id.
    /// </summary>
    public static NpgsqlBatchCommand OutboxInsert(IReadOnlyList<(object Message, string? CorrelationId)> messages)
    {
        var rows = messages.Select(m => ToOutbox(m.Message, m.Message.GetType(), m.CorrelationId)).ToList();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO outbox_messages (id, message_type, body, correlation_id, created_at, attempts)
            SELECT id, message_type, body::jsonb, correlation_id, created_at, 0
            FROM unnest($1, $2, $3, $4, $5) AS m(id, message_type, body, correlation_id, created_at)
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.Id)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.MessageType)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Body)] });
        insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.CorrelationId)] });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.CreatedAt)] });
        return insert;
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

    private static OutboxMessage ToOutbox(object message, Type type, string? correlationId) => new()
    {
        Id = Guid.CreateVersion7(),
        MessageType = OutboxMessageTypes.NameOf(type),
        Body = JsonSerializer.Serialize(message, type, OutboxMessageTypes.SerializerOptions),
        CorrelationId = correlationId,
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
