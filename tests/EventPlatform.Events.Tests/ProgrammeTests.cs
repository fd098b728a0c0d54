using System.Diagnostics;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Talks;
using EventPlatform.Events.Domain;
using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class ProgrammeTests(EventsFactory factory) : IClassFixture<EventsFactory>, IAsyncLifetime
{
    private MessageProbe _probe = null!;

    public async Task InitializeAsync() =>
        _probe = await factory.Probe().Observe<NetworkingRoundScheduled>().Observe<NetworkingRoundCancelled>()
            .Observe<EventStarted>().Observe<EventEnded>().StartAsync();

    public async Task DisposeAsync() => await _probe.DisposeAsync();

    [Fact]
    public async Task Agenda_items_are_moved_and_removed_and_a_networking_break_takes_its_round_with_it()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var start = ev.StartsAt!.Value;
        var item = await (await owner.PostJsonAsync($"/api/events/{ev.Id}/agenda", new AgendaItemRequest
        {
            Kind = AgendaItemKind.NetworkingRound, Title = "Speed networking", StartsAt = start.AddHours(1), EndsAt = start.AddHours(1).AddMinutes(20),
        })).ReadJsonAsync<AgendaItemResponse>();
        await _probe.WaitForAsync<NetworkingRoundScheduled>(m => m.AgendaItemId == item.Id);

        var moved = await (await owner.PutJsonAsync($"/api/events/{ev.Id}/agenda/{item.Id}", new AgendaItemRequest
        {
            Kind = AgendaItemKind.NetworkingRound, Title = "Speed networking (moved)", StartsAt = start.AddHours(2), EndsAt = start.AddHours(2).AddMinutes(20),
        })).ReadJsonAsync<AgendaItemResponse>();
        Assert.Equal(start.AddHours(2), moved.StartsAt);
        var rescheduled = await _probe.WaitForAsync<NetworkingRoundScheduled>(m => m.AgendaItemId == item.Id && m.StartsAt == start.AddHours(2));
        Assert.Equal(start.AddHours(2).AddMinutes(20), rescheduled.EndsAt);

        await (await owner.PutJsonAsync($"/api/events/{ev.Id}/agenda/{item.Id}", new AgendaItemRequest
        {
            Kind = AgendaItemKind.Break, Title = "Just a break", StartsAt = start.AddHours(2), EndsAt = start.AddHours(2).AddMinutes(20),
        })).ProblemAsync(422);
        await (await owner.PutJsonAsync($"/api/events/{ev.Id}/agenda/{Guid.NewGuid()}", new AgendaItemRequest
        {
            Kind = AgendaItemKind.Break, Title = "Nowhere", StartsAt = start, EndsAt = start.AddMinutes(5),
        })).ProblemAsync(404);

        (await owner.DeleteAsync($"/api/events/{ev.Id}/agenda/{item.Id}")).EnsureSuccessStatusCode();
        await _probe.WaitForAsync<NetworkingRoundCancelled>(m => m.AgendaItemId == item.Id);
        Assert.Empty((await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Agenda);
    }

    [Fact]
    public async Task A_talks_agenda_item_is_changed_through_its_talk_not_here()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        var talkId = Guid.NewGuid();
        await _probe.PublishAsync(new TalkScheduled
        {
            TalkId = talkId, EventId = ev.Id, Title = "Drift detection", Speakers = ["Ana"], Format = "talk",
            StartsAt = ev.StartsAt!.Value.AddMinutes(30), EndsAt = ev.StartsAt!.Value.AddMinutes(60), OccurredAt = DateTimeOffset.UtcNow,
        });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        AgendaItemResponse item = null!;
        await Eventually.HoldsAsync(async () =>
        {
            var agenda = (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Agenda;
            item = agenda.Count > 0 ? agenda[0] : null!;
            return agenda.Count > 0;
        }, "the talk is on the agenda");
        var problem = await (await owner.DeleteAsync($"/api/events/{ev.Id}/agenda/{item.Id}")).ProblemAsync(409);
        Assert.EndsWith("agenda-item-is-a-talk", problem.GetProperty("type").GetString());

        await _probe.PublishAsync(new TalkWithdrawn { TalkId = talkId, EventId = ev.Id, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () => (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Agenda.Count == 0,
            "the withdrawn talk leaves the agenda");
    }

    [Fact]
    public async Task An_event_goes_live_only_near_its_start_unless_the_organizer_starts_it_a_little_early_on_purpose()
    {
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var farAway = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        var notYet = await (await owner.PostAsync($"/api/events/{farAway.Id}/start", null)).ProblemAsync(409);
        Assert.EndsWith("event-not-started-yet", notYet.GetProperty("type").GetString());
        var tooEarly = await (await owner.PostAsync($"/api/events/{farAway.Id}/start?early=true", null)).ProblemAsync(409);
        Assert.EndsWith("event-start-too-early", tooEarly.GetProperty("type").GetString());
        // A published event that never started cannot be ended before its end (its talks would join the library as past talks).
        var notRunning = await (await owner.PostAsync($"/api/events/{farAway.Id}/end", null)).ProblemAsync(409);
        Assert.EndsWith("event-not-running", notRunning.GetProperty("type").GetString());

        var inAnHour = await factory.CreateAsync(EventsFactory.NewEvent(startsAt: DateTimeOffset.UtcNow.AddHours(1)), publish: true);
        await (await owner.PostAsync($"/api/events/{inAnHour.Id}/start", null)).ProblemAsync(409);
        var live = await (await owner.PostAsync($"/api/events/{inAnHour.Id}/start?early=true", null)).ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Live, live.Status);
        var ended = await (await owner.PostAsync($"/api/events/{inAnHour.Id}/end", null)).ReadJsonAsync<EventResponse>();
        Assert.Equal(EventStatus.Ended, ended.Status);
        await _probe.WaitForAsync<EventEnded>(m => m.EventId == inAnHour.Id);
        Assert.Empty(_probe.All<EventEnded>(m => m.EventId == farAway.Id));
    }

    [Fact]
    public async Task Thousands_of_talks_scheduled_at_once_all_reach_the_agenda_once_with_nothing_in_the_error_queue()
    {
        const int talks = 3000;
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        var start = ev.StartsAt!.Value;
        var messages = Enumerable.Range(0, talks).Select(i => new TalkScheduled
        {
            TalkId = Guid.NewGuid(), EventId = ev.Id, Title = $"Talk {i}", Speakers = [$"Speaker {i}"], Format = "talk",
            StartsAt = start.AddSeconds(i), EndsAt = start.AddSeconds(i + 60), OccurredAt = DateTimeOffset.UtcNow,
        }).ToList();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, _) => await _probe.PublishAsync(m));
        // Some redelivered, as a relay retrying after a crash would.
        foreach (var m in messages.Take(50))
        {
            await _probe.PublishAsync(m);
        }

        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        await Eventually.HoldsAsync(async () =>
            (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Agenda.Count == talks,
            $"all {talks} talks are on the agenda", TimeSpan.FromSeconds(120));
        var agenda = (await (await owner.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>()).Agenda;
        Assert.Equal(talks, agenda.Select(a => a.TalkId).Distinct().Count());
        Assert.Equal(0, await TestInfrastructure.QueueDepthAsync(factory.VirtualHost, "events-talk-scheduled_error"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"took {watch.Elapsed}");
    }
}
