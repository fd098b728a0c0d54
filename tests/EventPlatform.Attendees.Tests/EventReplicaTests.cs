using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Events;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

public sealed class EventReplicaTests(AttendeesFactory factory) : IClassFixture<AttendeesFactory>, IAsyncLifetime
{
    private MessageProbe _probe = null!;

    public async Task InitializeAsync() => _probe = await factory.Probe().StartAsync();

    public async Task DisposeAsync() => await _probe.DisposeAsync();

    private async Task<EventAvailability?> ReplicaAsync(Guid id)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/registrations/events/{id}/availability");
        return response.IsSuccessStatusCode ? await response.ReadJsonAsync<EventAvailability>() : null;
    }

    [Fact]
    public async Task A_published_event_is_replicated_and_a_duplicate_delivery_changes_nothing()
    {
        var snapshot = EventSnapshots.Published(capacity: 40);
        var messageId = Guid.NewGuid();
        await _probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow }, messageId);
        await Eventually.HoldsAsync(async () => await ReplicaAsync(snapshot.EventId) is not null, "the event is replicated");

        // An update, then the original message again: the redelivery must not roll the replica back.
        await _probe.PublishAsync(new EventUpdated { Event = snapshot with { Capacity = 60, Version = 3 }, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await ReplicaAsync(snapshot.EventId))!.Capacity == 60, "the update is applied");
        await _probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow }, messageId);
        await Task.Delay(1000);
        Assert.Equal(60, (await ReplicaAsync(snapshot.EventId))!.Capacity);
    }

    [Fact]
    public async Task An_older_version_arriving_late_is_ignored()
    {
        var snapshot = EventSnapshots.Published(capacity: 40, version: 5);
        await _probe.PublishAsync(new EventUpdated { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => await ReplicaAsync(snapshot.EventId) is not null, "the event is replicated");
        await _probe.PublishAsync(new EventPublished { Event = snapshot with { Capacity = 10, Version = 2 }, OccurredAt = DateTimeOffset.UtcNow });
        await Task.Delay(1000);
        var replica = await ReplicaAsync(snapshot.EventId);
        Assert.Equal(40, replica!.Capacity);
        Assert.Equal(5, replica.Version);
    }

    [Fact]
    public async Task A_cancelled_event_is_marked_cancelled()
    {
        var snapshot = EventSnapshots.Published();
        await _probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => await ReplicaAsync(snapshot.EventId) is not null, "the event is replicated");
        await _probe.PublishAsync(new EventCancelled { EventId = snapshot.EventId, Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await ReplicaAsync(snapshot.EventId))!.Status == "cancelled", "the replica is cancelled");
    }
}
