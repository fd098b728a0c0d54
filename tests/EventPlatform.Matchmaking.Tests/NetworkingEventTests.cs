using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class NetworkingEventTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    [Fact]
    public async Task Networking_window_follows_the_event_messages()
    {
        await using var probe = await factory.Probe().StartAsync();
        var snapshot = EventSnapshots.Published(startsAt: new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7), TimeSpan.Zero));
        var messageId = Guid.NewGuid();
        await probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow }, messageId);
        await probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow }, messageId);

        using var client = factory.CreateClient();
        NetworkingStatus? status = null;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await client.GetAsync($"/api/networking/events/{snapshot.EventId}");
            status = response.IsSuccessStatusCode ? await response.ReadJsonAsync<NetworkingStatus>() : null;
            return status is not null;
        }, "the event reaches matchmaking");

        // Networking opened 14 days before a start 7 days away: it is open now.
        Assert.True(status!.IsOpen);
        Assert.Equal(snapshot.NetworkingOpensAt, status.NetworkingOpensAt);

        await probe.PublishAsync(new EventEnded { EventId = snapshot.EventId, Version = 9, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () =>
            !(await (await client.GetAsync($"/api/networking/events/{snapshot.EventId}")).ReadJsonAsync<NetworkingStatus>()).IsOpen,
            "networking closes when the event ends");
    }

    [Fact]
    public async Task Unknown_event_is_404_problem()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/networking/events/{Guid.NewGuid()}")).ProblemAsync(404);
    }
}
