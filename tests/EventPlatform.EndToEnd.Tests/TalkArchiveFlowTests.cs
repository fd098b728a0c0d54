using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class TalkArchiveFlowTests(Platform platform)
{
    [Fact]
    public async Task A_talk_scheduled_at_an_event_shows_in_its_agenda_and_joins_the_library_with_its_questions_when_the_event_ends()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        // The event starts in ten minutes, so that it can go live (and end) within the test.
        var ev = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent(startsAt: DateTimeOffset.UtcNow.AddMinutes(10))))
            .ReadJsonAsync<JsonElement>();
        var eventId = ev.GetProperty("id").GetGuid();
        var startsAt = ev.GetProperty("startsAt").GetDateTimeOffset();
        (await organizer.PostAsync($"/api/events/{eventId}/publish", null)).EnsureSuccessStatusCode();

        // The talk library learns of the event from its messages; a talk scheduled a moment after creating the event waits for it.
        var talkRequest = new
        {
            eventId,
            title = "Shipping models with Kafka Streams",
            @abstract = "Serving features and predictions from a stream processor, and what broke on the way.",
            speakers = new[] { new { name = "Priya Raman", affiliation = "Streamworks" } },
            format = "talk",
            tags = new[] { "streaming", "model-serving" },
            startsAt = startsAt.AddMinutes(30),
            endsAt = startsAt.AddMinutes(60),
        };
        var scheduled = await organizer.PostJsonAsync("/api/talks", talkRequest);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var talk = await scheduled.ReadJsonAsync<JsonElement>();
        var talkId = talk.GetProperty("id").GetGuid();
        var slug = talk.GetProperty("slug").GetString();

        // TalkScheduled puts it on the event's agenda in the Events service.
        using var anonymous = platform.Client();
        await Eventually.HoldsAsync(async () =>
        {
            var agenda = (await (await anonymous.GetAsync($"/api/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("agenda");
            return agenda.EnumerateArray().Any(a => a.TryGetProperty("talkId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == talkId);
        }, "the talk is on the event's agenda", TimeSpan.FromSeconds(5));

        var (_, attendeeToken) = await platform.SignUpAsync("Curious Attendee");
        using var attendee = platform.Client(attendeeToken);
        var question = await (await attendee.PostJsonAsync($"/api/talks/{slug}/questions", new { text = "How do you replay the stream after a bad model?" }))
            .ReadJsonAsync<JsonElement>();
        var questionId = question.GetProperty("id").GetGuid();
        // Nobody upvotes their own question; somebody else does.
        await (await attendee.PostAsync($"/api/talks/{slug}/questions/{questionId}/upvote", null)).ProblemAsync(422);
        var (_, otherToken) = await platform.SignUpAsync("Another Attendee");
        using var other = platform.Client(otherToken);
        (await other.PostAsync($"/api/talks/{slug}/questions/{questionId}/upvote", null)).EnsureSuccessStatusCode();

        (await organizer.PostAsync($"/api/events/{eventId}/start", null)).EnsureSuccessStatusCode();
        (await organizer.PostAsync($"/api/events/{eventId}/end", null)).EnsureSuccessStatusCode();

        // EventEnded → the talk becomes a past talk in the library (TalkArchived), found by search, questions kept.
        await Eventually.HoldsAsync(async () =>
            (await (await anonymous.GetAsync($"/api/talks/{slug}")).ReadJsonAsync<JsonElement>()).GetProperty("talk").GetProperty("status").GetString() == "library",
            "the talk is archived into the library", TimeSpan.FromSeconds(5));
        var found = await (await anonymous.GetAsync("/api/talks?q=kafka+streams+models&status=library")).ReadJsonAsync<JsonElement>();
        Assert.Contains(found.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == talkId);
        var questions = await (await anonymous.GetAsync($"/api/talks/{slug}/questions")).ReadJsonAsync<JsonElement>();
        var kept = Assert.Single(questions.GetProperty("items").EnumerateArray());
        Assert.Equal(1, kept.GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task The_seed_talks_are_searchable_through_the_gateway()
    {
        using var anonymous = platform.Client();
        var page = await (await anonymous.GetAsync("/api/talks?q=hypothesis")).ReadJsonAsync<JsonElement>();
        Assert.Equal("testing-stochastic-ai-models-with-hypothesis", page.GetProperty("items")[0].GetProperty("slug").GetString());
        await (await anonymous.GetAsync("/api/talks?pageSize=500")).ProblemAsync(400);
    }
}
