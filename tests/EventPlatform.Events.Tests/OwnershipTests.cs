using System.Net;
using System.Text;
using EventPlatform.Contracts.Events;
using EventPlatform.Events.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class OwnershipTests(EventsFactory factory) : IClassFixture<EventsFactory>, IAsyncLifetime
{
    private MessageProbe _probe = null!;

    public async Task InitializeAsync() =>
        _probe = await factory.Probe().Observe<EventCreated>().Observe<EventUpdated>().StartAsync();

    public async Task DisposeAsync() => await _probe.DisposeAsync();

    [Fact]
    public async Task Another_organizer_can_neither_change_nor_see_the_draft_of_an_event_they_do_not_organize()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent());
        using var other = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/events/{ev.Id}")).StatusCode);
        var drafts = await (await other.GetAsync("/api/events?status=draft&pageSize=100")).ReadJsonAsync<Page<EventResponse>>();
        Assert.DoesNotContain(drafts.Items, e => e.Id == ev.Id);

        var forbidden = await (await other.PutJsonAsync($"/api/events/{ev.Id}", EventsFactory.NewEvent("Taken over"))).ProblemAsync(403);
        Assert.EndsWith("not-an-organizer-of-event", forbidden.GetProperty("type").GetString());
        await (await other.PostAsync($"/api/events/{ev.Id}/publish", null)).ProblemAsync(403);
        await (await other.PostJsonAsync($"/api/events/{ev.Id}/agenda", new AgendaItemRequest
        {
            Title = "Hijack", StartsAt = ev.StartsAt, EndsAt = ev.StartsAt!.Value.AddMinutes(10),
        })).ProblemAsync(403);
        await (await other.PatchAsync($"/api/events/{ev.Id}", Patch("""{"title":"Mine now"}"""))).ProblemAsync(403);

        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        Assert.Equal(ev.Title, (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Title);
    }

    [Fact]
    public async Task The_owner_adds_a_co_organizer_who_may_then_manage_the_event_but_not_its_organizers()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        var coOrganizer = Guid.NewGuid();
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        using var co = factory.ClientWithToken(factory.OrganizerToken(coOrganizer));
        await (await co.PatchAsync($"/api/events/{ev.Id}", Patch("""{"capacity":150}"""))).ProblemAsync(403);

        var organizers = await (await owner.PutAsync($"/api/events/{ev.Id}/organizers/{coOrganizer}", null)).ReadJsonAsync<OrganizersResponse>();
        Assert.Equal([coOrganizer], organizers.CoOrganizerIds);
        var update = await _probe.WaitForAsync<EventUpdated>(m => m.Event.EventId == ev.Id && m.Event.OrganizerIds.Contains(coOrganizer));
        Assert.Equal(factory.DefaultOrganizerId, update.Event.OrganizerIds[0]);

        var changed = await (await co.PatchAsync($"/api/events/{ev.Id}", Patch("""{"capacity":150}"""))).ReadJsonAsync<EventResponse>();
        Assert.Equal(150, changed.Capacity);
        Assert.True(changed.CanManage);
        await (await co.PutAsync($"/api/events/{ev.Id}/organizers/{Guid.NewGuid()}", null)).ProblemAsync(403);

        (await owner.DeleteAsync($"/api/events/{ev.Id}/organizers/{coOrganizer}")).EnsureSuccessStatusCode();
        await (await co.PatchAsync($"/api/events/{ev.Id}", Patch("""{"capacity":160}"""))).ProblemAsync(403);
    }

    [Fact]
    public async Task The_join_link_is_shown_to_the_events_organizers_only()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        using var anonymous = factory.CreateClient();
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        using var otherOrganizer = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        using var owner = factory.ClientWithToken(factory.OrganizerToken());

        foreach (var client in new[] { anonymous, attendee, otherOrganizer })
        {
            var seen = await (await client.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>();
            Assert.Null(seen.JoinUrl);
            Assert.False(seen.CanManage);
            Assert.Empty(seen.OrganizerIds);
            var listed = await (await client.GetAsync($"/api/events?pageSize=100&from={Uri.EscapeDataString(ev.StartsAt!.Value.AddMinutes(-1).ToString("O"))}"))
                .ReadJsonAsync<Page<EventResponse>>();
            Assert.All(listed.Items, e => Assert.Null(e.JoinUrl));
        }
        Assert.Equal("https://meet.example.org/mlops", (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).JoinUrl);
    }

    [Fact]
    public async Task A_patch_changes_the_fields_it_names_and_keeps_the_rest()
    {
        var request = EventsFactory.NewEvent(capacity: 80);
        var ev = await factory.CreateAsync(request, publish: true);
        using var owner = factory.ClientWithToken(factory.OrganizerToken());

        var patched = await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"description":"New description","capacity":90}""")))
            .ReadJsonAsync<EventResponse>();
        Assert.Equal("New description", patched.Description);
        Assert.Equal(90, patched.Capacity);
        Assert.Equal(ev.Title, patched.Title);
        Assert.Equal(ev.StartsAt, patched.StartsAt);
        Assert.Equal(["mlops"], patched.Topics);
        var update = await _probe.WaitForAsync<EventUpdated>(m => m.Event.EventId == ev.Id && m.Event.Capacity == 90);
        Assert.Equal("New description", update.Event.Description);

        // null removes an optional field; a required one cannot be removed; unknown fields and bad values are 400.
        var cleared = await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"description":null}"""))).ReadJsonAsync<EventResponse>();
        Assert.Null(cleared.Description);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"title":null}"""))).ProblemAsync(400);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"organizerId":"x"}"""))).ProblemAsync(400);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"capacity":"lots"}"""))).ProblemAsync(400);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"kind":3}"""))).ProblemAsync(400);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""[1,2]"""))).ProblemAsync(400);
        await (await owner.PatchAsync($"/api/events/{ev.Id}", Patch("""{"capacity":10}"""))).ProblemAsync(422);
        Assert.Equal(90, (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Capacity);
    }

    [Fact]
    public async Task Networking_must_open_before_the_event_ends()
    {
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var request = EventsFactory.NewEvent();
        var problem = await (await owner.PostJsonAsync("/api/events", request with { NetworkingOpensAt = request.EndsAt!.Value.AddHours(1) })).ProblemAsync(422);
        Assert.EndsWith("networking-window-invalid", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_draft_with_a_schedule_is_announced_so_its_programme_can_be_built_before_publishing()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent());
        var created = await _probe.WaitForAsync<EventCreated>(m => m.Event.EventId == ev.Id);
        Assert.Equal("draft", created.Event.Status);
        Assert.Equal([factory.DefaultOrganizerId], created.Event.OrganizerIds);
    }

    private static StringContent Patch(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");
}
