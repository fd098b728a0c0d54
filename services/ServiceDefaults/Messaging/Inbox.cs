using EventPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults.Messaging;

public static class Inbox
{
    /// <summary>
    /// Applies <paramref name="effect"/> once per (consumer, message id): the inbox row, the effect and any
    /// outbox messages it queues commit in one transaction. A redelivered or duplicated message finds the
    /// row (or waits on its lock until the first delivery commits) and is acknowledged without effect.
    /// </summary>
    /// <returns><c>false</c> when the message had already been processed.</returns>
    public static async Task<bool> ConsumeOnceAsync<TMessage>(
        this ServiceDbContext db,
        ConsumeContext<TMessage> context,
        string consumer,
        Func<CancellationToken, Task> effect,
        ILogger logger)
        where TMessage : class
    {
        (var messageId, db.CorrelationId) = Identify(context);
        var cancellationToken = context.CancellationToken;

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["MessageId"] = messageId,
            ["CorrelationId"] = db.CorrelationId,
        });

        // A retry may reuse this context: forget what a failed attempt left tracked.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ({consumer}, {messageId}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0)
        {
            logger.LogInformation("{Consumer} skipped duplicate {MessageType} {MessageId}", consumer, typeof(TMessage).Name, messageId);
            return false;
        }

        await effect(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{Consumer} applied {MessageType} {MessageId}", consumer, typeof(TMessage).Name, messageId);
        return true;
    }

    /// <summary>What the inbox knows a delivery by (its message id) and the correlation id that what it causes carries.</summary>
    internal static (Guid MessageId, string? CorrelationId) Identify<TMessage>(ConsumeContext<TMessage> context) where TMessage : class =>
        (context.MessageId ?? throw new UnprocessableMessageException($"{typeof(TMessage).Name} has no message id; it cannot be deduplicated."),
            context.Headers.Get<string>(CorrelationHeaders.CorrelationId) ?? context.CorrelationId?.ToString());
}

/// <summary>A message that can never succeed (bad data): it skips the retries and goes to the _error queue at once.</summary>
public sealed class UnprocessableMessageException(string message) : Exception(message);
