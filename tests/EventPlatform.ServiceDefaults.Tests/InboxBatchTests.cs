using EventPlatform.Testing;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed class InboxBatchTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private string[][] BatchesWith(string prefix) => [.. BatchedTallyConsumer.Batches.Where(b => b.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))];

    [Fact]
    public async Task Messages_delivered_together_are_applied_in_batches_each_once_with_its_own_correlation_id()
    {
        var prefix = $"burst-{Guid.NewGuid():N}-";
        var messages = Enumerable.Range(0, 60).Select(i => (Key: $"{prefix}{i}", MessageId: Guid.NewGuid(), CorrelationId: Guid.NewGuid())).ToList();
        // A slow message first holds the line; then every message once, and the first five three times more, all at once:
        // they wait while the slow one is applied (copies may land in one batch or in several).
        await fixture.Probe.PublishAsync(new BatchedTallyRequested { Key = $"slow-{prefix}" });
        await Task.WhenAll(messages.Concat(messages.Take(5)).Concat(messages.Take(5)).Concat(messages.Take(5)).Select(m =>
            fixture.Probe.PublishAsync(new BatchedTallyRequested { Key = m.Key }, m.MessageId, m.CorrelationId)));

        await Eventually.HoldsAsync(async () =>
        {
            foreach (var m in messages)
            {
                if (await fixture.Host.TallyAsync(m.Key) == 0)
                {
                    return false;
                }
            }
            return true;
        }, "every message is applied", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Probe.All<TallyApplied>(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).Count >= 60),
            "every message's outbox message is published", TimeSpan.FromSeconds(30));
        // Give late copies time to be consumed.
        await Task.Delay(1500);

        var batches = BatchesWith(prefix);
        Assert.Contains(batches, b => b.Length > 1);
        foreach (var m in messages)
        {
            Assert.Equal(1, await fixture.Host.TallyAsync(m.Key));
            Assert.Equal(1, batches.Sum(b => b.Count(k => k == m.Key)));
            var published = Assert.Single(fixture.Probe.All<TallyApplied>(t => t.Key == m.Key));
            Assert.Equal(m.CorrelationId.ToString(), published.CorrelationId);
        }
    }

    [Fact]
    public async Task A_message_that_can_never_succeed_fails_alone_and_the_rest_of_its_batch_is_applied()
    {
        var prefix = $"mixed-{Guid.NewGuid():N}-";
        var bad = $"bad-{prefix}";
        var good = Enumerable.Range(0, 30).Select(i => $"{prefix}{i}").ToList();
        var errorsBefore = await TestInfrastructure.QueueDepthAsync(fixture.VirtualHost, "tests-batched-tally_error");
        // A slow message holds the line while the bad one and the good ones are delivered: the bad one and the first of
        // the good ones (as many as the broker hands out at once) wait for it and form the next batch.
        foreach (var key in good.Prepend(bad).Prepend($"slow-{prefix}"))
        {
            await fixture.Probe.PublishAsync(new BatchedTallyRequested { Key = key });
        }

        await Eventually.HoldsAsync(async () =>
        {
            foreach (var key in good)
            {
                if (await fixture.Host.TallyAsync(key) != 1)
                {
                    return false;
                }
            }
            return true;
        }, "every good message is applied", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => await TestInfrastructure.QueueDepthAsync(fixture.VirtualHost, "tests-batched-tally_error") == errorsBefore + 1,
            "the bad message lands in the error queue", TimeSpan.FromSeconds(20));
        await Task.Delay(1000);

        // The bad message shared a batch with good ones, which were then applied one by one; only the bad one failed.
        Assert.Contains(BatchesWith(bad), b => b.Length > 1);
        Assert.Equal(errorsBefore + 1, await TestInfrastructure.QueueDepthAsync(fixture.VirtualHost, "tests-batched-tally_error"));
        Assert.Equal(0, await fixture.Host.TallyAsync(bad));
        foreach (var key in good)
        {
            Assert.Equal(1, await fixture.Host.TallyAsync(key));
        }
    }
}
