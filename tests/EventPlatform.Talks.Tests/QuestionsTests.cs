using System.Net.Http.Json;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class QuestionsTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    private const string Talk = "testing-stochastic-ai-models-with-hypothesis";

    private async Task<string> NewTalkAsync()
    {
        var seed = TalksFactory.SeedTalk("Questions welcome", "A talk to ask questions on.");
        await factory.LoadSeedsAsync(seed);
        return (string)seed["slug"]!;
    }

    private async Task<QuestionResponse> AskAsync(string talk, string text, Guid? author = null)
    {
        using var client = factory.ClientWithToken(factory.AttendeeToken(author ?? Guid.NewGuid(), "Ana"));
        var response = await client.PostJsonAsync($"/api/talks/{talk}/questions", new { text });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync<QuestionResponse>();
    }

    private async Task<Page<QuestionResponse>> ListAsync(string talk, string query = "", string? token = null)
    {
        using var client = factory.ClientWithToken(token);
        return await (await client.GetAsync($"/api/talks/{talk}/questions?{query}")).ReadJsonAsync<Page<QuestionResponse>>();
    }

    [Fact]
    public async Task A_signed_in_attendee_asks_a_trimmed_question_and_anyone_reads_it()
    {
        var question = await AskAsync(Talk, "   How do you pick hypothesis strategies for tensors?  ");

        Assert.Equal("How do you pick hypothesis strategies for tensors?", question.Text);
        Assert.Equal("Ana", question.AuthorName);
        Assert.Equal("open", question.Status);
        var anonymous = await ListAsync(Talk, "sort=recent");
        Assert.Contains(anonymous.Items, q => q.Id == question.Id);
    }

    [Fact]
    public async Task Asking_needs_a_token_and_a_question_of_sensible_length()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.PostJsonAsync($"/api/talks/{Talk}/questions", new { text = "Who are you?" })).ProblemAsync(401);

        using var client = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await client.PostJsonAsync($"/api/talks/{Talk}/questions", new { text = "  ?  " })).ProblemAsync(422);
        await (await client.PostJsonAsync($"/api/talks/{Talk}/questions", new { text = new string('x', 1001) })).ProblemAsync(422);
        await (await client.PostJsonAsync($"/api/talks/{Talk}/questions", new { })).ProblemAsync(400);
        await (await client.PostJsonAsync("/api/talks/no-such-talk/questions", new { text = "Is anyone there?" })).ProblemAsync(404);
        using var malformed = new StringContent("{ \"text\": ", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync($"/api/talks/{Talk}/questions", malformed)).ProblemAsync(400);
    }

    [Fact]
    public async Task Upvoting_twice_counts_once_and_withdrawing_takes_it_back()
    {
        var talk = await NewTalkAsync();
        var question = await AskAsync(talk, "Does this work for reinforcement learning?");
        using var voter = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));

        var first = await (await voter.PostAsync($"/api/talks/{talk}/questions/{question.Id}/upvote", null)).ReadJsonAsync<VoteResponse>();
        var second = await (await voter.PostAsync($"/api/talks/{talk}/questions/{question.Id}/upvote", null)).ReadJsonAsync<VoteResponse>();
        Assert.Equal(new VoteResponse(question.Id, 1, true), first);
        Assert.Equal(new VoteResponse(question.Id, 1, true), second);

        var withdrawn = await (await voter.DeleteAsync($"/api/talks/{talk}/questions/{question.Id}/upvote")).ReadJsonAsync<VoteResponse>();
        var again = await (await voter.DeleteAsync($"/api/talks/{talk}/questions/{question.Id}/upvote")).ReadJsonAsync<VoteResponse>();
        Assert.Equal(new VoteResponse(question.Id, 0, false), withdrawn);
        Assert.Equal(new VoteResponse(question.Id, 0, false), again);
    }

    [Fact]
    public async Task Concurrent_upvotes_count_once_per_attendee()
    {
        var talk = await NewTalkAsync();
        var question = await AskAsync(talk, "How do you keep the model registry honest?");
        var url = $"/api/talks/{talk}/questions/{question.Id}/upvote";

        // The same attendee 20 times at once, and 15 different attendees at once (5 of them twice).
        var same = factory.AttendeeToken(Guid.NewGuid());
        var others = Enumerable.Range(0, 15).Select(_ => factory.AttendeeToken(Guid.NewGuid())).ToList();
        var tokens = Enumerable.Repeat(same, 20).Concat(others).Concat(others.Take(5)).ToList();
        var responses = await Task.WhenAll(tokens.Select(async token =>
        {
            using var client = factory.ClientWithToken(token);
            return (await client.PostAsync(url, null)).StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(System.Net.HttpStatusCode.OK, status));
        var listed = await ListAsync(talk, token: same);
        var counted = Assert.Single(listed.Items);
        Assert.Equal(16, counted.Votes);
        Assert.True(counted.UpvotedByMe);
    }

    [Fact]
    public async Task Questions_list_by_votes_or_newest_first()
    {
        var talk = await NewTalkAsync();
        var older = await AskAsync(talk, "First question, no votes");
        var popular = await AskAsync(talk, "Second question, two votes");
        var newest = await AskAsync(talk, "Third question, one vote");
        foreach (var (question, votes) in new[] { (popular, 2), (newest, 1) })
        {
            for (var i = 0; i < votes; i++)
            {
                using var voter = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
                (await voter.PostAsync($"/api/talks/{talk}/questions/{question.Id}/upvote", null)).EnsureSuccessStatusCode();
            }
        }

        Assert.Equal([popular.Id, newest.Id, older.Id], (await ListAsync(talk)).Items.Select(q => q.Id));
        Assert.Equal([newest.Id, popular.Id, older.Id], (await ListAsync(talk, "sort=recent")).Items.Select(q => q.Id));
        var paged = await ListAsync(talk, "pageSize=2&page=2");
        Assert.Equal(3, paged.Total);
        Assert.Equal([older.Id], paged.Items.Select(q => q.Id));

        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/talks/{talk}/questions?sort=loudest")).ProblemAsync(400);
        await (await client.GetAsync($"/api/talks/{talk}/questions?page=0")).ProblemAsync(400);
    }

    [Fact]
    public async Task The_organizer_marks_answered_or_hides_and_attendees_cannot()
    {
        var talk = await NewTalkAsync();
        var answered = await AskAsync(talk, "Will the slides be shared?");
        var spam = await AskAsync(talk, "Buy cheap GPUs at example.com");

        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await attendee.PatchAsJsonAsync($"/api/talks/{talk}/questions/{spam.Id}", new { status = "hidden" })).ProblemAsync(403);

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var marked = await (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{answered.Id}", new { status = "answered" }))
            .ReadJsonAsync<QuestionResponse>();
        Assert.Equal("answered", marked.Status);
        Assert.NotNull(marked.AnsweredAt);
        (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{spam.Id}", new { status = "hidden" })).EnsureSuccessStatusCode();
        await (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{spam.Id}", new { status = "deleted" })).ProblemAsync(422);
        await (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{Guid.NewGuid()}", new { status = "open" })).ProblemAsync(404);

        // Hidden questions disappear for everyone but the organizer, and cannot be upvoted.
        Assert.Equal([answered.Id], (await ListAsync(talk)).Items.Select(q => q.Id));
        Assert.Equal(2, (await ListAsync(talk, token: factory.OrganizerToken())).Total);
        await (await attendee.PostAsync($"/api/talks/{talk}/questions/{spam.Id}/upvote", null)).ProblemAsync(404);
        using var client = factory.CreateClient();
        Assert.Equal(1, (await (await client.GetAsync($"/api/talks/{talk}")).ReadJsonAsync<TalkDetailResponse>()).QuestionCount);
    }

    [Fact]
    public async Task Marking_a_question_answered_tells_its_asker_once_through_the_outbox()
    {
        await using var probe = await factory.Probe().Observe<EventPlatform.Contracts.Talks.QuestionAnswered>().StartAsync();
        var talk = await NewTalkAsync();
        var asker = Guid.NewGuid();
        var question = await AskAsync(talk, "How do you version the training data?", asker);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());

        (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{question.Id}", new { status = "answered" })).EnsureSuccessStatusCode();
        (await organizer.PatchAsJsonAsync($"/api/talks/{talk}/questions/{question.Id}", new { status = "answered" })).EnsureSuccessStatusCode();

        var told = await probe.WaitForAsync<EventPlatform.Contracts.Talks.QuestionAnswered>(m => m.QuestionId == question.Id);
        Assert.Equal(asker, told.AuthorId);
        Assert.Equal(talk, told.TalkSlug);
        Assert.Equal("How do you version the training data?", told.Text);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(probe.All<EventPlatform.Contracts.Talks.QuestionAnswered>(m => m.QuestionId == question.Id));
    }
}
