using EventPlatform.Testing;
using MassTransit;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed class QuorumQueueTests(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    private const string Queue = "tests-tally";

    [Fact]
    public async Task A_service_declares_its_queues_as_quorum_queues()
    {
        await using var host = MessagingHost.Create(infrastructure.Database, infrastructure.VirtualHost);
        await host.StartAsync();

        Assert.Equal("quorum", await QueueTypeAsync(Queue));
    }

    [Fact]
    public async Task Classic_queues_of_an_earlier_version_become_quorum_queues_and_keep_their_messages()
    {
        var database = TestInfrastructure.UniqueName("ep_test_quorum");
        var vhost = TestInfrastructure.UniqueName("ep-test-quorum");
        await TestInfrastructure.CreateDatabaseAsync(database);
        await MessagingHost.CreateSchemaAsync(database);
        await TestInfrastructure.CreateVirtualHostAsync(vhost);
        try
        {
            // What an earlier version left: the consumer's queue, classic, bound as MassTransit binds it, with messages waiting.
            var earlier = Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.Host(TestInfrastructure.RabbitHost, (ushort)TestInfrastructure.RabbitPort, vhost, h =>
                {
                    h.Username(TestContainers.RabbitUser);
                    h.Password(TestContainers.RabbitPassword);
                });
                cfg.ReceiveEndpoint(Queue, endpoint =>
                {
                    endpoint.ConfigureConsumeTopology = false;
                    endpoint.Bind<TallyRequested>();
                });
            });
            await earlier.StartAsync();
            await earlier.StopAsync();
            Assert.Equal("classic", await QueueTypeAsync(Queue, vhost));
            await using (var sender = await new MessageProbe(vhost).StartAsync())
            {
                foreach (var n in Enumerable.Range(1, 5))
                {
                    await sender.PublishAsync(new TallyRequested { Key = $"waiting-{vhost}-{n}" });
                }
            }
            await Eventually.HoldsAsync(async () => await TestInfrastructure.QueueDepthAsync(vhost, Queue) == 5, "five messages wait in the classic queue");

            await using var host = MessagingHost.Create(database, vhost);
            await host.StartAsync();

            Assert.Equal("quorum", await QueueTypeAsync(Queue, vhost));
            foreach (var n in Enumerable.Range(1, 5))
            {
                var key = $"waiting-{vhost}-{n}";
                await Eventually.HoldsAsync(async () => await host.TallyAsync(key) == 1, $"{key} is counted");
            }
            await using (var sender = await new MessageProbe(vhost).StartAsync())
            {
                await sender.PublishAsync(new TallyRequested { Key = $"after-{vhost}" });
            }
            await Eventually.HoldsAsync(async () => await host.TallyAsync($"after-{vhost}") == 1, "a new message reaches the quorum queue");
            await Eventually.HoldsAsync(async () => await QueueTypeAsync(Queue + ".migrating", vhost) is null, "the holding queue is gone");
        }
        finally
        {
            await TestInfrastructure.DropDatabaseAsync(database);
            await TestInfrastructure.DeleteVirtualHostAsync(vhost);
        }
    }

    private Task<string?> QueueTypeAsync(string queue, string? vhost = null) =>
        TestInfrastructure.QueueTypeAsync(vhost ?? infrastructure.VirtualHost, queue);
}
