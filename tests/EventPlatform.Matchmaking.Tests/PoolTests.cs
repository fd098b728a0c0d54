using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Consumers;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Messaging;
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

    /// <summary>The name a pool shows (and rounds pair) for a member.</summary>
    private async Task<string> NameInPoolAsync(Guid eventId, Guid attendeeId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
        return await db.PoolMembers.Where(p => p.EventId == eventId && p.AttendeeId == attendeeId).Select(p => p.DisplayName).SingleAsync();
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
    public async Task A_profile_edit_that_overtakes_the_registration_is_kept()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await EventAsync(probe);
        var later = await EventAsync(probe);
        var ana = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow;

        // Ana registers (t0), then renames herself and changes interests (t0 + 1 s); the edit is delivered first.
        var (edited, registered) = (Guid.NewGuid(), Guid.NewGuid());
        await probe.PublishAsync(new AttendeeProfileUpdated { AttendeeId = ana, Profile = Profile("Ana Lima", true, "feature-stores"), OccurredAt = t0.AddSeconds(1) }, edited);
        await Eventually.HoldsAsync(() => AppliedAsync(edited), "Matchmaking applied the edit before any registration");
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ana, Profile = Profile("Ana", true, "nlp"), OccurredAt = t0 }, registered);
        await Eventually.HoldsAsync(() => AppliedAsync(registered), "Matchmaking applied the registration");

        var membership = await (await MembershipAsync(ev.EventId, ana)).ReadJsonAsync<PoolMembership>();
        Assert.True(membership.InPool);
        Assert.Equal("Ana Lima", await NameInPoolAsync(ev.EventId, ana));
        Assert.Equal(["feature-stores"], membership.Interests);

        // A later event's registration, sent before the edit but delivered after it, gets the edited profile too;
        // a newer registration's own profile wins over the remembered one.
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = later.EventId, AttendeeId = ana, Profile = Profile("Ana", true, "nlp"), OccurredAt = t0.AddMilliseconds(500) });
        await Eventually.HoldsAsync(async () => (await MembershipAsync(later.EventId, ana)).IsSuccessStatusCode, "Ana is in the later event's pool");
        Assert.Equal("Ana Lima", await NameInPoolAsync(later.EventId, ana));

        var third = await EventAsync(probe);
        await probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = third.EventId, AttendeeId = ana, Profile = Profile("Ana L.", true, "llmops"), OccurredAt = t0.AddSeconds(2) });
        await Eventually.HoldsAsync(async () => (await MembershipAsync(third.EventId, ana)).IsSuccessStatusCode, "Ana is in the third event's pool");
        Assert.Equal("Ana L.", await NameInPoolAsync(third.EventId, ana));
    }

    [Fact]
    public async Task A_burst_of_registrations_is_applied_in_batches_each_once_with_the_newest_profile_known()
    {
        await using var probe = await factory.Probe().StartAsync();
        var (first, second) = (await EventAsync(probe), await EventAsync(probe));
        var people = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        var t0 = DateTimeOffset.UtcNow;
        // Each person registers for both events; the second registration carries a newer profile. Published all at once,
        // shuffled, the first five twice.
        var messages = people.SelectMany(person => new[]
        {
            (Person: person, MessageId: Guid.NewGuid(), Message: new AttendeeRegistered
            {
                RegistrationId = Guid.NewGuid(), EventId = first.EventId, AttendeeId = person, Profile = Profile("older"), OccurredAt = t0,
            }),
            (Person: person, MessageId: Guid.NewGuid(), Message: new AttendeeRegistered
            {
                RegistrationId = Guid.NewGuid(), EventId = second.EventId, AttendeeId = person, Profile = Profile("newer"), OccurredAt = t0.AddSeconds(1),
            }),
        }).ToList();
        await Task.WhenAll(messages.Concat(messages.Take(5)).OrderBy(_ => Random.Shared.Next()).Select(m => probe.PublishAsync(m.Message, m.MessageId)));

        await Eventually.HoldsAsync(async () => await PoolSizeAsync(first.EventId) == people.Length && await PoolSizeAsync(second.EventId) == people.Length,
            "everyone is in both pools");
        await Eventually.HoldsAsync(() => AppliedAsync([.. messages.Select(m => m.MessageId)]), "Matchmaking applied every registration");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
        // Messages applied in one transaction share its start time (the order of the batches), and none was applied twice.
        var ids = messages.Select(m => m.MessageId).ToList();
        var applied = (await db.InboxMessages.Where(m => ids.Contains(m.MessageId)).ToListAsync()).ToDictionary(m => m.MessageId, m => m.ProcessedAt);
        Assert.Equal(messages.Count, applied.Count);

        // A pool takes the newest profile known when its registration is applied (a later edit reaches every pool by its
        // own message): the second event's always the newer one, the first event's the newer one unless applied before it.
        var members = await db.PoolMembers.Where(p => people.Contains(p.AttendeeId)).ToListAsync();
        Assert.Equal(people.Length * 2, members.Count);
        foreach (var person in people)
        {
            var (older, newer) = (messages.First(m => m.Person == person), messages.Last(m => m.Person == person));
            Assert.Equal("newer", members.Single(p => p.AttendeeId == person && p.EventId == second.EventId).DisplayName);
            Assert.Equal(applied[older.MessageId] < applied[newer.MessageId] ? "older" : "newer",
                members.Single(p => p.AttendeeId == person && p.EventId == first.EventId).DisplayName);
        }
    }

    [Fact]
    public async Task One_batch_holding_two_registrations_of_a_person_keeps_the_newer_profile_for_both()
    {
        await using var probe = await factory.Probe().StartAsync();
        var (first, second) = (await EventAsync(probe), await EventAsync(probe));
        var person = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow;
        // The batch as InboxBatches hands it over: the newer registration first, so neither order nor a second upsert of
        // the same row can decide it.
        Delivery<PoolJoin>[] batch =
        [
            new("test", Guid.NewGuid(), null, new PoolJoin(second.EventId, person, Guid.NewGuid(), Profile("newer"), t0.AddSeconds(1), Waitlisted: false)),
            new("test", Guid.NewGuid(), null, new PoolJoin(first.EventId, person, Guid.NewGuid(), Profile("older"), t0, Waitlisted: true)),
        ];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await PoolConsumer.JoinAsync(db, batch, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        using var check = factory.Services.CreateScope();
        var members = await check.ServiceProvider.GetRequiredService<MatchmakingDbContext>().PoolMembers.Where(p => p.AttendeeId == person).ToListAsync();
        Assert.Equal(2, members.Count);
        Assert.All(members, member => Assert.Equal("newer", member.DisplayName));
        Assert.True(members.Single(m => m.EventId == first.EventId).Waitlisted);
        Assert.True(members.Single(m => m.EventId == second.EventId).Confirmed);
    }

    [Fact]
    public async Task Concurrent_edits_and_registrations_end_with_the_newest_profile_everywhere()
    {
        await using var probe = await factory.Probe().StartAsync();
        var events = new[] { await EventAsync(probe), await EventAsync(probe), await EventAsync(probe) };
        var people = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var t0 = DateTimeOffset.UtcNow;

        // Every person registers for three events and edits their profile three times, all published at once in a
        // shuffled order: whatever order the consumers take them in, the newest edit (t0 + 3 s) must win everywhere.
        var sends = new List<Func<Task>>();
        foreach (var person in people)
        {
            for (var i = 0; i < events.Length; i++)
            {
                var (ev, at) = (events[i], t0.AddMilliseconds(100 * i));
                sends.Add(() => probe.PublishAsync(new AttendeeRegistered { RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = person, Profile = Profile("registered"), OccurredAt = at }));
            }
            for (var edit = 1; edit <= 3; edit++)
            {
                var (name, at) = ($"edit {edit}", t0.AddSeconds(edit));
                sends.Add(() => probe.PublishAsync(new AttendeeProfileUpdated { AttendeeId = person, Profile = Profile(name), OccurredAt = at }));
            }
        }
        await Task.WhenAll(sends.OrderBy(_ => Random.Shared.Next()).Select(send => send()));

        foreach (var ev in events)
        {
            await Eventually.HoldsAsync(async () => await PoolSizeAsync(ev.EventId) == people.Length, "everyone is in every pool");
        }
        await Eventually.HoldsAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
            var names = await db.PoolMembers.Where(p => people.Contains(p.AttendeeId)).Select(p => p.DisplayName).ToListAsync();
            return names.Count == people.Length * events.Length && names.All(n => n == "edit 3");
        }, "every pool holds each person's newest profile");
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
