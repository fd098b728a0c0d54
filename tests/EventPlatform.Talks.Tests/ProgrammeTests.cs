using System.Net;
using System.Net.Http.Json;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class ProgrammeTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    private static object TalkAt(EventSnapshot ev, string title = "Feature stores in practice", int startMinutes = 30) => new
    {
        eventId = ev.EventId,
        title,
        @abstract = "What a feature store does for training and serving, and when to skip it.",
        speakers = new[] { new { name = "Ana Lima", affiliation = "Acme ML" } },
        format = "talk",
        tags = new[] { "feature-stores" },
        startsAt = ev.StartsAt.AddMinutes(startMinutes),
        endsAt = ev.StartsAt.AddMinutes(startMinutes + 30),
    };

    [Fact]
    public async Task The_programme_of_a_draft_is_built_right_after_the_event_is_created()
    {
        await using var probe = await factory.Probe().Observe<TalkScheduled>().StartAsync();
        var draft = EventSnapshots.Published() with { Status = "draft", Version = 1 };
        // The request comes a moment after the event was created: it waits for the library to learn of the event.
        await probe.PublishAsync(new EventCreated { Event = draft, OccurredAt = DateTimeOffset.UtcNow });
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var response = await organizer.PostJsonAsync("/api/talks", TalkAt(draft));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var talk = await response.ReadJsonAsync<TalkResponse>();
        Assert.Equal("scheduled", talk.Status);
        await probe.WaitForAsync<TalkScheduled>(m => m.TalkId == talk.Id);
    }

    [Fact]
    public async Task Only_the_events_organizers_put_talks_on_its_programme()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        (await owner.PostJsonAsync("/api/talks", TalkAt(ev))).EnsureSuccessStatusCode();

        using var other = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        var problem = await (await other.PostJsonAsync("/api/talks", TalkAt(ev, "Not my event"))).ProblemAsync(403);
        Assert.EndsWith("not-an-organizer-of-event", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_scheduled_talk_is_changed_and_withdrawn_and_the_agenda_hears_of_both()
    {
        await using var probe = await factory.Probe().Observe<TalkScheduled>().Observe<TalkWithdrawn>().StartAsync();
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var talk = await (await owner.PostJsonAsync("/api/talks", TalkAt(ev))).ReadJsonAsync<TalkResponse>();

        var changed = await (await owner.PatchAsJsonAsync($"/api/talks/{talk.Slug}", new
        {
            title = "Feature stores, two years on",
            startsAt = ev.StartsAt.AddHours(1),
            endsAt = ev.StartsAt.AddHours(1).AddMinutes(45),
        })).ReadJsonAsync<TalkResponse>();
        Assert.Equal("Feature stores, two years on", changed.Title);
        Assert.Equal(talk.Abstract, changed.Abstract);
        Assert.Equal(ev.StartsAt.AddHours(1), changed.StartsAt);
        var rescheduled = await probe.WaitForAsync<TalkScheduled>(m => m.TalkId == talk.Id && m.Title == "Feature stores, two years on");
        Assert.Equal(ev.StartsAt.AddHours(1).AddMinutes(45), rescheduled.EndsAt);

        await (await owner.PatchAsJsonAsync($"/api/talks/{talk.Slug}", new { startsAt = ev.EndsAt.AddHours(1), endsAt = ev.EndsAt.AddHours(2) })).ProblemAsync(422);
        using var other = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await other.DeleteAsync($"/api/talks/{talk.Slug}")).ProblemAsync(403);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/talks/{talk.Slug}")).StatusCode);
        await probe.WaitForAsync<TalkWithdrawn>(m => m.TalkId == talk.Id && m.EventId == ev.EventId);
        await (await owner.GetAsync($"/api/talks/{talk.Slug}")).ProblemAsync(404);

        // A talk of the library (not on any programme) cannot be withdrawn.
        await (await owner.DeleteAsync("/api/talks/testing-stochastic-ai-models-with-hypothesis")).ProblemAsync(409);
    }

    [Fact]
    public async Task Nobody_upvotes_their_own_question()
    {
        var author = Guid.NewGuid();
        using var client = factory.ClientWithToken(factory.AttendeeToken(author, "Ana"));
        var question = await (await client.PostJsonAsync("/api/talks/testing-stochastic-ai-models-with-hypothesis/questions",
            new { text = "Does Hypothesis shrink tensors?" })).ReadJsonAsync<QuestionResponse>();
        var problem = await (await client.PostAsync($"/api/talks/testing-stochastic-ai-models-with-hypothesis/questions/{question.Id}/upvote", null))
            .ProblemAsync(422);
        Assert.EndsWith("own-question", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_profile_edit_renames_the_author_on_every_question_they_asked_and_an_older_edit_changes_nothing()
    {
        await using var probe = await factory.Probe().StartAsync();
        var author = Guid.NewGuid();
        using var client = factory.ClientWithToken(factory.AttendeeToken(author, "Ana"));
        var question = await (await client.PostJsonAsync("/api/talks/testing-stochastic-ai-models-with-hypothesis/questions",
            new { text = "How long do property tests take in CI?" })).ReadJsonAsync<QuestionResponse>();

        var renamedAt = DateTimeOffset.UtcNow.AddSeconds(1);
        await probe.PublishAsync(new AttendeeProfileUpdated
        {
            AttendeeId = author, Profile = new NetworkingProfile { DisplayName = "Ana Lima" }, OccurredAt = renamedAt,
        });
        await probe.PublishAsync(new AttendeeProfileUpdated
        {
            AttendeeId = author, Profile = new NetworkingProfile { DisplayName = "Ana (old)" }, OccurredAt = renamedAt.AddMinutes(-5),
        });
        await Eventually.HoldsAsync(async () => await AuthorNameAsync(question.Id) == "Ana Lima", "the question shows the new name");
        await Task.Delay(500);
        Assert.Equal("Ana Lima", await AuthorNameAsync(question.Id));
    }

    [Fact]
    public async Task Questions_on_an_events_talk_are_moderated_by_that_events_organizers()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var talk = await (await owner.PostJsonAsync("/api/talks", TalkAt(ev))).ReadJsonAsync<TalkResponse>();
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        var question = await (await attendee.PostJsonAsync($"/api/talks/{talk.Slug}/questions", new { text = "Which store?" })).ReadJsonAsync<QuestionResponse>();

        using var other = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await other.PatchAsJsonAsync($"/api/talks/{talk.Slug}/questions/{question.Id}", new { status = "hidden" })).ProblemAsync(403);
        (await owner.PatchAsJsonAsync($"/api/talks/{talk.Slug}/questions/{question.Id}", new { status = "answered" })).EnsureSuccessStatusCode();
    }

    private async Task<string?> AuthorNameAsync(Guid questionId)
    {
        using var client = factory.CreateClient();
        var page = await (await client.GetAsync("/api/talks/testing-stochastic-ai-models-with-hypothesis/questions?sort=recent&pageSize=100"))
            .ReadJsonAsync<Page<QuestionResponse>>();
        return page.Items.FirstOrDefault(q => q.Id == questionId)?.AuthorName;
    }
}

