using System.Diagnostics;
using System.Text.Json;
using EventPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPlatform.ServiceDefaults.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int BatchSize { get; set; } = 100;

    /// <summary>Fallback when a NOTIFY is missed (for instance while the listening connection was being re-opened).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one publish may wait for the broker's confirm before the batch backs off.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Sent messages and inbox rows older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ. Several replicas may run: each claims a batch with
/// <c>FOR UPDATE SKIP LOCKED</c>, publishes with publisher confirms, and marks the rows sent in the same
/// transaction. A crash between publish and commit republishes the batch under the same message ids,
/// which consumers' inboxes drop (at-least-once, effectively once).
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    NpgsqlDataSource dataSource,
    IBus bus,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {DatabaseMigrations.OutboxChannel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var published = await PublishBatchAsync(stoppingToken);
                        backoff = TimeSpan.FromMilliseconds(200);
                        if (published == _options.BatchSize)
                        {
                            continue;
                        }
                        await CleanupAsync(stoppingToken);
                        // Returns on NOTIFY (a commit that wrote outbox rows) or after the poll interval.
                        await listener.WaitAsync(_options.PollInterval, stoppingToken);
                    }
                }
                finally
                {
                    await StopListeningAsync(listener);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRelayBackoff(exception.Message, backoff);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// Pooled connections are not reset when returned (see <see cref="Data.DatabaseExtensions"/>), so the listener stops
    /// listening before it goes back: no request's connection then receives the channel's notifications. A broken
    /// connection is not returned to the pool at all.
    /// </summary>
    private static async Task StopListeningAsync(NpgsqlConnection listener)
    {
        if (listener.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        try
        {
            // Bounded, so that a stop never waits on a connection that stopped answering.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {DatabaseMigrations.OutboxChannel}", listener);
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // The connection broke (or was given up on) meanwhile: Npgsql discards it rather than pooling it.
        }
    }

    /// <summary>Claims one batch, publishes it, marks what was published as sent. Returns how many were claimed.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var batch = new List<(Guid Id, string Type, string Body, string? CorrelationId)>(_options.BatchSize);
        await using (var claim = new NpgsqlCommand("""
            SELECT id, message_type, body, correlation_id
            FROM outbox_messages
            WHERE sent_at IS NULL AND failed_at IS NULL
            ORDER BY sequence
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("batch", _options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var undeliverable = new List<(Guid Id, string Error)>();
        var publishable = new List<(Guid Id, object Message, Type Type, string? CorrelationId)>(batch.Count);
        foreach (var row in batch)
        {
            var type = OutboxMessageTypes.Resolve(row.Type);
            object? message;
            try
            {
                message = type is null ? null : JsonSerializer.Deserialize(row.Body, type, OutboxMessageTypes.SerializerOptions);
            }
            catch (JsonException exception)
            {
                undeliverable.Add((row.Id, exception.Message));
                continue;
            }
            if (type is null || message is null)
            {
                undeliverable.Add((row.Id, $"Unknown message type {row.Type}"));
                continue;
            }
            publishable.Add((row.Id, message, type, row.CorrelationId));
        }

        // The whole batch is in flight at once and the broker's confirms come back together: one wait per batch, not
        // one per message. Consumers never rely on the order of messages (each carries its time or version).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        var publishes = publishable.Select(row => bus.Publish(row.Message, row.Type, context =>
        {
            context.MessageId = row.Id;
            if (row.CorrelationId is not null)
            {
                context.Headers.Set(CorrelationHeaders.CorrelationId, row.CorrelationId);
                if (Guid.TryParse(row.CorrelationId, out var correlation))
                {
                    context.CorrelationId = correlation;
                }
            }
        }, timeout.Token)).ToList();
        try
        {
            await Task.WhenAll(publishes);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Looked at one by one below: what was confirmed is marked sent, the rest stays for the next attempt.
        }
        var sent = new List<Guid>(publishable.Count);
        Exception? brokerFailure = null;
        for (var i = 0; i < publishable.Count; i++)
        {
            if (publishes[i].IsCompletedSuccessfully)
            {
                sent.Add(publishable[i].Id);
            }
            else
            {
                brokerFailure ??= publishes[i].Exception?.GetBaseException() ?? new TaskCanceledException("The publish was cancelled.");
            }
        }

        await MarkAsync(connection, transaction, sent, undeliverable, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (sent.Count > 0)
        {
            LogPublished(sent.Count);
        }
        foreach (var (id, error) in undeliverable)
        {
            LogUndeliverable(id, error);
        }
        if (brokerFailure is not null)
        {
            throw new OutboxPublishException($"Publishing to the broker failed after {sent.Count} of {batch.Count} messages", brokerFailure);
        }
        return batch.Count;
    }

    private static async Task MarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<Guid> sent, List<(Guid Id, string Error)> undeliverable, CancellationToken cancellationToken)
    {
        if (sent.Count > 0)
        {
            await using var mark = new NpgsqlCommand(
                "UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(@ids)", connection, transaction);
            mark.Parameters.AddWithValue("ids", sent.ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (id, error) in undeliverable)
        {
            await using var fail = new NpgsqlCommand(
                "UPDATE outbox_messages SET failed_at = now(), attempts = attempts + 1, last_error = @error WHERE id = @id", connection, transaction);
            fail.Parameters.AddWithValue("id", id);
            fail.Parameters.AddWithValue("error", error);
            await fail.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
        {
            return;
        }
        _nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var cleanup = new NpgsqlCommand("""
            DELETE FROM outbox_messages WHERE sent_at < now() - @retention;
            DELETE FROM inbox_messages WHERE processed_at < now() - @retention;
            """, connection);
        cleanup.Parameters.AddWithValue("retention", _options.Retention);
        await cleanup.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Outbox relay published {Count} messages")]
    private partial void LogPublished(int count);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} can never be published and was set aside: {Error}")]
    private partial void LogUndeliverable(Guid messageId, string error);

    [LoggerMessage(LogLevel.Warning, "Outbox relay backing off for {Backoff}: {Error}")]
    private partial void LogRelayBackoff(string error, TimeSpan backoff);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
