using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EventPlatform.Benchmarks;

/// <summary>
/// Grows the talk library to N talks through the gateway (scheduled at one event, then archived by ending it),
/// then runs a mix of searches — full-text, filtered, faceted, paged — at concurrency C and prints their latency.
/// </summary>
public static class TalkSearchBenchmark
{
    private static readonly string[] Words =
    [
        "kafka", "ray", "pytorch", "feature", "drift", "monitoring", "serving", "kubernetes", "validation", "testing",
        "pipelines", "latency", "gpu", "streaming", "registry", "governance", "reproducible", "notebooks", "batch", "embeddings",
    ];

    private static readonly string[] Tags =
    [
        "mlops", "model-serving", "model-monitoring", "testing", "data-validation", "streaming", "distributed-computing",
        "reproducibility", "team-collaboration", "feature-stores", "data-engineering", "python", "kubernetes",
    ];

    private static readonly string[] Filler = [.. Enumerable.Range(0, 2000).Select(i => $"w{i:x}")];

    public static async Task<int> RunAsync(Options options)
    {
        var talks = options.Number("talks", 2000);
        var searches = options.Number("searches", 2000);
        var concurrency = options.Number("concurrency", 16);
        var gateway = new Uri(options.Text("gateway", "http://127.0.0.1:8080"));
        var inv = CultureInfo.InvariantCulture;
        var random = new Random(42);

        using var platform = new Platform(gateway, concurrency);
        var organizer = await platform.OrganizerTokenAsync();
        // Starting within the hour, so that the organizer may open it early (up to two hours before) and end it.
        var eventId = await platform.PublishedEventAsync(organizer, $"Search benchmark {DateTime.UtcNow:O}", 10,
            startsAt: DateTime.UtcNow.AddMinutes(61));
        var start = (await platform.SendAsync(HttpMethod.Get, $"/api/events/{eventId}")).GetProperty("startsAt").GetDateTimeOffset();

        var load = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, talks).Select(i => new
        {
            eventId,
            title = $"{Pick(random, Words)} and {Pick(random, Words)} at scale #{i}",
            // 40 words of a 2,000-word vocabulary plus one technology: a search word matches a few percent of the library.
            @abstract = string.Join(' ', Enumerable.Range(0, 40).Select(_ => Filler[random.Next(Filler.Length)]).Append(Pick(random, Words))),
            speakers = new[] { new { name = $"Speaker {random.Next(500)}", affiliation = "Bench Co" } },
            format = random.Next(10) == 0 ? "panel" : "talk",
            tags = Tags.OrderBy(_ => random.Next()).Take(3).ToArray(),
            startsAt = start.AddMinutes(i % 300),
            endsAt = start.AddMinutes(i % 300 + 30),
        }).ToList();
        await WaitUntilTalksKnowAsync(platform, organizer, requests[0]);
        await Parallel.ForEachAsync(requests.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (request, _) => await platform.SendAsync(HttpMethod.Post, "/api/talks", organizer, request));
        Console.WriteLine(string.Create(inv, $"scheduled {talks} talks in {load.Elapsed.TotalSeconds:F1} s"));
        // Events is still putting the talks on the agenda (TalkScheduled); ending the event meanwhile is a 409 to retry.
        await RetryOnConflictAsync(() => platform.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/start?early=true", organizer));
        await RetryOnConflictAsync(() => platform.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/end", organizer));
        for (var i = 0; i < 600 && (await platform.SendAsync(HttpMethod.Get, $"/api/talks?pageSize=1&status=scheduled&event={eventId}")).GetProperty("total").GetInt32() > 0; i++)
        {
            await Task.Delay(100);
        }
        // Let Events finish putting the talks on the agenda, so that its work does not count against the searches.
        for (var i = 0; i < 1200 && (await platform.SendAsync(HttpMethod.Get, $"/api/events/{eventId}")).GetProperty("agenda").GetArrayLength() < talks; i++)
        {
            await Task.Delay(100);
        }
        var library = await platform.SendAsync(HttpMethod.Get, "/api/talks?pageSize=1");
        Console.WriteLine(string.Create(inv, $"archived them by ending the event after {load.Elapsed.TotalSeconds:F1} s; the library holds {library.GetProperty("total").GetInt32()} talks"));

        string[] Query(Random r) =>
        [
            $"/api/talks?q={Pick(r, Words)}",
            $"/api/talks?q={Pick(r, Words)}+{Pick(r, Words)}&tag={Pick(r, Tags)}",
            $"/api/talks?tag={Pick(r, Tags)}&format=talk&page={r.Next(1, 5)}",
            $"/api/talks?q={Pick(r, Words)}&sort=date&pageSize=50",
            $"/api/talks?speaker=Speaker+{r.Next(500)}",
        ];
        var queries = Enumerable.Range(0, searches).Select(i => Query(random)[i % 5]).ToList();
        // Warm-up: JIT (the services start on ReadyToRun code and recompile what runs often) and PostgreSQL's caches.
        var warmUp = new Random(7);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000).Select(i => Query(warmUp)[i % 5]), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (url, _) => await platform.SendAsync(HttpMethod.Get, url));

