using System.Net;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Talks;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class SchedulingTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    private static object TalkAt(EventSnapshot ev, string title = "Serving LLMs on a budget", string format = "talk", int startHour = 0) => new
    {
        eventId = ev.EventId,
        title,
        @abstract = "How we serve language models cheaply, with autoscaling and batching.",
        speakers = new[] { new { name = "Ana Lima", affiliation = "Acme ML" } },
        format,
        tags = new[] { "model-serving", "MLOps" },
        startsAt = ev.StartsAt.AddHours(startHour),
        endsAt = ev.StartsAt.AddHours(startHour).AddMinutes(30),
    };

    /// <summary>Publishes an event as the Events service would, and waits until the talk library knows it.</summary>
    private async Task<EventSnapshot> PublishedEventAsync(MessageProbe probe)
    {
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        // A talk in a slot before the event is refused with 422 "event-unknown" until the event arrives, then with
        // "slot-outside-event": the probe request changes nothing either way.
        await Eventually.HoldsAsync(async () =>
        {
            var problem = await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, startHour: -2))).ProblemAsync(422);
            return !problem.GetProperty("type").GetString()!.EndsWith("/event-unknown", StringComparison.Ordinal);
        }, "the talk library knows the event");
        return ev;
    }

    [Fact]
    public async Task An_organizer_schedules_a_talk_at_an_upcoming_event_and_TalkScheduled_goes_out()
    {
        await using var probe = await factory.Probe().Observe<TalkScheduled>().StartAsync();
        var ev = await PublishedEventAsync(probe);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());

        var response = await organizer.PostJsonAsync("/api/talks", TalkAt(ev));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var talk = await response.ReadJsonAsync<TalkResponse>();
        Assert.Equal("scheduled", talk.Status);
        Assert.Equal(["model-serving", "mlops"], talk.Tags);
        Assert.StartsWith("serving-llms-on-a-budget-", talk.Slug, StringComparison.Ordinal);
        Assert.Equal(response.Headers.Location!.ToString(), $"/api/talks/{talk.Slug}");
        var scheduled = await probe.WaitForAsync<TalkScheduled>(m => m.TalkId == talk.Id);
        Assert.Equal(ev.EventId, scheduled.EventId);
        Assert.Equal(["Ana Lima"], scheduled.Speakers);
        Assert.Equal(ev.StartsAt, scheduled.StartsAt);

        var upcoming = await (await organizer.GetAsync($"/api/talks?status=scheduled&event={ev.EventId}")).ReadJsonAsync<TalkSearchPage>();
        Assert.Equal([talk.Id], upcoming.Items.Select(t => t.Id));
        // The library is what a search looks through unless the caller asks for upcoming talks too.
        Assert.Empty((await (await organizer.GetAsync($"/api/talks?event={ev.EventId}")).ReadJsonAsync<TalkSearchPage>()).Items);
        var all = await (await organizer.GetAsync($"/api/talks?status=all&event={ev.EventId}")).ReadJsonAsync<TalkSearchPage>();
        Assert.Equal([talk.Id], all.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task When_the_event_ends_its_talks_join_the_library_with_their_questions()
    {
        await using var probe = await factory.Probe().Observe<TalkArchived>().StartAsync();
        var ev = await PublishedEventAsync(probe);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var first = await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, "Feature stores for everyone"))).ReadJsonAsync<TalkResponse>();
        var second = await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, "Monitoring drift", startHour: 1))).ReadJsonAsync<TalkResponse>();
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        (await attendee.PostJsonAsync($"/api/talks/{first.Slug}/questions", new { text = "Which feature store do you use?" })).EnsureSuccessStatusCode();

        var ended = new EventEnded { EventId = ev.EventId, Version = 5, OccurredAt = DateTimeOffset.UtcNow };
        var messageId = Guid.NewGuid();
        await probe.PublishAsync(ended, messageId);
        await probe.PublishAsync(ended, messageId);

        await probe.WaitForAsync<TalkArchived>(m => m.TalkId == first.Id);
        await probe.WaitForAsync<TalkArchived>(m => m.TalkId == second.Id);
        var library = await (await organizer.GetAsync($"/api/talks?status=library&event={ev.EventId}")).ReadJsonAsync<TalkSearchPage>();
        Assert.Equal(2, library.Total);
        var detail = await (await organizer.GetAsync($"/api/talks/{first.Slug}")).ReadJsonAsync<TalkDetailResponse>();
        Assert.Equal("library", detail.Talk.Status);
        Assert.Equal(1, detail.QuestionCount);

        // A redelivered EventEnded archives nothing twice; an ended event takes no new talks.
        await Task.Delay(500);
        Assert.Single(probe.All<TalkArchived>(m => m.TalkId == first.Id));
        var problem = await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, "Too late"))).ProblemAsync(409);
        Assert.EndsWith("/event-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_is_for_organizers_with_a_sound_request()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await PublishedEventAsync(probe);

        using var anonymous = factory.CreateClient();
        await (await anonymous.PostJsonAsync("/api/talks", TalkAt(ev))).ProblemAsync(401);
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await attendee.PostJsonAsync("/api/talks", TalkAt(ev))).ProblemAsync(403);

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.PostJsonAsync("/api/talks", new { eventId = ev.EventId, title = "No speakers" })).ProblemAsync(400);
        await (await organizer.PostJsonAsync("/api/talks", new
        {
            eventId = Guid.NewGuid(), title = "Unknown event", @abstract = "x", speakers = new[] { new { name = "A" } }, format = "talk",
        })).ProblemAsync(422);
        await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, startHour: -2))).ProblemAsync(422);
        await (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, format: "3"))).ProblemAsync(422);
        using var malformed = new StringContent("{\"eventId\": 12", System.Text.Encoding.UTF8, "application/json");
        await (await organizer.PostAsync("/api/talks", malformed)).ProblemAsync(400);

        await probe.PublishAsync(new EventCancelled { EventId = ev.EventId, Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.HoldsAsync(async () =>
            (await organizer.PostJsonAsync("/api/talks", TalkAt(ev, startHour: -2))).StatusCode == HttpStatusCode.Conflict,
            "a cancelled event takes no talks");
    }
}
