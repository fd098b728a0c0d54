using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EventPlatform.Benchmarks;

/// <summary>
/// How long a committed change takes to become visible in every service that keeps a replica of it: an event published
/// in Events until Attendees, Matchmaking and Talks have it; a registration in Attendees until Matchmaking's pool has
/// the person. Each sample polls the owner's database and every replica's database at once (one connection each, a read
/// by primary key about every millisecond), so the lag is "seen in the replica" minus "seen in the owner", both observed
/// the same way. Measured at rest, then while registrations run through the gateway at the registration benchmark's
/// concurrency.
/// </summary>
public static class ReplicationLagBenchmark
{
    private static readonly string[] Replicas = ["attendees", "matchmaking", "talks"];

    public static async Task<int> RunAsync(Options options)
    {
        var samples = options.Number("samples", 40);
        var concurrency = options.Number("concurrency", 16);
        var gateway = new Uri(options.Text("gateway", "http://127.0.0.1:8080"));
        var inv = CultureInfo.InvariantCulture;

        using var platform = new Platform(gateway, concurrency + 2);
        var organizer = await platform.OrganizerTokenAsync();
        var (minWarmUpRounds, maxWarmUpRounds) = (options.Number("warm-up-rounds", 2), options.Number("max-warm-up-rounds", 16));
        const int warmUpSamples = 5;
        var people = (await platform.SignUpManyAsync(
            [.. Enumerable.Range(0, warmUpSamples * maxWarmUpRounds + 2 * samples).Select(i => $"Lag sample {i}")])).ToList();
        Console.WriteLine(string.Create(inv, $"replication lag: {samples} events published and {samples} registrations per phase, owner and replicas polled every ~1 ms"));

        // Warm-up: the first messages after a start pay for .NET's compilation in every consumer. Rounds of five samples
        // go on until a round's recompiling is under 2 % of the platform's CPU, as in the registration benchmark (a fixed
        // five samples left the measurement in a run right after a start at p95 47-54 ms, where a second run gave 9-12 ms),
        // at most sixteen. The first round is what someone sees right after a start, and is printed as such.
        var rounds = 0;
        double recompiling, roundCpu;
        do
        {
            var round = new CpuAccounting();
            var lags = await MeasureAsync(platform, organizer, people.Skip(rounds * warmUpSamples).Take(warmUpSamples).ToList(), warmUpSamples);
            if (rounds == 0)
            {
                Print(string.Create(inv, $"right after a start ({warmUpSamples} samples, nothing warmed up)"), lags);
            }
            (recompiling, roundCpu) = (round.RecompilingSeconds(), round.PlatformSeconds());
            rounds++;
        }
        while (rounds < maxWarmUpRounds && (rounds < minWarmUpRounds || recompiling > 0.02 * roundCpu));
        Console.WriteLine(string.Create(inv,
            $"  warm-up: {rounds} rounds of {warmUpSamples} samples; recompiling in the last {recompiling:F2} of {roundCpu:F2} CPU-s (not measured)"));
        people = [.. people.Skip(warmUpSamples * maxWarmUpRounds)];
        // At rest means nothing else going on: what the warm-up set going (recompiling in the background included) ends first.
        var quiet = await CpuAccounting.WaitForQuietAsync();
        Console.WriteLine(string.Create(inv, $"  platform at rest {quiet.TotalSeconds:F0} s after the warm-up (not measured)"));

        var atRest = await MeasureAsync(platform, organizer, people.Take(samples).ToList(), samples);
        Print("at rest", atRest);

        // The load: people registering for (and cancelling) one event without pause, as in the registration benchmark.
        var loadEvent = await platform.PublishedEventAsync(organizer, $"Lag load {DateTime.UtcNow:O}", 100);
        var loaders = (await platform.SignUpManyAsync([.. Enumerable.Range(0, concurrency * 4).Select(i => $"Lag load {i}")])).Select(p => p.Token).ToList();
        using var stop = new CancellationTokenSource();
        var loadCount = 0;
        var load = Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var n = worker; !stop.IsCancellationRequested; n += concurrency)
            {
                var token = loaders[n % loaders.Count];
                var registration = await platform.SendAsync(HttpMethod.Post, "/api/registrations", token, new { eventId = loadEvent });
                await platform.SendAsync(HttpMethod.Delete, $"/api/registrations/{registration.GetProperty("id").GetString()}", token);
                Interlocked.Add(ref loadCount, 2);
            }
        }));
        await Task.Delay(2000);
        var loadWatch = Stopwatch.StartNew();
        var loadStart = loadCount;
        var underLoad = await MeasureAsync(platform, organizer, people.Skip(samples).Take(samples).ToList(), samples);
        var loadRate = (loadCount - loadStart) / loadWatch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await load;
        Print(string.Create(inv, $"under load ({loadRate:F0} registrations+cancellations/s, concurrency {concurrency})"), underLoad);

        var target = atRest.Values.Max(m => m.Percentile(95));
        Console.WriteLine(string.Create(inv, $"worst p95 at rest {target:F1} ms (target < 50 ms)"));
        return 0;
    }

    private static void Print(string phase, IReadOnlyDictionary<string, Measurements> lags)
    {
        Console.WriteLine($"  {phase}:");
        foreach (var (path, lag) in lags)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {path,-34} {lag.Summary()}"));
        }
    }

    private static async Task<Dictionary<string, Measurements>> MeasureAsync(Platform platform, string organizer, IReadOnlyList<(string Token, Guid Id)> people, int samples)
    {
        var lags = new Dictionary<string, Measurements>();
        foreach (var replica in Replicas)
        {
            lags[$"event published -> {replica}"] = new Measurements();
        }
        lags["registration -> matchmaking pool"] = new Measurements();

        await using var owner = await PgBench.OpenServiceDatabaseAsync("events");
        await using var attendeesOwner = await PgBench.OpenServiceDatabaseAsync("attendees");
        var replicas = new Dictionary<string, NpgsqlConnection>();
        foreach (var name in Replicas)
        {
            replicas[name] = await PgBench.OpenServiceDatabaseAsync(name);
        }
        try
        {
            for (var i = 0; i < samples; i++)
            {
                var start = DateTime.UtcNow.Date.AddDays(20).AddHours(15);
                var created = await platform.SendAsync(HttpMethod.Post, "/api/events", organizer, new
                {
                    title = $"Replication lag {i} {DateTime.UtcNow:O}",
                    kind = "meetup",
                    startsAt = start,
                    endsAt = start.AddHours(2),
                    timeZone = "UTC",
                    capacity = 1000,
                    topics = new[] { "mlops" },
                });
                var eventId = created.GetProperty("id").GetGuid();

                // Some replicas keep drafts too: each waits for the published status, as the owner does.
                var seenByOwner = SeenAsync(owner, "SELECT 1 FROM events WHERE id = @id AND lower(status) = 'published'", eventId);
                var seenByReplicas = new Dictionary<string, Task<long>>
                {
                    ["attendees"] = SeenAsync(replicas["attendees"], "SELECT 1 FROM event_replicas WHERE id = @id AND lower(status) = 'published'", eventId),
                    ["matchmaking"] = SeenAsync(replicas["matchmaking"], "SELECT 1 FROM networking_events WHERE id = @id AND lower(status) = 'published'", eventId),
                    ["talks"] = SeenAsync(replicas["talks"], "SELECT 1 FROM talk_events WHERE id = @id AND lower(status) = 'published'", eventId),
                };
                await platform.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/publish", organizer);
                var committed = await seenByOwner;
                foreach (var (name, seen) in seenByReplicas)
                {
                    lags[$"event published -> {name}"].Add(Stopwatch.GetElapsedTime(committed, await seen).TotalMilliseconds);
                }

                var person = people[i];
                var registered = SeenAsync(attendeesOwner, "SELECT 1 FROM registrations WHERE event_id = @id AND attendee_id = @other AND status <> 'Cancelled'", eventId, person.Id);
                var pooled = SeenAsync(replicas["matchmaking"], "SELECT 1 FROM pool_members WHERE event_id = @id AND attendee_id = @other", eventId, person.Id);
                await platform.SendAsync(HttpMethod.Post, "/api/registrations", person.Token, new { eventId });
                lags["registration -> matchmaking pool"].Add(Stopwatch.GetElapsedTime(await registered, await pooled).TotalMilliseconds);

                await Task.Delay(50);
            }
        }
        finally
        {
            foreach (var connection in replicas.Values)
            {
                await connection.DisposeAsync();
            }
        }
        return lags;
    }


    /// <summary>Polls until the query returns a row: the Stopwatch timestamp of the first read that saw it.</summary>
    private static async Task<long> SeenAsync(NpgsqlConnection connection, string sql, Guid id, Guid? other = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        if (other is { } value)
        {
            command.Parameters.AddWithValue("other", value);
        }
        await command.PrepareAsync();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await command.ExecuteScalarAsync() is not null)
            {
                return Stopwatch.GetTimestamp();
            }
            await Task.Delay(1);
        }
        throw new TimeoutException($"Not visible after 30 s: {sql} ({id})");
    }
}
