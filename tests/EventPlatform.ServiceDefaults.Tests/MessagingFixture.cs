using EventPlatform.Testing;

namespace EventPlatform.ServiceDefaults.Tests;

/// <summary>A database and a RabbitMQ virtual host of the test class's own.</summary>
public class IsolatedInfrastructure : IAsyncLifetime
{
    public string Database { get; } = TestInfrastructure.UniqueName("ep_test_defaults");
    public string VirtualHost { get; } = TestInfrastructure.UniqueName("ep-test-defaults");

    public virtual async Task InitializeAsync()
    {
        await TestInfrastructure.CreateVirtualHostAsync(VirtualHost);
        await TestInfrastructure.CreateDatabaseAsync(Database);
        await MessagingHost.CreateSchemaAsync(Database);
    }

    public virtual async Task DisposeAsync()
    {
        await TestInfrastructure.DropDatabaseAsync(Database);
        await TestInfrastructure.DeleteVirtualHostAsync(VirtualHost);
    }
}

/// <summary>Adds a running host (relay polling only every 30 s, so a fast delivery proves NOTIFY woke it) and a probe.</summary>
public sealed class MessagingFixture : IsolatedInfrastructure
{
    public MessagingHost Host { get; private set; } = null!;
    public MessageProbe Probe { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Probe = await new MessageProbe(VirtualHost).Observe<TallyRequested>().Observe<TallyApplied>().StartAsync();
        Host = MessagingHost.Create(Database, VirtualHost, pollInterval: TimeSpan.FromSeconds(30));
        await Host.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }
}
