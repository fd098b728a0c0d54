using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventPlatform.Attendees.Domain;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Attendees.Tests;

public sealed class RegistrationTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static RegisterRequest For(EventSnapshot ev) => new() { EventId = ev.EventId };

    private static async Task<RegistrationResponse> RegisterAsync(HttpClient client, EventSnapshot ev) =>
        await (await client.PostJsonAsync("/api/registrations", For(ev))).ReadJsonAsync<RegistrationResponse>();

    [Fact]
    public async Task Hundreds_of_concurrent_registrations_fill_exactly_the_capacity_and_an_unbroken_waitlist()
    {
        const int capacity = 30;
        const int people = 300;
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: capacity));
        var attendees = await Task.WhenAll(Enumerable.Range(0, people).Select(_ => fixture.AttendeeAsync()));

        var responses = await Task.WhenAll(attendees.Select(async a =>
        {
            var response = await a.Client.PostJsonAsync("/api/registrations", For(ev));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.ReadJsonAsync<RegistrationResponse>();
        }));

        Assert.Equal(capacity, responses.Count(r => r.Status == RegistrationStatus.Confirmed));
        var positions = responses.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, people - capacity), positions);

        var availability = await fixture.AvailabilityAsync(ev.EventId);
        Assert.Equal(capacity, availability.SeatsTaken);
        Assert.Equal(people - capacity, availability.Waitlisted);

        // The organizer's list agrees: confirmed first, then the waitlist 1..n in arrival order.
        using var organizer = fixture.Service.ClientWithToken(fixture.Service.OrganizerToken());
        var listed = new List<RegistrantResponse>();
        for (var page = 1; listed.Count < people; page++)
        {
            var chunk = await (await organizer.GetAsync($"/api/registrations?eventId={ev.EventId}&page={page}&pageSize=100")).ReadJsonAsync<Page<RegistrantResponse>>();
            Assert.NotEmpty(chunk.Items);
            listed.AddRange(chunk.Items);
        }
        Assert.Equal(Enumerable.Range(1, people - capacity), listed.Skip(capacity).Select(r => r.WaitlistPosition!.Value));

        await Eventually.HoldsAsync(() => Task.FromResult(
            fixture.Probe.All<AttendeeRegistered>(m => m.EventId == ev.EventId).Count == capacity
            && fixture.Probe.All<RegistrationWaitlisted>(m => m.EventId == ev.EventId).Count == people - capacity),
            "one message per registration");
    }

    [Fact]
    public async Task Registrations_decided_together_keep_each_ones_place_message_and_correlation_and_one_place_per_person()
    {
        const int capacity = 10;
        const int people = 80;
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: capacity));
        var attendees = await Task.WhenAll(Enumerable.Range(0, people).Select(_ => fixture.AttendeeAsync()));

        // Everyone asks twice at once, each request with its own correlation id.
        var requests = await Task.WhenAll(attendees.SelectMany(a => new[] { 1, 2 }.Select(async n =>
        {
            var correlationId = $"reg-{a.Attendee.AttendeeId:N}-{n}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(For(ev)) };
            request.Headers.Add("X-Correlation-Id", correlationId);
            var response = await a.Client.SendAsync(request);
            return (a.Attendee.AttendeeId, correlationId, response.StatusCode, Registration: await response.ReadJsonAsync<RegistrationResponse>());
        })));

        // Decided together: requests arriving while a batch was being decided share its transaction, and so its time.
        Assert.True(requests.Select(r => r.Registration.RegisteredAt).Distinct().Count() < people,
            "some registrations were decided in one batch");
        foreach (var person in requests.GroupBy(r => r.AttendeeId))
        {
            Assert.Single(person, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Single(person.Select(r => r.Registration.Id).Distinct());
        }
        var created = requests.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(capacity, created.Count(r => r.Registration.Status == RegistrationStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, people - capacity), created.Select(r => r.Registration.WaitlistPosition).OfType<int>().Order());

        // The place each was told is the place the waitlist keeps (counted from the stored arrival order)...
        await Parallel.ForEachAsync(created, async (r, _) =>
        {
            var client = attendees.Single(a => a.Attendee.AttendeeId == r.AttendeeId).Client;
            var stored = await (await client.GetAsync($"/api/registrations/{r.Registration.Id}")).ReadJsonAsync<RegistrationResponse>();
            Assert.Equal(r.Registration.WaitlistPosition, stored.WaitlistPosition);
        });

        // ...and each registration's one message carries that place and its own request's correlation id.
        await Eventually.HoldsAsync(() => Task.FromResult(
            fixture.Probe.All<AttendeeRegistered>(m => m.EventId == ev.EventId).Count
            + fixture.Probe.All<RegistrationWaitlisted>(m => m.EventId == ev.EventId).Count == people),
            "one message per person");
        foreach (var r in created)
        {
            var received = r.Registration.Status == RegistrationStatus.Confirmed
                ? Assert.Single(fixture.Probe.All<AttendeeRegistered>(m => m.RegistrationId == r.Registration.Id))
                : Assert.Single(fixture.Probe.All<RegistrationWaitlisted>(m => m.RegistrationId == r.Registration.Id));
            Assert.Equal(r.correlationId, received.CorrelationId);
            if (received.Message is RegistrationWaitlisted waitlisted)
            {
                Assert.Equal(r.Registration.WaitlistPosition, waitlisted.WaitlistPosition);
            }
        }
        var availability = await fixture.AvailabilityAsync(ev.EventId);
        Assert.Equal((capacity, people - capacity), (availability.SeatsTaken, availability.Waitlisted));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_seat_promotes_the_first_in_line_and_moves_the_waitlist_up()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 2));
        var a = await fixture.AttendeeAsync();
        var b = await fixture.AttendeeAsync();
        var c = await fixture.AttendeeAsync();
        var d = await fixture.AttendeeAsync();
        var aReg = await RegisterAsync(a.Client, ev);
        await RegisterAsync(b.Client, ev);
        var cReg = await RegisterAsync(c.Client, ev);
        var dReg = await RegisterAsync(d.Client, ev);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (cReg.Status, cReg.WaitlistPosition));
        Assert.Equal((RegistrationStatus.Waitlisted, 2), (dReg.Status, dReg.WaitlistPosition));

        var cancelled = await (await a.Client.DeleteAsync($"/api/registrations/{aReg.Id}")).ReadJsonAsync<RegistrationResponse>();
        Assert.Equal(RegistrationStatus.Cancelled, cancelled.Status);

        var cNow = await (await c.Client.GetAsync($"/api/registrations/{cReg.Id}")).ReadJsonAsync<RegistrationResponse>();
        Assert.Equal(RegistrationStatus.Confirmed, cNow.Status);
        Assert.NotNull(cNow.PromotedAt);
        var dNow = await (await d.Client.GetAsync($"/api/registrations/{dReg.Id}")).ReadJsonAsync<RegistrationResponse>();
        Assert.Equal(1, dNow.WaitlistPosition);

        var promoted = await fixture.Probe.WaitForAsync<RegistrationPromoted>(m => m.EventId == ev.EventId);
        Assert.Equal(c.Attendee.AttendeeId, promoted.AttendeeId);
        var cancellation = await fixture.Probe.WaitForAsync<RegistrationCancelled>(m => m.EventId == ev.EventId);
        Assert.True(cancellation.WasConfirmed);

        // Cancelling twice is a conflict, not a second free seat.
        await (await a.Client.DeleteAsync($"/api/registrations/{aReg.Id}")).ProblemAsync(409);
        Assert.Equal(2, (await fixture.AvailabilityAsync(ev.EventId)).SeatsTaken);
    }

    [Fact]
    public async Task A_capacity_increase_promotes_from_the_waitlist_in_order()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 1));
        var people = new List<(SignedIn Attendee, HttpClient Client)>();
        var registrations = new List<RegistrationResponse>();
        for (var i = 0; i < 4; i++)
        {
            var person = await fixture.AttendeeAsync();
            people.Add(person);
            registrations.Add(await RegisterAsync(person.Client, ev));
        }

        await fixture.Probe.PublishAsync(new EventUpdated { Event = ev with { Capacity = 3, Version = ev.Version + 1 }, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await fixture.AvailabilityAsync(ev.EventId)).SeatsTaken == 3, "two are promoted");

        var statuses = new List<RegistrationResponse>();
        foreach (var (person, registration) in people.Zip(registrations))
        {
            statuses.Add(await (await person.Client.GetAsync($"/api/registrations/{registration.Id}")).ReadJsonAsync<RegistrationResponse>());
        }
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted],
            statuses.Select(s => s.Status));
        Assert.Equal(1, statuses[3].WaitlistPosition);
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Probe.All<RegistrationPromoted>(m => m.EventId == ev.EventId).Count == 2), "two promotions announced");
    }

    [Fact]
    public async Task Registering_twice_returns_the_existing_registration_and_takes_no_second_seat()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 5));
        var (_, client) = await fixture.AttendeeAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostJsonAsync("/api/registrations", For(ev))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync<RegistrationResponse>()).Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, (await fixture.AvailabilityAsync(ev.EventId)).SeatsTaken);
    }

    [Fact]
    public async Task After_cancelling_an_attendee_may_register_again()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 5));
        var (_, client) = await fixture.AttendeeAsync();
        var first = await RegisterAsync(client, ev);
        (await client.DeleteAsync($"/api/registrations/{first.Id}")).EnsureSuccessStatusCode();
        var second = await client.PostJsonAsync("/api/registrations", For(ev));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Id, (await second.ReadJsonAsync<RegistrationResponse>()).Id);
    }

    [Fact]
    public async Task Registration_outside_the_window_or_for_a_closed_event_is_refused_with_a_clear_problem()
    {
        var (_, client) = await fixture.AttendeeAsync();
        var notYet = await fixture.PublishEventAsync(EventSnapshots.Published() with { RegistrationOpensAt = DateTimeOffset.UtcNow.AddDays(3) });
        Assert.EndsWith("registration-not-open", (await (await client.PostJsonAsync("/api/registrations", For(notYet))).ProblemAsync(409)).GetProperty("type").GetString());

        var closed = await fixture.PublishEventAsync(EventSnapshots.Published() with { RegistrationClosesAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.EndsWith("registration-closed", (await (await client.PostJsonAsync("/api/registrations", For(closed))).ProblemAsync(409)).GetProperty("type").GetString());

        var cancelled = await fixture.PublishEventAsync(EventSnapshots.Published());
        await fixture.Probe.PublishAsync(new EventCancelled { EventId = cancelled.EventId, Version = cancelled.Version + 1, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await fixture.AvailabilityAsync(cancelled.EventId)).Status == "cancelled", "the event is cancelled");
        Assert.EndsWith("event-cancelled", (await (await client.PostJsonAsync("/api/registrations", For(cancelled))).ProblemAsync(409)).GetProperty("type").GetString());

        var ended = await fixture.PublishEventAsync(EventSnapshots.Published());
        await fixture.Probe.PublishAsync(new EventEnded { EventId = ended.EventId, Version = ended.Version + 1, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await fixture.AvailabilityAsync(ended.EventId)).Status == "ended", "the event ends");
        Assert.EndsWith("event-ended", (await (await client.PostJsonAsync("/api/registrations", For(ended))).ProblemAsync(409)).GetProperty("type").GetString());

        await (await client.PostJsonAsync("/api/registrations", new RegisterRequest { EventId = Guid.NewGuid() })).ProblemAsync(404);
    }

    [Fact]
    public async Task An_event_cancelled_by_the_organizer_cancels_its_registrations()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 1));
        var a = await fixture.AttendeeAsync();
        var b = await fixture.AttendeeAsync();
        await RegisterAsync(a.Client, ev);
        await RegisterAsync(b.Client, ev);

        await fixture.Probe.PublishAsync(new EventCancelled { EventId = ev.EventId, Version = ev.Version + 1, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () =>
        {
            var mine = await (await a.Client.GetAsync("/api/registrations/me")).ReadJsonAsync<List<RegistrationResponse>>();
            return mine.Single(r => r.EventId == ev.EventId).Status == RegistrationStatus.Cancelled;
        }, "the registration is cancelled");
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Probe.All<RegistrationCancelled>(m => m.EventId == ev.EventId).Count == 2),
            "both cancellations are announced");
        var availability = await fixture.AvailabilityAsync(ev.EventId);
        Assert.Equal((0, 0), (availability.SeatsTaken, availability.Waitlisted));
    }

    [Fact]
    public async Task Access_rules_401_without_a_token_403_for_organizer_routes_404_for_someone_elses_registration()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published());
        var owner = await fixture.AttendeeAsync();
        var other = await fixture.AttendeeAsync();
        var registration = await RegisterAsync(owner.Client, ev);

        using var anonymous = fixture.Service.CreateClient();
        await (await anonymous.PostJsonAsync("/api/registrations", For(ev))).ProblemAsync(401);
        await (await anonymous.GetAsync("/api/registrations/me")).ProblemAsync(401);
        await (await other.Client.GetAsync($"/api/registrations?eventId={ev.EventId}")).ProblemAsync(403);

        await (await other.Client.GetAsync($"/api/registrations/{registration.Id}")).ProblemAsync(404);
        await (await other.Client.DeleteAsync($"/api/registrations/{registration.Id}")).ProblemAsync(404);
        await (await other.Client.GetAsync($"/api/registrations/{registration.Id}/calendar.ics")).ProblemAsync(404);
        var mine = await (await other.Client.GetAsync("/api/registrations/me")).ReadJsonAsync<List<RegistrationResponse>>();
        Assert.Empty(mine);
        // The owner's registration is untouched by the other's attempts.
        Assert.Equal(RegistrationStatus.Confirmed, (await (await owner.Client.GetAsync($"/api/registrations/{registration.Id}")).ReadJsonAsync<RegistrationResponse>()).Status);
    }

    [Fact]
    public async Task Malformed_or_incomplete_bodies_are_400_problems()
    {
        var (_, client) = await fixture.AttendeeAsync();
        await (await client.PostAsync("/api/registrations", new StringContent("{\"eventId\":", Encoding.UTF8, "application/json"))).ProblemAsync(400);
        await (await client.PostAsync("/api/registrations", new StringContent("{\"eventId\":\"not-a-guid\"}", Encoding.UTF8, "application/json"))).ProblemAsync(400);
        await (await client.PostAsync("/api/registrations", new StringContent("{}", Encoding.UTF8, "application/json"))).ProblemAsync(400);
        using var organizer = fixture.Service.ClientWithToken(fixture.Service.OrganizerToken());
        await (await organizer.GetAsync("/api/registrations")).ProblemAsync(400);
    }

    [Fact]
    public async Task The_registration_message_carries_the_profile_matchmaking_needs()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published());
        var (attendee, client) = await fixture.AttendeeAsync("Grace");
        (await client.PutJsonAsync("/api/attendees/me", new ProfileRequest
        {
            DisplayName = "Grace",
            Interests = ["model-monitoring"],
            Intents = ["job-seeking"],
            TimeZone = "Asia/Tokyo",
            DirectoryVisible = true,
        })).EnsureSuccessStatusCode();
        await RegisterAsync(client, ev);
        var message = await fixture.Probe.WaitForAsync<AttendeeRegistered>(m => m.AttendeeId == attendee.AttendeeId);
        Assert.Equal(["model-monitoring"], message.Profile.Interests);
        Assert.Equal(["job-seeking"], message.Profile.Intents);
        Assert.Equal("Asia/Tokyo", message.Profile.TimeZone);
        Assert.True(message.Profile.NetworkingOptIn);
    }
}
