using DotNet.Testcontainers.Containers;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.ServiceDefaults.Tests;

/// <summary>
/// The host's broker is a RabbitMQ container of this test's own, stopped and started again mid-test: a real outage and
/// a real restart (connections cut, new ones refused, durable queues recovered from disk), while every other test keeps
/// the shared broker. The container is bound to a fixed host port, so the host finds it at the same address afterwards.
/// </summary>
public sealed class BrokerOutageTests(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task Message_committed_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        var port = TestContainers.FreePort();
        await using IContainer broker = TestContainers.RabbitMq().WithPortBinding(port, RabbitMqPort).Build();
        await broker.StartAsync();
        await using var probe = await new MessageProbe("/", broker.Hostname, port) { SurvivesBrokerRestart = true }
            .Observe<TallyRequested>().StartAsync();
        await using var host = MessagingHost.Create(infrastructure.Database, "/", rabbitHost: broker.Hostname, rabbitPort: port,
            pollInterval: TimeSpan.FromMilliseconds(500), withConsumer: false);
        await host.StartAsync();

        var before = $"before-{Guid.NewGuid():N}";
        await host.WithDbAsync(async db => { db.Publish(new TallyRequested { Key = before }); return await db.SaveChangesAsync(); });
        await probe.WaitForAsync<TallyRequested>(m => m.Key == before, TimeSpan.FromSeconds(30));

        await broker.StopAsync();
        var during = $"during-{Guid.NewGuid():N}";
        var saved = await host.WithDbAsync(async db => { db.Publish(new TallyRequested { Key = during }); return await db.SaveChangesAsync(); });
        Assert.Equal(1, saved);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(probe.All<TallyRequested>(m => m.Key == during));
        var pending = (await host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null).Select(m => m.Body).ToListAsync()))
            .Count(body => body.Contains(during, StringComparison.Ordinal));
        Assert.Equal(1, pending);

        await broker.StartAsync();
        await probe.WaitForAsync<TallyRequested>(m => m.Key == during, TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(
            () => host.WithDbAsync(async db => await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null) == 0),
            "the outbox is drained");
        await Task.Delay(500);
        Assert.Single(probe.All<TallyRequested>(m => m.Key == during));
    }

    private const int RabbitMqPort = 5672;
}
