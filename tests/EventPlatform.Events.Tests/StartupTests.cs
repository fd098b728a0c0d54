using System.Net.Http.Json;
using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Events.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task A_service_started_before_its_database_waits_and_becomes_ready_once_the_database_appears()
    {
        // PostgreSQL is reached through a proxy that is not listening yet: to the service the server is down.
        await using var proxy = new TcpProxy(TestInfrastructure.PostgresHost, TestInfrastructure.PostgresPort);
        var factory = new EventsFactory { PostgresPort = proxy.Port };
        await TestInfrastructure.CreateVirtualHostAsync(factory.VirtualHost);
        try
        {
            var ready = Task.Run(() => factory.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(ready.IsCompleted, "the service must not be ready without its database");

            proxy.Start();
            await ready.WaitAsync(TimeSpan.FromSeconds(90));

            var created = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
            Assert.Equal(Domain.EventStatus.Published, created.Status);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}

public sealed class TelemetryTests(EventsFactory factory) : IClassFixture<EventsFactory>
{
    [Fact]
    public void MassTransit_reports_no_usage_telemetry_to_an_outside_host()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MassTransit.UsageTelemetryOptions>>().Value;
        Assert.False(options.Enabled);
    }
}
