using System.Net;
using EventPlatform.Contracts.Events;
using EventPlatform.Events.Domain;
using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class EventLifecycleTests(EventsFactory factory) : IClassFixture<EventsFactory>, IAsyncLifetime
{
    private MessageProbe _probe = null!;

    public async Task InitializeAsync() =>
        _probe = await factory.Probe()
            .Observe<EventPublished>().Observe<EventUpdated>().Observe<EventStarted>().Observe<EventEnded>()
            .Observe<EventCancelled>().Observe<NetworkingRoundScheduled>()
            .StartAsync();

    public async Task DisposeAsync() => await _probe.DisposeAsync();

    [Fact]
    public async Task Publishing_an_event_sends_EventPublished_with_the_snapshot_and_the_callers_correlation_id()
    {
        var created = await factory.CreateAsync(EventsFactory.NewEvent(topics: ["mlops", "Model Serving "]));
        Assert.Equal(EventStatus.Draft, created.Status);

        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var correlationId = Guid.NewGuid().ToString();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlationId);
        var published = await (await client.PostAsync($"/api/events/{created.Id}/publish", null)).ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Published, published.Status);

        var message = await _probe.WaitForAsync<EventPublished>(m => m.Event.EventId == created.Id);
        Assert.Equal("published", message.Event.Status);
        Assert.Equal(100, message.Event.Capacity);
        Assert.Equal("America/Toronto", message.Event.TimeZone);
        Assert.Equal(created.StartsAt!.Value.AddDays(-14), message.Event.NetworkingOpensAt);
        Assert.Equal(["mlops", "model-serving"], message.Event.Topics);
        Assert.Equal(correlationId, _probe.All<EventPublished>(m => m.Event.EventId == created.Id).Single().CorrelationId);
    }

    [Fact]
    public async Task An_event_goes_from_published_to_live_to_ended_and_each_step_is_announced()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(startsAt: DateTimeOffset.UtcNow.AddMinutes(10)), publish: true);
        using var client = factory.ClientWithToken(factory.OrganizerToken());

        var live = await (await client.PostAsync($"/api/events/{ev.Id}/start", null)).ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Live, live.Status);
        var ended = await (await client.PostAsync($"/api/events/{ev.Id}/end", null)).ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Ended, ended.Status);

        await _probe.WaitForAsync<EventStarted>(m => m.EventId == ev.Id);
        var end = await _probe.WaitForAsync<EventEnded>(m => m.EventId == ev.Id);
        Assert.Equal(ended.Version, end.Version);

        var problem = await (await client.PostAsync($"/api/events/{ev.Id}/cancel", null)).ProblemAsync(409);
        Assert.EndsWith("event-closed", problem.GetProperty("type").GetString());
        await (await client.PutJsonAsync($"/api/events/{ev.Id}", EventsFactory.NewEvent())).ProblemAsync(409);
    }

    [Fact]
    public async Task Cancelling_announces_the_reason_and_closes_the_event()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var cancelled = await (await client.PostJsonAsync($"/api/events/{ev.Id}/cancel", new CancelEventRequest { Reason = "Speaker ill" }))
            .ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        var message = await _probe.WaitForAsync<EventCancelled>(m => m.EventId == ev.Id);
        Assert.Equal("Speaker ill", message.Reason);
        await (await client.PostAsync($"/api/events/{ev.Id}/start", null)).ProblemAsync(409);
    }

    [Fact]
    public async Task Publishing_twice_or_starting_a_draft_is_a_conflict()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent());
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        await (await client.PostAsync($"/api/events/{ev.Id}/start", null)).ProblemAsync(409);
        (await client.PostAsync($"/api/events/{ev.Id}/publish", null)).EnsureSuccessStatusCode();
        await (await client.PostAsync($"/api/events/{ev.Id}/publish", null)).ProblemAsync(409);
    }

    [Fact]
    public async Task A_draft_without_a_schedule_cannot_be_published()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent() with { StartsAt = null, EndsAt = null });
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var problem = await (await client.PostAsync($"/api/events/{ev.Id}/publish", null)).ProblemAsync(422);
        Assert.EndsWith("event-schedule-required", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Capacity_of_a_published_event_can_grow_and_the_change_is_announced_but_it_cannot_shrink()
    {
        var request = EventsFactory.NewEvent(capacity: 50);
        var ev = await factory.CreateAsync(request, publish: true);
        using var client = factory.ClientWithToken(factory.OrganizerToken());

        var grown = await (await client.PutJsonAsync($"/api/events/{ev.Id}", request with { Capacity = 80 })).ReadJsonAsync<EventResponse>();
        Assert.Equal(80, grown.Capacity);
        var update = await _probe.WaitForAsync<EventUpdated>(m => m.Event.EventId == ev.Id);
        Assert.Equal(80, update.Event.Capacity);
        Assert.True(update.Event.Version > ev.Version);

        await (await client.PutJsonAsync($"/api/events/{ev.Id}", request with { Capacity = 10 })).ProblemAsync(422);
    }

    [Fact]
    public async Task A_networking_break_added_to_a_published_event_schedules_a_round()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var item = await (await client.PostJsonAsync($"/api/events/{ev.Id}/agenda", new AgendaItemRequest
        {
            Kind = AgendaItemKind.NetworkingRound,
            Title = "Coffee-break speed networking",
            StartsAt = ev.StartsAt!.Value.AddHours(1),
            EndsAt = ev.StartsAt!.Value.AddHours(1).AddMinutes(20),
        })).ReadJsonAsync<AgendaItemResponse>();

        var round = await _probe.WaitForAsync<NetworkingRoundScheduled>(m => m.EventId == ev.Id);
        Assert.Equal(item.Id, round.AgendaItemId);
        Assert.Equal(item.StartsAt, round.StartsAt);

        var outside = new AgendaItemRequest
        {
            Kind = AgendaItemKind.Talk,
            Title = "Too late",
            StartsAt = ev.EndsAt!.Value.AddHours(1),
            EndsAt = ev.EndsAt!.Value.AddHours(2),
        };
        await (await client.PostJsonAsync($"/api/events/{ev.Id}/agenda", outside)).ProblemAsync(422);

        var detail = await (await factory.CreateClient().GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>();
        Assert.Equal(AgendaItemKind.NetworkingRound, Assert.Single(detail.Agenda).Kind);
    }

    [Fact]
    public async Task Unknown_event_is_404()
    {
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        await (await client.PostAsync($"/api/events/{Guid.NewGuid()}/publish", null)).ProblemAsync(404);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/events/{Guid.NewGuid()}")).StatusCode);
    }
}
