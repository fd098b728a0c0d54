using System.Diagnostics;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed class OutboxTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private static string Key(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Committed_message_is_published_with_the_outbox_id_and_marked_sent()
    {
        var key = Key("commit");
        var outboxId = await fixture.Host.WithDbAsync(async db =>
        {
            db.Publish(new TallyRequested { Key = key });
            await db.SaveChangesAsync();
            return db.OutboxMessages.Local.Single().Id;
        });

        await fixture.Probe.WaitForAsync<TallyRequested>(m => m.Key == key);
        var received = fixture.Probe.All<TallyRequested>(m => m.Key == key);
        Assert.Equal(outboxId, Assert.Single(received).MessageId);

        await Testing.Eventually.HoldsAsync(
            () => fixture.Host.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == outboxId)).SentAt is not null),
            "the outbox row is marked sent");
    }

    [Fact]
    public async Task Relay_is_woken_by_notify_without_waiting_for_the_poll()
    {
        // The fixture's relay polls every 30 s; delivery well under that can only come from LISTEN/NOTIFY.
        var key = Key("notify");
        await fixture.Probe.WaitForAsync<TallyRequested>(_ => true, TimeSpan.FromSeconds(1)).ContinueWith(_ => { }, TaskScheduler.Default);
        var stopwatch = Stopwatch.StartNew();
        await fixture.Host.WithDbAsync(async db =>
        {
            db.Publish(new TallyRequested { Key = key });
            return await db.SaveChangesAsync();
        });
        await fixture.Probe.WaitForAsync<TallyRequested>(m => m.Key == key, TimeSpan.FromSeconds(10));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"delivered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Rolled_back_transaction_publishes_nothing()
    {
        var rolledBack = Key("rollback");
        var committed = Key("after-rollback");
        await fixture.Host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Publish(new TallyRequested { Key = rolledBack });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await fixture.Host.WithDbAsync(async db =>
        {
            db.Publish(new TallyRequested { Key = committed });
            return await db.SaveChangesAsync();
        });

        // The later, committed message arrives; the rolled-back one never existed anywhere.
        await fixture.Probe.WaitForAsync<TallyRequested>(m => m.Key == committed);
        await Task.Delay(500);
        Assert.Empty(fixture.Probe.All<TallyRequested>(m => m.Key == rolledBack));
        var rows = (await fixture.Host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.Body).ToListAsync()))
            .Count(body => body.Contains(rolledBack, StringComparison.Ordinal));
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task Messages_written_in_bulk_are_delivered_once_when_the_transaction_commits_and_never_when_it_rolls_back()
    {
        var committed = Enumerable.Range(0, 500).Select(i => Key($"bulk-{i}")).ToList();
        var rolledBack = Key("bulk-rolled-back");
        await fixture.Host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.PublishAllAsync(committed.Select(key => new TallyRequested { Key = key }), CancellationToken.None);
            await transaction.CommitAsync();
            await using var other = await db.Database.BeginTransactionAsync();
            await db.PublishAllAsync([new TallyRequested { Key = rolledBack }], CancellationToken.None);
            await other.RollbackAsync();
            return 0;
        });

        await Testing.Eventually.HoldsAsync(
            () => Task.FromResult(committed.All(key => fixture.Probe.All<TallyRequested>(m => m.Key == key).Count == 1)), "every bulk message once");
        Assert.Empty(fixture.Probe.All<TallyRequested>(m => m.Key == rolledBack));
        // Outside a transaction there is nothing to be atomic with: refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Host.WithDbAsync(async db =>
            {
                await db.PublishAllAsync([new TallyRequested { Key = Key("no-transaction") }], CancellationToken.None);
                return 0;
            }));
    }

    [Fact]
    public async Task Many_messages_from_concurrent_transactions_are_all_delivered_once()
    {
        var prefix = Key("burst");
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await fixture.Host.WithDbAsync(async db =>
            {
                db.Publish(new TallyRequested { Key = $"{prefix}-{i}" });
                return await db.SaveChangesAsync();
            }));

        await Testing.Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Probe.All<TallyRequested>(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Count >= 200),
            "all 200 messages arrive", TimeSpan.FromSeconds(30));
        var received = fixture.Probe.All<TallyRequested>(m => m.Key.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(200, received.Select(r => r.MessageId).Distinct().Count());
    }
}

public sealed class OutboxRelayReplicaTests : IClassFixture<IsolatedInfrastructure>
{
    private readonly IsolatedInfrastructure _infrastructure;

    public OutboxRelayReplicaTests(IsolatedInfrastructure infrastructure) => _infrastructure = infrastructure;

    [Fact]
    public async Task Two_relays_on_one_database_publish_each_message_exactly_once()
    {
        await using var probe = await new Testing.MessageProbe(_infrastructure.VirtualHost).Observe<TallyRequested>().StartAsync();
        await using var first = MessagingHost.Create(_infrastructure.Database, _infrastructure.VirtualHost, pollInterval: TimeSpan.FromMilliseconds(200), withConsumer: false);
        await using var second = MessagingHost.Create(_infrastructure.Database, _infrastructure.VirtualHost, pollInterval: TimeSpan.FromMilliseconds(200), withConsumer: false);
        await first.StartAsync();
        await second.StartAsync();

        var prefix = $"replicas-{Guid.NewGuid():N}";
        for (var batch = 0; batch < 10; batch++)
        {
            await first.WithDbAsync(async db =>
            {
                for (var i = 0; i < 50; i++)
                {
                    db.Publish(new TallyRequested { Key = $"{prefix}-{batch}-{i}" });
                }
                return await db.SaveChangesAsync();
            });
        }

        await Testing.Eventually.HoldsAsync(
            () => Task.FromResult(probe.All<TallyRequested>(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Count >= 500),
            "all 500 messages arrive", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var received = probe.All<TallyRequested>(m => m.Key.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(500, received.Count);
        Assert.Equal(500, received.Select(r => r.MessageId).Distinct().Count());
    }
}
