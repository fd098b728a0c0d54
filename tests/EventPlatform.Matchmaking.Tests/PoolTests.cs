using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Matchmaking.Tests;

public sealed class PoolTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private static NetworkingProfile Profile(string name, bool optIn = true, params string[] interests) => new()
    {
        DisplayName = name,
        Headline = "ML engineer",
        Interests = interests.Length == 0 ? ["mlops"] : interests,
        Intents = ["learning", "not-an-intent"],
        TimeZone = "Europe/Berlin",
        DirectoryVisible = true,
        NetworkingOptIn = optIn,
    };

    private async Task<EventSnapshot> EventAsync(MessageProbe probe)
    {
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        return ev;
    }

    private async Task<int> PoolSizeAsync(Guid eventId)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/networking/events/{eventId}");
        return response.IsSuccessStatusCode ? (await response.ReadJsonAsync<NetworkingStatus>()).PoolSize : -1;
    }

    /// <summary>Whether Matchmaking's inbox records every one of these messages as applied.</summary>
    private async Task<bool> AppliedAsync(params Guid[] messageIds)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
        return await db.InboxMessages.CountAsync(m => messageIds.Contains(m.MessageId)) == messageIds.Length;
    }

    private async Task<HttpResponseMessage> MembershipAsync(Guid eventId, Guid attendeeId)
    {
        using var client = factory.ClientWithToken(factory.AttendeeToken(attendeeId));
        return await client.GetAsync($"/api/networking/events/{eventId}/me");
    }

    [Fact]
    public async Task The_pool_follows_registrations_promotions_and_cancellations()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await EventAsync(probe);
        var (ana, ben, cai, dee) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t0 = DateTimeOffset.UtcNow;

        var registered = new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ana, Profile = Profile("Ana"), OccurredAt = t0 };
        await probe.PublishAsync(registered, messageId: Guid.Parse("00000000-0000-0000-0000-00000000a0a0"));
        await probe.PublishAsync(registered, messageId: Guid.Parse("00000000-0000-0000-0000-00000000a0a0"));
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ben, Profile = Profile("Ben"), OccurredAt = t0 });
        // Cai registered with networking turned off: confirmed, but not in the pool.
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = cai, Profile = Profile("Cai", optIn: false), OccurredAt = t0 });
        // Dee was waitlisted (no message for Matchmaking) and is then promoted.
        await probe.PublishAsync(new RegistrationPromoted { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = dee, Profile = Profile("Dee"), OccurredAt = t0.AddSeconds(1) });
        await Eventually.HoldsAsync(async () => await PoolSizeAsync(ev.EventId) == 3, "Ana, Ben and Dee are in the pool");

        var membership = await (await MembershipAsync(ev.EventId, ana)).ReadJsonAsync<PoolMembership>();
        Assert.True(membership.InPool);
        Assert.Equal(["learning"], membership.Intents);
        var off = await (await MembershipAsync(ev.EventId, cai)).ReadJsonAsync<PoolMembership>();
        Assert.False(off.InPool);
        Assert.True(off.Confirmed);
        await (await MembershipAsync(ev.EventId, Guid.NewGuid())).ProblemAsync(404);

        await probe.PublishAsync(new RegistrationCancelled { RegistrationId = registered.RegistrationId, EventId = ev.EventId, AttendeeId = ana, WasConfirmed = true, OccurredAt = t0.AddSeconds(2) });
        await Eventually.HoldsAsync(async () => await PoolSizeAsync(ev.EventId) == 2, "Ana left the pool");
        Assert.False((await (await MembershipAsync(ev.EventId, ana)).ReadJsonAsync<PoolMembership>()).InPool);
    }

    [Fact]
    public async Task Profile_edits_apply_to_every_event_and_older_messages_change_nothing()
    {
        await using var probe = await factory.Probe().StartAsync();
        var first = await EventAsync(probe);
        var second = await EventAsync(probe);
        var ana = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow;
        foreach (var ev in new[] { first, second })
        {
            await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ana, Profile = Profile("Ana"), OccurredAt = t0 });
        }
        await Eventually.HoldsAsync(async () => await PoolSizeAsync(first.EventId) == 1 && await PoolSizeAsync(second.EventId) == 1, "Ana is in both pools");

        var (newer, older) = (Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(new AttendeeProfileUpdated { AttendeeId = ana, Profile = Profile("Ana", true, "model-monitoring", "Feature Stores"), OccurredAt = t0.AddSeconds(5) }, newer);
        // An edit made earlier but delivered later must not undo the newer one.
        await probe.PublishAsync(new AttendeeProfileUpdated { AttendeeId = ana, Profile = Profile("Ana", false, "nlp"), OccurredAt = t0.AddSeconds(3) }, older);
        await Eventually.HoldsAsync(() => AppliedAsync(newer, older), "Matchmaking applied both profile edits");
        foreach (var ev in new[] { first, second })
        {
            var membership = await (await MembershipAsync(ev.EventId, ana)).ReadJsonAsync<PoolMembership>();
            Assert.True(membership.InPool);
            Assert.Equal(["model-monitoring", "feature-stores"], membership.Interests);
        }
    }

    [Fact]
    public async Task A_cancellation_that_overtakes_its_registration_keeps_the_attendee_out()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await EventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        var registrationId = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow;

        var (cancelled, registered) = (Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(new RegistrationCancelled { RegistrationId = registrationId, EventId = ev.EventId, AttendeeId = ana, WasConfirmed = true, OccurredAt = t0.AddSeconds(1) }, cancelled);
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = registrationId, EventId = ev.EventId, AttendeeId = ana, Profile = Profile("Ana"), OccurredAt = t0 }, registered);
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ben, Profile = Profile("Ben"), OccurredAt = t0 });

        // Both of Ana's messages have been applied (they may have been handled at once, one of them retried) ...
        await Eventually.HoldsAsync(() => AppliedAsync(cancelled, registered), "Matchmaking applied both of Ana's messages");
        await Eventually.HoldsAsync(async () => (await MembershipAsync(ev.EventId, ben)).IsSuccessStatusCode, "Ben's registration arrived");

        // ... and the older registration did not undo the newer cancellation.
        Assert.Equal(1, await PoolSizeAsync(ev.EventId));
        Assert.False((await (await MembershipAsync(ev.EventId, ana)).ReadJsonAsync<PoolMembership>()).InPool);
    }

    [Fact]
    public async Task Membership_needs_a_token()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/networking/events/{Guid.NewGuid()}/me")).ProblemAsync(401);
    }
}
