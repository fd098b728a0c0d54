using EventPlatform.ServiceDefaults.Batching;
using EventPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventPlatform.ServiceDefaults.Messaging;

/// <summary>One message of a batch: its inbox identity (consumer and message id), its correlation id, and what it says.</summary>
public sealed record Delivery<TItem>(string Consumer, Guid MessageId, string? CorrelationId, TItem Item);

/// <summary>
/// <see cref="Inbox.ConsumeOnceAsync{TMessage}"/> for a consumer that applies many messages of a kind at a time (group
/// commit): the messages delivered while one batch is being applied wait, and the next batch takes all of them in one
/// transaction with one inbox insert, one <paramref name="effect"/> over all of them (which reads and writes for the whole
/// batch at once) and one commit. Each delivery still learns its own outcome, so retries, the error queue and
/// acknowledgements stay per message: if a batch fails, its messages are applied again one at a time, each in its own
/// transaction, and only the one that fails alone fails its delivery.
/// </summary>
public sealed class InboxBatches<TDb, TItem> where TDb : ServiceDbContext
{
    /// <summary>At most a broker prefetch's worth is ever waiting; this only bounds one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly Func<TDb, IReadOnlyList<Delivery<TItem>>, CancellationToken, Task> _effect;
    private readonly ILogger _logger;
    private readonly GroupCommit<int, Delivery<TItem>, bool> _line;

    /// <param name="effect">Applies the batch's new messages, in the order they arrived, on one context inside the transaction.</param>
    public InboxBatches(IServiceScopeFactory scopes, Func<TDb, IReadOnlyList<Delivery<TItem>>, CancellationToken, Task> effect,
        ILogger<InboxBatches<TDb, TItem>> logger)
    {
        _scopes = scopes;
        _effect = effect;
        _logger = logger;
        _line = new GroupCommit<int, Delivery<TItem>, bool>((_, batch) => ApplyAsync(batch), MaxBatch, logger);
    }

    /// <summary>Applies <paramref name="item"/> once per (consumer, message id), together with whatever else is waiting.</summary>
    /// <returns><c>false</c> when the message had already been processed.</returns>
    public Task<bool> ConsumeOnceAsync<TMessage>(ConsumeContext<TMessage> context, string consumer, TItem item) where TMessage : class
    {
        var (messageId, correlationId) = Inbox.Identify(context);
        return _line.EnqueueAsync(0, new Delivery<TItem>(consumer, messageId, correlationId, item));
    }

    private async Task ApplyAsync(IReadOnlyList<Pending<Delivery<TItem>, bool>> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await ApplyTogetherAsync(batch);
                return;
            }
            catch (Exception exception)
            {
                // Which message it was is found by applying each alone; the others are not held back by it.
                _logger.LogWarning(exception, "Applying {Count} messages together failed; applying them one at a time", batch.Count);
            }
        }
        foreach (var pending in batch)
        {
            try
            {
                await ApplyTogetherAsync([pending]);
            }
            catch (Exception exception)
            {
                // The delivery's own retries and error queue take it from here, as for any consumer.
                pending.Answer.TrySetException(exception);
            }
        }
    }

    private async Task ApplyTogetherAsync(IReadOnlyList<Pending<Delivery<TItem>, bool>> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        // The batch belongs to no single delivery: one being cancelled must not roll back the others.
        var cancellationToken = CancellationToken.None;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await RecordAsync(db, batch.Select(p => p.Item).ToList(), cancellationToken);
        var fresh = new List<Pending<Delivery<TItem>, bool>>(batch.Count);
        var duplicates = new List<Pending<Delivery<TItem>, bool>>();
        foreach (var pending in batch)
        {
            // A message delivered twice into one batch is recorded once, and applied by its first copy.
            (recorded.Remove((pending.Item.Consumer, pending.Item.MessageId)) ? fresh : duplicates).Add(pending);
        }
        if (fresh.Count > 0)
        {
            await _effect(db, fresh.Select(p => p.Item).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        foreach (var pending in fresh)
        {
            pending.Answer.TrySetResult(true);
        }
        foreach (var pending in duplicates)
        {
            _logger.LogInformation("{Consumer} skipped duplicate {MessageId}", pending.Item.Consumer, pending.Item.MessageId);
            pending.Answer.TrySetResult(false);
        }
        if (fresh.Count > 0)
        {
            _logger.LogInformation("Applied {Count} messages in one transaction: {Messages}", fresh.Count,
                string.Join(", ", fresh.Select(p => $"{p.Item.Consumer} {p.Item.MessageId}")));
        }
    }

    /// <summary>The inbox rows of the batch in one statement; which of them are new (the rest were processed before).</summary>
    private static async Task<HashSet<(string Consumer, Guid MessageId)>> RecordAsync(
        TDb db, IReadOnlyList<Delivery<TItem>> deliveries, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO inbox_messages (consumer, message_id, processed_at)
            SELECT consumer, message_id, now() FROM unnest($1, $2) AS m(consumer, message_id)
            ON CONFLICT DO NOTHING
            RETURNING consumer, message_id
            """, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Consumer)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. deliveries.Select(d => d.MessageId)] },
            },
        };
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        var recorded = new HashSet<(string, Guid)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add((reader.GetString(0), reader.GetGuid(1)));
        }
        return recorded;
    }
}

public static class InboxBatchesRegistration
{
    /// <summary>One <see cref="InboxBatches{TDb, TItem}"/> per process for messages of <typeparamref name="TItem"/>, applied by <paramref name="effect"/>.</summary>
    public static IServiceCollection AddInboxBatches<TDb, TItem>(
        this IServiceCollection services, Func<TDb, IReadOnlyList<Delivery<TItem>>, CancellationToken, Task> effect) where TDb : ServiceDbContext =>
        services.AddSingleton(sp => new InboxBatches<TDb, TItem>(
            sp.GetRequiredService<IServiceScopeFactory>(), effect, sp.GetRequiredService<ILogger<InboxBatches<TDb, TItem>>>()));
}
