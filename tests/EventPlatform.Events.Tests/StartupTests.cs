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
        // A PostgreSQL container of the test's own, created but not started: to the service the server is down.
        var port = TestContainers.FreePort();
        await using var database = TestContainers.Postgres().WithPortBinding(port, 5432).Build();
        var factory = new EventsFactory { PostgresHost = database.Hostname, PostgresPort = port };
        await TestInfrastructure.CreateVirtualHostAsync(factory.VirtualHost);
        try
        {
            var ready = Task.Run(() => factory.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(ready.IsCompleted, "the service must not be ready without its database");

            await database.StartAsync();
            await ready.WaitAsync(TimeSpan.FromSeconds(120));

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