public sealed class ModerationQueueTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    [Fact]
    public async Task An_events_organizers_see_the_questions_on_all_its_talks_open_first_by_votes()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        async Task<TalkResponse> TalkAsync(string title) => await (await owner.PostJsonAsync("/api/talks", new
        {
            eventId = ev.EventId, title, @abstract = "A talk.", speakers = new[] { new { name = "Ana Lima" } }, format = "talk",
        })).ReadJsonAsync<TalkResponse>();
        var first = await TalkAsync("Drift detection in practice");
        var second = await TalkAsync("Feature stores revisited");
        async Task<QuestionResponse> AskAsync(TalkResponse talk, string text) =>
            await (await factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid())).PostJsonAsync($"/api/talks/{talk.Slug}/questions", new { text }))
                .ReadJsonAsync<QuestionResponse>();
        var low = await AskAsync(first, "What about seasonality?");
        var high = await AskAsync(second, "Offline or online store first?");
        var done = await AskAsync(first, "Which tools?");
        (await factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid())).PostAsync($"/api/talks/{second.Slug}/questions/{high.Id}/upvote", null)).EnsureSuccessStatusCode();
        (await owner.PatchAsJsonAsync($"/api/talks/{first.Slug}/questions/{done.Id}", new { status = "answered" })).EnsureSuccessStatusCode();

        var queue = await (await owner.GetAsync($"/api/talks/questions?event={ev.EventId}")).ReadJsonAsync<Page<ModerationItem>>();
        Assert.Equal([high.Id, low.Id, done.Id], queue.Items.Select(i => i.Question.Id));
        Assert.Equal("Feature stores revisited", queue.Items[0].TalkTitle);
        var open = await (await owner.GetAsync($"/api/talks/questions?event={ev.EventId}&status=open")).ReadJsonAsync<Page<ModerationItem>>();
        Assert.Equal(2, open.Total);

        using var other = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await other.GetAsync($"/api/talks/questions?event={ev.EventId}")).ProblemAsync(403);
        await (await owner.GetAsync("/api/talks/questions")).ProblemAsync(400);
    }
}
