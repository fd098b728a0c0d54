using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.ServiceDefaults.Tests;

/// <summary>
/// The host reaches RabbitMQ through a proxy; stopping the proxy is, for the host, RabbitMQ going down
/// (connections cut, new ones refused) while other tests keep using the real broker.
/// </summary>
public sealed class BrokerOutageTests(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task Message_committed_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        await using var proxy = new TcpProxy(TestInfrastructure.RabbitHost, TestInfrastructure.RabbitPort);
        proxy.Start();
        await using var probe = await new MessageProbe(infrastructure.VirtualHost).Observe<TallyRequested>().StartAsync();
        await using var host = MessagingHost.Create(infrastructure.Database, infrastructure.VirtualHost, rabbitPort: proxy.Port,
            pollInterval: TimeSpan.FromMilliseconds(500), withConsumer: false);
        await host.StartAsync();

        var before = $"before-{Guid.NewGuid():N}";
        await host.WithDbAsync(async db => { db.Publish(new TallyRequested { Key = before }); return await db.SaveChangesAsync(); });
        await probe.WaitForAsync<TallyRequested>(m => m.Key == before, TimeSpan.FromSeconds(30));

        proxy.Stop();
        var during = $"during-{Guid.NewGuid():N}";
        var saved = await host.WithDbAsync(async db => { db.Publish(new TallyRequested { Key = during }); return await db.SaveChangesAsync(); });
        Assert.Equal(1, saved);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(probe.All<TallyRequested>(m => m.Key == during));
        var pending = (await host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null).Select(m => m.Body).ToListAsync()))
            .Count(body => body.Contains(during, StringComparison.Ordinal));
        Assert.Equal(1, pending);

        proxy.Start();
        await probe.WaitForAsync<TallyRequested>(m => m.Key == during, TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(
            () => host.WithDbAsync(async db => await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null) == 0),
            "the outbox is drained");
        await Task.Delay(500);
        Assert.Single(probe.All<TallyRequested>(m => m.Key == during));
    }
}
