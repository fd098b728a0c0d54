using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

/// <summary>A platform whose services reach RabbitMQ through a proxy the test can cut.</summary>
public sealed class PlatformBehindBrokerProxy : Platform
{
    public TcpProxy Broker { get; } = new(TestInfrastructure.RabbitHost, TestInfrastructure.RabbitPort);

    protected override string RabbitHost => "127.0.0.1";
    protected override int RabbitPort => Broker.Port;

    public override Task InitializeAsync()
    {
        Broker.Start();
        return base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

public sealed class OutageTests(PlatformBehindBrokerProxy platform) : IClassFixture<PlatformBehindBrokerProxy>
{
    [Fact]
    public async Task With_RabbitMQ_down_publishing_succeeds_and_the_event_arrives_once_it_is_back()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent())).ReadJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        platform.Broker.Stop();
        try
        {
            var publish = await organizer.PostAsync($"/api/events/{id}/publish", null);
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
            using var anonymous = platform.Client();
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/registrations/events/{id}/availability")).StatusCode);
            // Readiness reports the broker outage.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health")).StatusCode);
        }
        finally
        {
            platform.Broker.Start();
        }

        using var client = platform.Client();
        await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/registrations/events/{id}/availability")).IsSuccessStatusCode
            && (await client.GetAsync($"/api/networking/events/{id}")).IsSuccessStatusCode,
            "both replicas receive the event after RabbitMQ is back", TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK,
            "the platform is healthy again", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_stopped_service_misses_nothing_while_the_others_keep_serving()
    {
        await platform.StopAsync("matchmaking");
        Guid id;
        try
        {
            using var client = platform.Client();
            await Eventually.HoldsAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "the gateway reports matchmaking down");
            var health = await (await client.GetAsync("/health/details")).Content.ReadAsStringAsync();
            Assert.Contains("Unreachable", health, StringComparison.Ordinal);

            using var organizer = platform.Client(await platform.OrganizerTokenAsync());
            var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent())).ReadJsonAsync<JsonElement>();
            id = created.GetProperty("id").GetGuid();
            (await organizer.PostAsync($"/api/events/{id}/publish", null)).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/registrations/events/{id}/availability")).IsSuccessStatusCode,
                "attendees keeps working");
        }
        finally
        {
            platform.Start("matchmaking");
        }

        using var after = platform.Client();
        await Eventually.HoldsAsync(async () => (await after.GetAsync($"/api/networking/events/{id}")).IsSuccessStatusCode,
            "matchmaking catches up from its durable queue", TimeSpan.FromSeconds(60));
    }
}
