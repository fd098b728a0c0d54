using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EventPlatform.Benchmarks;

/// <summary>
/// Signs up N attendees and registers them through the gateway at concurrency C for an event of capacity K,
/// then checks the outcome (confirmed, waitlist 1..n, overbooked seats) and runs pgbench at the same concurrency.
/// </summary>
public static class RegistrationBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var attendees = options.Number("attendees", 500);
        var concurrency = options.Number("concurrency", 16);
        var capacity = options.Number("capacity", 50);
        var pgbenchSeconds = options.Number("pgbench-seconds", 10);
        var gateway = new Uri(options.Text("gateway", "http://127.0.0.1:8080"));
        var inv = CultureInfo.InvariantCulture;

        using var platform = new Platform(gateway, concurrency);
        // --register-via http://127.0.0.1:5103 sends the measured registrations straight to Attendees, to see what the gateway costs.
        using var registrations = new Platform(new Uri(options.Text("register-via", gateway.ToString())), concurrency);
        var organizer = await platform.OrganizerTokenAsync();

        var signup = Stopwatch.StartNew();
        var tokens = (await platform.SignUpManyAsync([.. Enumerable.Range(0, attendees + 100).Select(i => $"Bench attendee {i}")])).Select(p => p.Token).ToArray();
        Console.WriteLine(string.Create(inv, $"signed up {tokens.Length} attendees in {signup.Elapsed.TotalSeconds:F1} s (not measured below)"));

        // Warm-up on a separate event so that the figures below measure steady state: .NET recompiles hot code in tiers
        // during the first thousands of requests and messages after a start (perf showed the recompiling thread at a fifth
        // of Attendees' samples in a measurement after four rounds). The 100 extra attendees register and cancel, round after
        // round, until a round's recompiling is under 2 % of the CPU it used (one event only: creating events sets other
        // services to work that would overlap the measurement). They go through the client that measures below, so its
        // connections are open and warm when the measurement starts, as a running platform's are.
        // Its capacity is a quarter of the concurrency, so that, as in the measurement, most registrations are waitlisted
        // (with a capacity above the concurrency nobody ever was, and the waitlist path, its message included, was first
        // compiled and set up inside the measured window), and each cancellation of a seat promotes someone.
        var warmUp = await platform.PublishedEventAsync(organizer, "Benchmark warm-up", Math.Max(1, concurrency / 4));
        var (rounds, minRounds, maxRounds) = (0, options.Number("warm-up-rounds", 4), options.Number("max-warm-up-rounds", 40));
        double recompiling, roundCpu;
        do
        {
            var round = new CpuAccounting();
            await Parallel.ForEachAsync(tokens[attendees..], new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (token, _) =>
            {
                var registration = await registrations.SendAsync(HttpMethod.Post, "/api/registrations", token, new { eventId = warmUp });
                await registrations.SendAsync(HttpMethod.Delete, $"/api/registrations/{registration.GetProperty("id").GetString()}", token);
            });
            (recompiling, roundCpu) = (round.RecompilingSeconds(), round.PlatformSeconds());
            rounds++;
        }
        while (rounds < maxRounds && (rounds < minRounds || recompiling > 0.02 * roundCpu));
        Console.WriteLine(string.Create(inv,
            $"warm-up: {rounds} rounds of {tokens.Length - attendees} registrations and cancellations; recompiling in the last {recompiling:F2} of {roundCpu:F1} CPU-s (not measured)"));

        var eventId = await platform.PublishedEventAsync(organizer, $"Benchmark {DateTime.UtcNow:O}", capacity);
        // What the warm-up and the new event set going (notifications, the networking pool, replicas, recompilation) ends first.
        var quiet = await CpuAccounting.WaitForQuietAsync();
        Console.WriteLine(string.Create(inv, $"platform at rest {quiet.TotalSeconds:F0} s after the warm-up (not measured)"));
        var latencies = new Measurements();
        var results = new JsonElement[attendees];
        var cpu = new CpuAccounting();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, attendees), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => results[i] = await latencies.TimeAsync(() =>
                registrations.SendAsync(HttpMethod.Post, "/api/registrations", tokens[i], new { eventId })));
        wall.Stop();
        var cpuSummary = cpu.Summary();

        var confirmed = results.Count(r => r.GetProperty("status").GetString() == "confirmed");
        var positions = results.Where(r => r.GetProperty("status").GetString() == "waitlisted")
            .Select(r => r.GetProperty("waitlistPosition").GetInt32()).Order().ToList();
        var availability = await platform.SendAsync(HttpMethod.Get, $"/api/registrations/events/{eventId}/availability");
        var seatsTaken = availability.GetProperty("seatsTaken").GetInt32();
        var overbooked = Math.Max(0, Math.Max(confirmed, seatsTaken) - capacity);
        var unbroken = positions.SequenceEqual(Enumerable.Range(1, positions.Count));
        var throughput = attendees / wall.Elapsed.TotalSeconds;

        Console.WriteLine(string.Create(inv, $"registration through the gateway: {attendees} registrations, concurrency {concurrency}, capacity {capacity}"));
        Console.WriteLine(string.Create(inv, $"  throughput {throughput:F0} registrations/s ({wall.Elapsed.TotalSeconds:F2} s)"));
        Console.WriteLine($"  latency {latencies.Summary()}");
        Console.WriteLine($"  {cpuSummary}");
        Console.WriteLine(string.Create(inv, $"  confirmed {confirmed}, waitlisted {positions.Count} (positions 1..{positions.Count} unbroken: {unbroken}), seats taken {seatsTaken}, overbooked {overbooked}"));

        var tps = await PgBench.TpcbAsync(concurrency, pgbenchSeconds);
        Console.WriteLine(string.Create(inv, $"pgbench TPC-B-like, scale 1, {concurrency} clients, {pgbenchSeconds} s: {tps:F0} tps"));
        Console.WriteLine(string.Create(inv, $"registration throughput / pgbench tps = {throughput / tps:P0}"));
        return overbooked == 0 && unbroken && confirmed == Math.Min(capacity, attendees) ? 0 : 1;
    }
}
