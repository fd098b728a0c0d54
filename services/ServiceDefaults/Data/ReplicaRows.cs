using Microsoft.EntityFrameworkCore;

namespace EventPlatform.ServiceDefaults.Data;

/// <summary>
/// Replicas of another service's rows (an event, say) are created by whichever message about them arrives first, and two
/// can arrive at once (EventCreated and EventPublished on two consumer threads or two replicas). Both would find no row
/// and both insert; one fails on the primary key and is retried. Taking this lock first makes the second wait for the
/// first to commit, then find the row and apply its newer or older snapshot to it.
/// </summary>
public static class ReplicaRows
{
    /// <summary>Within the caller's transaction: until it ends, nobody else holding this lock for <paramref name="id"/> proceeds.</summary>
    public static Task LockReplicaAsync(this DbContext db, Guid id, CancellationToken cancellationToken) => db.LockReplicasAsync([id], cancellationToken);

    /// <summary>
    /// <see cref="LockReplicaAsync"/> for many rows in one round trip (a batch of messages). The locks are taken in key
    /// order (a function scan of the sorted array yields it in order), so two batches that share rows wait for each
    /// other instead of deadlocking.
    /// </summary>
    public static async Task LockReplicasAsync(this DbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A replica lock lasts until the end of a transaction; begin one first.");
        }
        long[] keys = [.. ids.Select(id => BitConverter.ToInt64(id.ToByteArray(), 0)).Distinct().Order()];
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(k) FROM unnest({keys}) AS k", cancellationToken);
    }
}