        var latencies = new Measurements();
        var cpu = new CpuAccounting();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (url, _) => await latencies.TimeAsync(() => platform.SendAsync(HttpMethod.Get, url)));
        wall.Stop();

        Console.WriteLine(string.Create(inv, $"talk search through the gateway: {searches} searches (full-text, filtered, faceted, paged), concurrency {concurrency}"));
        Console.WriteLine(string.Create(inv, $"  throughput {searches / wall.Elapsed.TotalSeconds:F0} searches/s ({wall.Elapsed.TotalSeconds:F2} s)"));
        Console.WriteLine($"  latency {latencies.Summary()}");
        Console.WriteLine($"  {cpu.Summary()}");

        // What a change to the library costs the search after it: Talks searches an in-memory copy of the library and
        // loads it again when the talks table changed (services/Talks/Search/LibraryIndex.cs). A change made straight
        // in the database, as any replica's would be; then one search, timed.
        var afterChange = new Measurements();
        await using (var talksDb = await PgBench.OpenServiceDatabaseAsync("talks"))
        {
            for (var i = 0; i < 5; i++)
            {
                await using (var touch = new Npgsql.NpgsqlCommand(
                    "UPDATE talks SET updated_at = now() WHERE id = (SELECT id FROM talks ORDER BY id LIMIT 1)", talksDb))
                {
                    await touch.ExecuteNonQueryAsync();
                }
                await afterChange.TimeAsync(() => platform.SendAsync(HttpMethod.Get, $"/api/talks?q={Words[i]}"));
            }
        }
        Console.WriteLine($"  the first search after a change to the library (which loads it again), 5 changes: {afterChange.Summary()}");

        // The reference: the same two statements each search runs (facet counts over all matches, then the page),
        // for the same mix of searches, sent by pgbench straight to PostgreSQL at the same concurrency.
        var pgbenchSeconds = options.Number("pgbench-seconds", 10);
        var tps = await PgBench.ScriptsAsync("eventplatform_talks", SearchScripts(), concurrency, pgbenchSeconds);
        var throughput = searches / wall.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(inv, $"pgbench, the same search SQL (facets + page) for the same mix, {concurrency} clients, {pgbenchSeconds} s: {tps:F0} searches/s"));
        Console.WriteLine(string.Create(inv, $"search throughput through the gateway / straight SQL = {throughput / tps:P0}"));
        return 0;
    }

    /// <summary>
    /// pgbench scripts for the five kinds of search above, with the words, tags and speakers drawn by pgbench: per search
    /// the facets statement and the page statement Talks sends (see services/Talks/Endpoints/TalkSearch.cs).
    /// </summary>
    private static List<string> SearchScripts()
    {
        static string Array(IEnumerable<string> values) => $"(ARRAY[{string.Join(',', values.Select(v => $"'{v}'"))}])";
        var words = Array(Words);
        var tags = Array(Tags);
        string Pick(string array, string variable) => $"{array}[:{variable}]";
        var picks = $"""
            \set w1 random(1, {Words.Length})
            \set w2 random(1, {Words.Length})
            \set t random(1, {Tags.Length})
            \set p random(1, 4)
            \set s random(0, 499)

            """;
        string Search(string where, string order, string limit) => picks + $"""
            WITH m (tags, year, format, event_name) AS MATERIALIZED (SELECT t.tags, t.year, t.format, t.event_name FROM talks AS t WHERE {where}) (SELECT 0, tag, count(*)::int FROM m, unnest(m.tags) AS tag GROUP BY tag ORDER BY 3 DESC, 2 LIMIT 30) UNION ALL (SELECT 1, year::text, count(*)::int FROM m GROUP BY year) UNION ALL (SELECT 2, format, count(*)::int FROM m GROUP BY format) UNION ALL (SELECT 3, event_name, count(*)::int FROM m GROUP BY event_name ORDER BY 3 DESC, 2 LIMIT 20);
            SELECT t.* FROM talks AS t WHERE {where} ORDER BY {order} {limit};

            """;
        const string library = "t.status = 'Library'";
        var word = $"to_tsquery('english', {Pick(words, "w1")})";
        var twoWords = $"to_tsquery('english', {Pick(words, "w1")} || ' & ' || {Pick(words, "w2")})";
        return
        [
            Search($"t.search_vector @@ {word} AND {library}", $"ts_rank(t.search_vector, {word}) DESC, t.year DESC, t.id", "LIMIT 20"),
            Search($"t.search_vector @@ {twoWords} AND t.tags @> ARRAY[{Pick(tags, "t")}] AND {library}",
                $"ts_rank(t.search_vector, {twoWords}) DESC, t.year DESC, t.id", "LIMIT 20"),
            Search($"t.tags @> ARRAY[{Pick(tags, "t")}] AND t.format = 'Talk' AND {library}", "t.year DESC, t.date DESC, t.title, t.id",
                "LIMIT 20 OFFSET (:p - 1) * 20"),
            Search($"t.search_vector @@ {word} AND {library}", "t.year DESC, t.date DESC, t.title, t.id", "LIMIT 50"),
            Search($"t.speaker_names ILIKE '%Speaker ' || :s || '%' AND {library}", "t.year DESC, t.date DESC, t.title, t.id", "LIMIT 20"),
        ];
    }

    private static async Task WaitUntilTalksKnowAsync(Platform platform, string organizer, object first)
    {
        for (var i = 0; i < 500; i++)
        {
            try
            {
                await platform.SendAsync(HttpMethod.Post, "/api/talks", organizer, first);
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
            {
                await Task.Delay(20);
            }
        }
        throw new TimeoutException("The event never reached Talks.");
    }

    private static async Task RetryOnConflictAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 300)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
