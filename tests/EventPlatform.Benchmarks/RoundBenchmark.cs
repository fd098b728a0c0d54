using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace EventPlatform.Benchmarks;

/// <summary>
/// A networking round over a large pool, as an organizer starts it: an event with networking open, a pool of N
/// attendees (the matching benchmark's generator: skewed interests, intents, time zones), then rounds started through
/// the gateway, each timed from request to answer (pool loaded, exclusions, candidate graph, matching, matches and
/// their MatchProposed messages stored). The pool is written straight into Matchmaking's database: N sign-ups and
/// registrations through the API would take most of an hour of password hashing on this machine and are measured by
/// the registration benchmark.
/// </summary>
public static class RoundBenchmark
{
    // The matching benchmark's UTC offsets, as zones that keep them in November (no daylight saving then).
    private static readonly Dictionary<double, string> Zones = new()
    {
        [-8] = "America/Los_Angeles", [-7] = "America/Denver", [-6] = "America/Chicago", [-5] = "America/New_York",
        [-4] = "America/Halifax", [-3] = "America/Sao_Paulo", [0] = "Europe/London", [1] = "Europe/Berlin",
        [2] = "Europe/Helsinki", [3] = "Europe/Istanbul", [5.5] = "Asia/Kolkata", [8] = "Asia/Shanghai", [9] = "Asia/Tokyo",
    };

    public static async Task<int> RunAsync(Options options)
    {
        var attendees = options.Number("attendees", 10000);
        var rounds = options.Number("rounds", 3);
        // Rounds are minutes apart at an event; the pause lets the previous round's 5,000 MatchProposed messages be
        // relayed (and the JIT settle) before the next one is timed.
        var pause = TimeSpan.FromSeconds(options.Number("pause", 5));
        var gateway = new Uri(options.Text("gateway", "http://127.0.0.1:8080"));
        var inv = CultureInfo.InvariantCulture;

        using var platform = new Platform(gateway, 2);
        var organizer = await platform.OrganizerTokenAsync();
        var eventId = await platform.PublishedEventAsync(organizer, $"Round benchmark {DateTime.UtcNow:O}", attendees,
            networkingOpensAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        await WaitUntilMatchmakingKnowsAsync(platform, eventId);

        var write = Stopwatch.StartNew();
        await WritePoolAsync(eventId, attendees);
        var status = await platform.SendAsync(HttpMethod.Get, $"/api/networking/events/{eventId}", organizer);
        Console.WriteLine(string.Create(inv, $"pool of {status.GetProperty("poolSize").GetInt32():N0} written in {write.Elapsed.TotalSeconds:F1} s"));

        var failures = 0;
        for (var r = 1; r <= rounds; r++)
        {
            await Task.Delay(pause);
            var cpu = new CpuAccounting();
            var clock = Stopwatch.StartNew();
            var round = await platform.SendAsync(HttpMethod.Post, $"/api/networking/events/{eventId}/rounds", organizer,
                new { startsAt = DateTimeOffset.UtcNow.AddMinutes(20 * r), durationMinutes = 15 });
            clock.Stop();
            var (pool, pairs, unmatched) = (round.GetProperty("poolSize").GetInt32(), round.GetProperty("pairs").GetInt32(), round.GetProperty("unmatched").GetInt32());
            Console.WriteLine(string.Create(inv,
                $"round {r}: {pool:N0} attendees -> {pairs:N0} pairs, {unmatched} unmatched, total score {round.GetProperty("totalScore").GetDouble():N1}, {clock.Elapsed.TotalSeconds:F2} s"));
            Console.WriteLine("  " + cpu.Summary());
            if (2 * pairs + unmatched != pool)
            {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task WaitUntilMatchmakingKnowsAsync(Platform platform, Guid eventId)
    {
        for (var i = 0; i < 500; i++)
        {
            try
            {
                await platform.SendAsync(HttpMethod.Get, $"/api/networking/events/{eventId}");
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                await Task.Delay(20);
            }
        }
        throw new TimeoutException($"Event {eventId} never reached Matchmaking.");
    }

    private static async Task WritePoolAsync(Guid eventId, int size)
    {
        var host = Environment.GetEnvironmentVariable("PGHOST") ?? "127.0.0.1";
        await using var connection = new NpgsqlConnection($"Host={host};Database=eventplatform_matchmaking;Username=eventplatform;Password=eventplatform");
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY pool_members (event_id, attendee_id, registration_id, confirmed, membership_changed_at, display_name,
                headline, company, interests, intents, time_zone, directory_visible, networking_opt_in, profile_changed_at)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var peer in MatchingBenchmark.Pool(size, seed: size))
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(eventId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(peer.Name, NpgsqlDbType.Varchar);
            await writer.WriteAsync("ML engineer", NpgsqlDbType.Varchar);
            await writer.WriteAsync("Bench Co", NpgsqlDbType.Varchar);
            await writer.WriteAsync(peer.Interests.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(peer.Intents.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(Zones[peer.UtcOffset.TotalHours], NpgsqlDbType.Varchar);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }
}
