using EventPlatform.Talks.Data;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Talks.Search;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Talks.Tests;

/// <summary>
/// The library is searched in memory (LibrarySnapshot); PostgreSQL's own full-text search is the reference it must
/// agree with. Over a generated library (repeated words, so ranks tie and positions matter; names with accents and
/// mixed case, so collation matters) each query must give the SQL search's total, page, order and facets, and every
/// rank must equal ts_rank to the bit. The in-memory copy is never stale: a change made straight in the database,
/// as another replica would, is seen by the next search.
/// </summary>
public sealed class InMemorySearchTests(TalksFactory factory) : IClassFixture<TalksFactory>, IAsyncLifetime
{
    private static readonly string[] Words =
    [
        "pipelines", "pipeline", "serving", "drift", "monitoring", "kafka", "pytorch", "feature", "stores", "LLMs", "latency",
        "mlops", "ML", "ops", "testing", "validation", "notebooks", "batch", "streaming", "gpu", "registry", "the", "and", "of",
        "Jürgen", "data", "models", "production", "ray", "embeddings",
    ];

    private static readonly string[] Tags = ["mlops", "model-serving", "streaming", "testing", "data-validation", "python", "feature-stores"];

    private static readonly string[] Events = ["PyData Berlin", "pydata london", "MLOps World", "Äpfel Summit", "apache day", "Zeta Conf"];

    private static readonly string[] Speakers = ["Jürgen Äpfelbäum", "Ana Souza", "ben okafor", "Zoë Park", "Élodie Martin"];

    private static readonly string[] Formats = ["talk", "panel", "keynote", "workshop"];

