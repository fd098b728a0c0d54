using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class SearchTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    private async Task<TalkSearchPage> SearchAsync(string query)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/talks?{query}")).ReadJsonAsync<TalkSearchPage>();
    }

    [Theory]
    [InlineData("kafka", "event-driven-applications-apache-kafka-and-python")]
    [InlineData("Hypothesis", "testing-stochastic-ai-models-with-hypothesis")]
    [InlineData("Ray", "data-processing-on-ray")]
    [InlineData("Celery", "optimizing-data-retrieval-with-python-celery")]
    [InlineData("Talby", "why-ml-models-crash-and-burn-in-production")]
    [InlineData("Dotscience", "challenge-of-machine-learning-devops-and-the-edge")]
    [InlineData("numpy pytorch", "from-numpy-to-pytorch-a-story-of-api-compatibility")]
    public async Task Searching_for_a_technology_or_speaker_finds_that_talk_first(string q, string slug)
    {
        var page = await SearchAsync($"q={Uri.EscapeDataString(q)}");
        Assert.NotEmpty(page.Items);
        Assert.Equal(slug, page.Items[0].Slug);
    }

    [Fact]
    public async Task A_word_in_the_title_ranks_above_the_same_word_in_the_abstract()
    {
        var word = $"zq{Guid.NewGuid().ToString("N")[..8]}";
        var inAbstract = TalksFactory.SeedTalk("Operating models at scale", $"We explain {word} and why it matters.", year: 2024);
        var inTitle = TalksFactory.SeedTalk($"Why {word} matters", "A talk about operating models.", year: 2019);
        await factory.LoadSeedsAsync(inAbstract, inTitle);

        var page = await SearchAsync($"q={word}");

        Assert.Equal([(Guid)inTitle["id"]!, (Guid)inAbstract["id"]!], page.Items.Select(t => t.Id));
        // Sorting by date instead puts the newer talk first.
        Assert.Equal((Guid)inAbstract["id"]!, (await SearchAsync($"q={word}&sort=date")).Items[0].Id);
    }

    [Fact]
    public async Task A_search_that_matches_nothing_is_an_empty_page()
    {
        var page = await SearchAsync("q=nothing+matches+xylophonequartz");
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
        Assert.Empty(page.Facets.Tags);
    }

    [Fact]
    public async Task Each_filter_narrows_to_what_it_says()
    {
        var all = await SearchAsync("pageSize=100");

        var streaming = await SearchAsync("tag=streaming&pageSize=100");
        Assert.InRange(streaming.Total, 1, all.Total - 1);
        Assert.All(streaming.Items, t => Assert.Contains("streaming", t.Tags));

        var twoTags = await SearchAsync("tag=python&tag=distributed-computing&pageSize=100");
        Assert.InRange(twoTags.Total, 1, (await SearchAsync("tag=python")).Total - 1);
        Assert.All(twoTags.Items, t => Assert.Subset(t.Tags.ToHashSet(), new HashSet<string> { "python", "distributed-computing" }));

        var warden = await SearchAsync("speaker=warden");
        Assert.Equal(["data-science-versus-engineering-does-it-really-have-to-be-this-way"], warden.Items.Select(t => t.Slug));

        var pycon = await SearchAsync("event=pycon&pageSize=100");
        Assert.Equal(7, pycon.Items.Count(t => t.EventName == "PyCon US 2021"));
        Assert.All(pycon.Items, t => Assert.Contains("PyCon", t.EventName, StringComparison.OrdinalIgnoreCase));

        var year2018 = await SearchAsync("year=2018&pageSize=100");
        Assert.Equal(3, year2018.Items.Count(t => t.Slug is "why-ml-models-crash-and-burn-in-production" or "data-science-in-production"
            or "data-science-versus-engineering-does-it-really-have-to-be-this-way"));
        Assert.All(year2018.Items, t => Assert.Equal(2018, t.Year));

        var podcasts = await SearchAsync("format=podcast");
        Assert.Contains(podcasts.Items, t => t.Slug == "challenge-of-machine-learning-devops-and-the-edge");
        Assert.All(podcasts.Items, t => Assert.Equal("podcast", t.Format));

        var panels2019 = await SearchAsync("format=panel&year=2019&q=machine+learning");
        Assert.Equal(["toronto-machine-learning-summit-2019-panel-debate"], panels2019.Items.Select(t => t.Slug));
    }

    [Fact]
    public async Task Facets_count_every_match_not_just_the_page()
    {
        var page = await SearchAsync("event=pycon+us+2021&pageSize=1");

        Assert.Single(page.Items);
        Assert.Equal(7, page.Total);
        Assert.Equal([new FacetCount("2021", 7)], page.Facets.Years);
        Assert.Equal([new FacetCount("talk", 7)], page.Facets.Formats);
        Assert.Equal(new FacetCount("python", 7), page.Facets.Tags[0]);
        Assert.Contains(new FacetCount("streaming", 1), page.Facets.Tags);
    }

    [Fact]
    public async Task Paging_walks_every_match_once()
    {
        var all = await SearchAsync("pageSize=100&sort=title");
        var walked = new List<Guid>();
        for (var page = 1; page <= (all.Total + 4) / 5; page++)
        {
            walked.AddRange((await SearchAsync($"pageSize=5&page={page}&sort=title")).Items.Select(t => t.Id));
        }
        Assert.Equal(all.Items.Select(t => t.Id), walked);
    }

    [Fact]
    public async Task A_talk_is_found_by_slug_or_id_with_related_talks_sharing_its_tags()
    {
        using var client = factory.CreateClient();
        var bySlug = await (await client.GetAsync("/api/talks/data-processing-on-ray")).ReadJsonAsync<TalkDetailResponse>();
        var byId = await (await client.GetAsync($"/api/talks/{bySlug.Talk.Id}")).ReadJsonAsync<TalkDetailResponse>();

        Assert.Equal(bySlug.Talk.Id, byId.Talk.Id);
        Assert.Equal("SangBin Cho", bySlug.Talk.Speakers.Single().Name);
        Assert.NotEmpty(bySlug.Related);
        Assert.DoesNotContain(bySlug.Related, r => r.Id == bySlug.Talk.Id);
        Assert.All(bySlug.Related, r => Assert.NotEmpty(r.SharedTags.Intersect(bySlug.Talk.Tags)));
        // Most shared tags first: Celery shares python, data-engineering and distributed-computing.
        Assert.Equal("optimizing-data-retrieval-with-python-celery", bySlug.Related[0].Slug);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("year=1200")]
    [InlineData("year=last")]
    [InlineData("format=interpretive-dance")]
    [InlineData("status=deleted")]
    [InlineData("sort=popularity")]
    [InlineData("sort=relevance")]
    public async Task Bad_query_values_are_400_problems(string query)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/talks?{query}")).ProblemAsync(400);
    }

    [Fact]
    public async Task A_search_text_that_is_too_long_is_400_and_odd_syntax_is_not_an_error()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/talks?q={new string('a', 201)}")).ProblemAsync(400);
        foreach (var odd in new[] { "\"unclosed", "a & | ! b", "-", "or", "(((", "model:*", "'; drop table talks; --" })
        {
            var response = await client.GetAsync($"/api/talks?q={Uri.EscapeDataString(odd)}");
            Assert.True(response.IsSuccessStatusCode, $"q={odd} gave {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Unknown_talk_is_404_problem()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/talks/no-such-talk")).ProblemAsync(404);
        await (await client.GetAsync($"/api/talks/{Guid.NewGuid()}")).ProblemAsync(404);
    }
}
