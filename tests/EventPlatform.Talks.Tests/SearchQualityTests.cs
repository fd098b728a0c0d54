using EventPlatform.Talks.Endpoints;
using EventPlatform.Talks.Search;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

/// <summary>
/// Search as a visitor types it: misspelt, singular or plural, split or joined, with or without accents. The table runs
/// over the seed talks (and a few of the test's own); each query must rank that talk first.
/// </summary>
public sealed class SearchQualityTests(TalksFactory factory) : IClassFixture<TalksFactory>, IAsyncLifetime
{
    private static readonly string Marker = $"qx{Guid.NewGuid().ToString("N")[..6]}";

    public async Task InitializeAsync() => await factory.LoadSeedsAsync(
        TalksFactory.SeedTalk($"Serving LLMs cheaply {Marker}", "Quantisation and batching for large language models.", ["model-serving"]),
        TalksFactory.SeedTalk($"Feature pipelines {Marker}", "How a team runs its feature pipelines.", speaker: "Jürgen Äpfelbäum"));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<TalkSearchPage> SearchAsync(string q)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/talks?q={Uri.EscapeDataString(q)}")).ReadJsonAsync<TalkSearchPage>();
    }

    [Theory]
    [InlineData("pytroch", "from-numpy-to-pytorch-a-story-of-api-compatibility", "pytorch")]
    [InlineData("numpy pytroch", "from-numpy-to-pytorch-a-story-of-api-compatibility", "numpy pytorch")]
    [InlineData("hypothsis", "testing-stochastic-ai-models-with-hypothesis", "hypothesis")]
    [InlineData("kafak", "event-driven-applications-apache-kafka-and-python", "kafka")]
    [InlineData("celerey", "optimizing-data-retrieval-with-python-celery", "celery")]
    [InlineData("Talbi", "why-ml-models-crash-and-burn-in-production", "talby")]
    public async Task A_misspelt_word_still_finds_the_talk_and_the_page_says_what_was_searched(string q, string slug, string didYouMean)
    {
        var page = await SearchAsync(q);

        Assert.NotEmpty(page.Items);
        Assert.Equal(slug, page.Items[0].Slug);
        Assert.Equal(didYouMean, page.DidYouMean);
    }

    [Theory]
    [InlineData("kafka")]
    [InlineData("Hypothesis")]
    public async Task A_word_the_talks_use_is_not_corrected(string q) => Assert.Null((await SearchAsync(q)).DidYouMean);

    [Theory]
    [InlineData("LLM")]
    [InlineData("LLMs")]
    [InlineData("llm cheaply")]
    public async Task Singular_plural_and_acronym_find_the_same_talk(string q)
    {
        var page = await SearchAsync(q);
        Assert.NotEmpty(page.Items);
        Assert.Contains(Marker, page.Items[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("Serving LLMs", page.Items[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compound_split_joined_or_hyphenated_finds_the_same_talks()
    {
        var joined = await SearchAsync("mlops");
        var split = await SearchAsync("ML ops");
        var hyphenated = await SearchAsync("ML-Ops");

        Assert.True(joined.Total > 0);
        Assert.Equal(split.Items.Select(t => t.Id), hyphenated.Items.Select(t => t.Id));
        Assert.Subset(split.Items.Select(t => t.Id).ToHashSet(), joined.Items.Select(t => t.Id).ToHashSet());
    }

    [Theory]
    [InlineData("Jürgen Äpfelbäum")]
    [InlineData("jurgen apfelbaum")]
    [InlineData("Apfelbaum")]
    public async Task A_speaker_is_found_with_or_without_accents(string q)
    {
        var page = await SearchAsync(q);
        Assert.NotEmpty(page.Items);
        Assert.Equal($"Feature pipelines {Marker}", page.Items[0].Title);
        Assert.Null(page.DidYouMean);
    }

    [Theory]
    [InlineData("pytroch", "pytorch", 1)]
    [InlineData("kafak", "kafka", 1)]
    [InlineData("kafka", "kafka", 0)]
    [InlineData("monitoirng", "monitoring", 1)]
    [InlineData("abcdef", "abcxyz", 3)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, QueryRewriter.Distance(a, b, limit: 3));
}