    public async Task InitializeAsync()
    {
        var random = new Random(7);
        string Pick(string[] values) => values[random.Next(values.Length)];
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Pick(Words)));
        var talks = Enumerable.Range(0, 240).Select(i => TalksFactory.SeedTalk(
            // Titles that differ in case, accents and punctuation, so that the title order is the collation's.
            $"{Pick(["", "a/b ", "Über ", "über ", "Zebra ", "_ ", "ML-"])}{Text(random.Next(2, 6))}",
            Text(random.Next(8, 40)),
            [.. Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4))],
            speaker: Pick(Speakers), year: random.Next(2016, 2026), format: Pick(Formats), eventName: Pick(Events))).ToArray();
        await factory.LoadSeedsAsync(talks);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static TalkQuery Query(string? q = null, string[]? tag = null, string? speaker = null, string? ev = null, int? year = null,
        string? format = null, string? status = null, string? sort = null, int page = 1, int pageSize = 20) =>
        new(q, tag, speaker, ev, year, format, status, sort, page, pageSize);

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, AllQueries.Length)];

    private static readonly TalkQuery[] AllQueries =
    [
        Query(),
        Query(q: "pipelines"),
        Query(q: "pipelines drift"),
        Query(q: "pipelines drift", sort: "date"),
        Query(q: "serving latency", sort: "title", pageSize: 50),
        Query(q: "kafka", page: 2, pageSize: 5),
        Query(q: "pytroch"),
        Query(q: "ML ops"),
        Query(q: "ML-Ops streaming"),
        Query(q: "LLM"),
        Query(q: "jurgen apfelbaum"),
        Query(q: "the and of"),
        Query(q: "feature stores", tag: ["feature-stores"]),
        Query(q: "models", tag: ["mlops", "python"], format: "talk"),
        Query(q: "data", year: 2020),
        Query(q: "data", status: "all"),
        Query(q: "monitoring", ev: "pydata"),
        Query(tag: ["streaming"], format: "panel", page: 2, pageSize: 10),
        Query(speaker: "ZOË"),
        Query(speaker: "okafor", sort: "title"),
        Query(ev: "summit"),
        Query(sort: "title", pageSize: 100),
        Query(sort: "title", page: 3, pageSize: 100),
        Query(q: "gpu ray embeddings registry", pageSize: 100),
        Query(q: "notebooks | batch"),
        Query(tag: ["no-such-tag"]),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_in_memory_search_answers_as_the_SQL_search_does(int index)
    {
        var query = AllQueries[index];
        // Other test classes may add talks meanwhile: compare two answers read at the same version of the library.
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
            var library = scope.ServiceProvider.GetRequiredService<LibraryIndex>();
            var search = new TalkSearch(db, library);
            var snapshot = await library.CurrentAsync(db, default);
            var rewritten = query.Q is null ? null : QueryRewriter.Rewrite(query.Q, snapshot.Vocabulary);
            if (rewritten?.TextQuery is { } text)
            {
                Assert.NotNull(await library.CompileAsync(db, text, default));
            }
            var inMemory = await search.RunAsync(query, default);
            var inSql = await search.InSqlAsync(query, rewritten?.TextQuery, rewritten?.DidYouMean, default);
            if ((await library.CurrentAsync(db, default)).Version != snapshot.Version && attempt < 5)
            {
                continue;
            }

            Assert.Equal(inSql.Total, inMemory.Total);
            Assert.Equal(inSql.Items.Select(t => t.Id), inMemory.Items.Select(t => t.Id));
            Assert.Equal(inSql.Facets.Tags, inMemory.Facets.Tags);
            Assert.Equal(inSql.Facets.Years, inMemory.Facets.Years);
            Assert.Equal(inSql.Facets.Formats, inMemory.Facets.Formats);
            Assert.Equal(inSql.Facets.Events, inMemory.Facets.Events);
            Assert.Equal(inSql.DidYouMean, inMemory.DidYouMean);
            Assert.Equal(query.Page, inMemory.PageNumber);
            return;
        }
    }

    [Theory]
    [InlineData("pipelines")]
    [InlineData("pipelines & drift")]
    [InlineData("(serving | latency) & (models | model)")]
    [InlineData("kafka | pytorch | gpu")]
    [InlineData("data & !ray")]
    public async Task Every_rank_equals_PostgreSQLs_ts_rank(string text)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
        var library = scope.ServiceProvider.GetRequiredService<LibraryIndex>();
        var compiled = await library.CompileAsync(db, text, default);
        Assert.NotNull(compiled);
        var expected = await db.Talks.AsNoTracking()
            .Where(t => t.SearchVector.Matches(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text)))
            .Select(t => new { t.Id, Rank = t.SearchVector.Rank(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text)) })
            .ToListAsync();
        var snapshot = await library.CurrentAsync(db, default);

        Assert.NotEmpty(expected);
        Assert.All(expected, e => Assert.Equal(e.Rank, snapshot.RankOf(e.Id, compiled)));
    }

    [Fact]
    public async Task A_change_made_straight_in_the_database_is_seen_by_the_next_search()
    {
        var before = $"zb{Guid.NewGuid().ToString("N")[..8]}";
        var after = $"za{Guid.NewGuid().ToString("N")[..8]}";
        var talk = TalksFactory.SeedTalk($"Stale {before}", "An abstract.");
        await factory.LoadSeedsAsync(talk);
        var id = (Guid)talk["id"]!;
        Assert.Equal([id], (await SearchAsync($"q={before}")).Items.Select(t => t.Id));

        // As another replica of Talks would: the row changes under this one's feet.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE talks SET title = {"Fresh " + after} WHERE id = {id}");
        }
        Assert.Empty((await SearchAsync($"q={before}")).Items);
        Assert.Equal([id], (await SearchAsync($"q={after}")).Items.Select(t => t.Id));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
            await db.Database.ExecuteSqlAsync($"DELETE FROM talks WHERE id = {id}");
        }
        Assert.Equal(0, (await SearchAsync($"q={after}")).Total);
    }

    private async Task<TalkSearchPage> SearchAsync(string query)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/talks?{query}")).ReadJsonAsync<TalkSearchPage>();
    }
}
