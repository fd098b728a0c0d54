using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults.Batching;

/// <summary>One item in a batch and where its caller waits for the answer.</summary>
public sealed record Pending<TItem, TResult>(TItem Item, TaskCompletionSource<TResult> Answer);

/// <summary>
/// Group commit: work that would otherwise queue up one transaction at a time (on a row lock, or on the commits themselves)
/// is done in batches. Items that arrive while a batch for their key is being handled wait in the key's line, and the next
/// batch takes all of them (up to <c>maxBatch</c>), in arrival order. An idle key is handled at once: a batch of one does
/// not wait for company. <paramref name="handle"/> answers each item of its batch; whatever it leaves unanswered when it
/// throws gets its exception.
/// </summary>
public sealed class GroupCommit<TKey, TItem, TResult>(
    Func<TKey, IReadOnlyList<Pending<TItem, TResult>>, Task> handle, int maxBatch, ILogger logger) where TKey : notnull
{
    private sealed class Line(TKey key)
    {
        public TKey Key { get; } = key;
        public List<Pending<TItem, TResult>> Waiting { get; } = [];
        public bool Handling { get; set; }
    }

    private readonly ConcurrentDictionary<TKey, Line> _lines = new();

    /// <summary>Joins the key's line; the answer comes when the batch it lands in is done (or has failed).</summary>
    public Task<TResult> EnqueueAsync(TKey key, TItem item)
    {
        var pending = new Pending<TItem, TResult>(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        while (true)
        {
            var line = _lines.GetOrAdd(key, k => new Line(k));
            lock (line)
            {
                if (!ReferenceEquals(_lines.GetValueOrDefault(key), line))
                {
                    // The line was retired as this item found it: join the key's current one.
                    continue;
                }
                line.Waiting.Add(pending);
                if (!line.Handling)
                {
                    line.Handling = true;
                    _ = Task.Run(() => HandleAllAsync(line));
                }
            }
            return pending.Answer.Task;
        }
    }

    /// <summary>Handles batches until the line is empty, then retires it.</summary>
    private async Task HandleAllAsync(Line line)
    {
        while (true)
        {
            List<Pending<TItem, TResult>> batch;
            lock (line)
            {
                if (line.Waiting.Count == 0)
                {
                    line.Handling = false;
                    _lines.TryRemove(KeyValuePair.Create(line.Key, line));
                    return;
                }
                batch = line.Waiting.GetRange(0, Math.Min(maxBatch, line.Waiting.Count));
                line.Waiting.RemoveRange(0, batch.Count);
            }
            try
            {
                await handle(line.Key, batch);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A batch of {Count} for {Key} failed", batch.Count, line.Key);
                foreach (var pending in batch)
                {
                    pending.Answer.TrySetException(exception);
                }
            }
        }
    }
}
