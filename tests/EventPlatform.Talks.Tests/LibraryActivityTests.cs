using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Domain;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

/// <summary>Views, saved talks and questions as networking signals: each change told once, through the outbox.</summary>
public sealed class LibraryActivityTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    private async Task<(string Slug, Guid Id)> NewTalkAsync(string title = "Why ML models crash and burn in production", string[]? tags = null)
    {
        var seed = TalksFactory.SeedTalk(title, "Monitoring models after deployment.", tags ?? ["model-monitoring", "drift-detection"]);
        await factory.LoadSeedsAsync(seed);
        return ((string)seed["slug"]!, (Guid)seed["id"]!);
    }

    [Fact]
    public async Task A_view_is_recorded_once_per_person_and_told_once()
    {
        await using var probe = await factory.Probe().Observe<TalkViewed>().StartAsync();
        var (slug, id) = await NewTalkAsync();
        var ana = Guid.NewGuid();
        using var client = factory.ClientWithToken(factory.AttendeeToken(ana, "Ana"));

        var first = await (await client.PostAsync($"/api/talks/{slug}/views", null)).ReadJsonAsync<TalkActivityResponse>();
        var again = await (await client.PostAsync($"/api/talks/{id}/views", null)).ReadJsonAsync<TalkActivityResponse>();

        Assert.True(first.Viewed);
        Assert.True(again.Viewed);
        Assert.False(again.Bookmarked);
        var told = await probe.WaitForAsync<TalkViewed>(m => m.TalkId == id);
        Assert.Equal(ana, told.AttendeeId);
        Assert.Equal("Why ML models crash and burn in production", told.TalkTitle);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(probe.All<TalkViewed>(m => m.TalkId == id));
    }

    [Fact]
    public async Task Saving_and_unsaving_a_talk_tells_each_change_once_and_lists_my_saved_talks()
    {
        await using var probe = await factory.Probe().Observe<TalkBookmarkChanged>().StartAsync();
        var (slug, id) = await NewTalkAsync("Feature stores at scale", ["feature-stores"]);
        var (other, _) = await NewTalkAsync("Testing ML pipelines", ["testing"]);
        var ana = Guid.NewGuid();
        using var client = factory.ClientWithToken(factory.AttendeeToken(ana, "Ana"));

        Assert.True((await (await client.PutAsync($"/api/talks/{slug}/bookmark", null)).ReadJsonAsync<TalkActivityResponse>()).Bookmarked);
        (await client.PutAsync($"/api/talks/{slug}/bookmark", null)).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/talks/{other}/bookmark", null)).EnsureSuccessStatusCode();
        var saved = await (await client.GetAsync("/api/talks/saved")).ReadJsonAsync<Page<TalkResponse>>();
        Assert.Equal([other, slug], saved.Items.Select(t => t.Slug));

        Assert.False((await (await client.DeleteAsync($"/api/talks/{slug}/bookmark")).ReadJsonAsync<TalkActivityResponse>()).Bookmarked);
        (await client.DeleteAsync($"/api/talks/{slug}/bookmark")).EnsureSuccessStatusCode();
        Assert.Equal([other], (await (await client.GetAsync("/api/talks/saved")).ReadJsonAsync<Page<TalkResponse>>()).Items.Select(t => t.Slug));
        Assert.False((await (await client.GetAsync($"/api/talks/{slug}/me")).ReadJsonAsync<TalkActivityResponse>()).Bookmarked);

        await probe.WaitForAsync<TalkBookmarkChanged>(m => m.TalkId == id && !m.Bookmarked);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal([true, false], probe.All<TalkBookmarkChanged>(m => m.TalkId == id).Select(r => (TalkBookmarkChanged)r.Message).OrderBy(m => m.OccurredAt).Select(m => m.Bookmarked));
    }

    [Fact]
    public async Task Library_activity_needs_a_token_a_known_talk_and_sane_paging()
    {
        var (slug, _) = await NewTalkAsync();
        using var anonymous = factory.CreateClient();
        await (await anonymous.PostAsync($"/api/talks/{slug}/views", null)).ProblemAsync(401);
        await (await anonymous.PutAsync($"/api/talks/{slug}/bookmark", null)).ProblemAsync(401);
        await (await anonymous.GetAsync("/api/talks/saved")).ProblemAsync(401);
        using var client = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await client.PostAsync("/api/talks/no-such-talk/views", null)).ProblemAsync(404);
        await (await client.PutAsync("/api/talks/no-such-talk/bookmark", null)).ProblemAsync(404);
        await (await client.GetAsync("/api/talks/saved?pageSize=0")).ProblemAsync(400);
    }

    [Fact]
    public async Task Asking_and_upvoting_tell_networking_what_the_question_is_about()
    {
        await using var probe = await factory.Probe().Observe<QuestionInterest>().StartAsync();
        var (slug, id) = await NewTalkAsync();
        Guid ana = Guid.NewGuid(), ben = Guid.NewGuid();
        using var asker = factory.ClientWithToken(factory.AttendeeToken(ana, "Ana"));
        using var voter = factory.ClientWithToken(factory.AttendeeToken(ben, "Ben"));
        var question = await (await asker.PostJsonAsync($"/api/talks/{slug}/questions",
            new { text = "How do you set up drift detection for a feature store that serves many models?" })).ReadJsonAsync<QuestionResponse>();
        (await voter.PostAsync($"/api/talks/{slug}/questions/{question.Id}/upvote", null)).EnsureSuccessStatusCode();
        (await voter.PostAsync($"/api/talks/{slug}/questions/{question.Id}/upvote", null)).EnsureSuccessStatusCode();
        (await voter.DeleteAsync($"/api/talks/{slug}/questions/{question.Id}/upvote")).EnsureSuccessStatusCode();

        var asked = await probe.WaitForAsync<QuestionInterest>(m => m.QuestionId == question.Id && m.Asked);
        Assert.Equal((ana, id, true), (asked.AttendeeId, asked.TalkId, asked.Active));
        Assert.Equal(["drift-detection", "feature-stores"], asked.Topics);
        await probe.WaitForAsync<QuestionInterest>(m => m.QuestionId == question.Id && !m.Asked && !m.Active);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal([true, false], probe.All<QuestionInterest>(m => m.QuestionId == question.Id && !m.Asked).Select(r => (QuestionInterest)r.Message).OrderBy(m => m.OccurredAt).Select(m => m.Active));
    }

    [Theory]
    [InlineData("Any tips on Feature Stores?", new[] { "feature-stores" })]
    [InlineData("Which feature store, and what testing do you run on it?", new[] { "feature-stores", "testing" })]
    [InlineData("Does MLOps need Kubernetes?", new[] { "mlops", "kubernetes" })]
    [InlineData("What about drift-detection?", new[] { "drift-detection" })]
    [InlineData("How long did it take?", new string[0])]
    public void A_question_names_the_talks_tags_and_the_platforms_topics_it_mentions(string text, string[] topics) =>
        Assert.Equal(topics, QuestionTopics.Of(text, ["drift-detection"]));
}
