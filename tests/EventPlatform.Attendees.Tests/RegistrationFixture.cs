using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

/// <summary>The Attendees service plus a probe that plays the Events service and listens to registration messages.</summary>
public sealed class RegistrationFixture : IAsyncLifetime
{
    public AttendeesFactory Service { get; } = new();
    public MessageProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Service.InitializeAsync();
        Probe = await Service.Probe()
            .Observe<AttendeeRegistered>().Observe<RegistrationWaitlisted>().Observe<RegistrationPromoted>().Observe<RegistrationCancelled>()
            .StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await ((IAsyncLifetime)Service).DisposeAsync();
    }

    /// <summary>Publishes an event as the Events service would and waits until registration knows it.</summary>
    public async Task<EventSnapshot> PublishEventAsync(EventSnapshot snapshot)
    {
        await Probe.PublishAsync(new EventPublished { Event = snapshot, OccurredAt = DateTimeOffset.UtcNow });
        using var client = Service.CreateClient();
        await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/registrations/events/{snapshot.EventId}/availability")).IsSuccessStatusCode,
            "the event is replicated");
        return snapshot;
    }

    public async Task<EventAvailability> AvailabilityAsync(Guid eventId)
    {
        using var client = Service.CreateClient();
        return await (await client.GetAsync($"/api/registrations/events/{eventId}/availability")).ReadJsonAsync<EventAvailability>();
    }

    public async Task<(SignedIn Attendee, HttpClient Client)> AttendeeAsync(string? name = null)
    {
        var attendee = await Service.SignUpAsync(name: name);
        return (attendee, Service.ClientWithToken(attendee.Token));
    }
}
