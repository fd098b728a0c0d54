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
/// the registration benchmark. The same people's addresses are written into Notifications' database (as their sign-ups
/// would have announced them), and after each round the benchmark times how long the round's notifications take to be
/// in everyone's feed and their emails to be accepted by the SMTP server (the mail catcher deploy/run.sh starts); the
/// next round starts only once they are, so each round is timed on a quiet platform.
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
        var people = await WritePoolAsync(eventId, attendees);
        await WriteContactsAsync(people);
        var status = await platform.SendAsync(HttpMethod.Get, $"/api/networking/events/{eventId}", organizer);
        Console.WriteLine(string.Create(inv, $"pool of {status.GetProperty("poolSize").GetInt32():N0} written in {write.Elapsed.TotalSeconds:F1} s"));

        var failures = 0;
        for (var r = 1; r <= rounds; r++)
        {
            await Task.Delay(pause);
            var cpu = new CpuAccounting();
            var clock = Stopwatch.StartNew();
            var started = Stopwatch.GetTimestamp();
            var round = await platform.SendAsync(HttpMethod.Post, $"/api/networking/events/{eventId}/rounds", organizer,
                new { startsAt = DateTimeOffset.UtcNow.AddMinutes(20 * r), durationMinutes = 15 });
            clock.Stop();
            var (pool, pairs, unmatched) = (round.GetProperty("poolSize").GetInt32(), round.GetProperty("pairs").GetInt32(), round.GetProperty("unmatched").GetInt32());
            Console.WriteLine(string.Create(inv,
                $"round {r}: {pool:N0} attendees -> {pairs:N0} pairs, {unmatched} unmatched, total score {round.GetProperty("totalScore").GetDouble():N1}, {clock.Elapsed.TotalSeconds:F2} s"));
            Console.WriteLine("  " + cpu.Summary());
            var (feed, mailed, sent) = await WaitForNotificationsAsync(round.GetProperty("id").GetGuid(), eventId, 2 * pairs, started);
            Console.WriteLine(string.Create(inv,
                $"  notifications: {2 * pairs:N0} match proposals in the feeds {feed.TotalSeconds:F1} s after the round was started, {sent:N0} emails accepted by SMTP after {mailed.TotalSeconds:F1} s ({sent / Math.Max(0.001, mailed.TotalSeconds - clock.Elapsed.TotalSeconds):F0} emails/s after the round answered)"));
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


    /// <summary>
    /// Polls Notifications' database until the round's proposals are all in the feeds and all their emails were sent:
    /// the time of each since the round was requested (<paramref name="started"/>, a Stopwatch timestamp), and how many
    /// emails went out.
    /// </summary>
    private static async Task<(TimeSpan Feed, TimeSpan Mailed, long Sent)> WaitForNotificationsAsync(Guid roundId, Guid eventId, int expected, long started)
    {
        TimeSpan Elapsed() => Stopwatch.GetElapsedTime(started);
        await using var connection = await PgBench.OpenServiceDatabaseAsync("notifications");
        await using var count = new NpgsqlCommand("""
            SELECT count(*), count(e.sent_at), count(*) FILTER (WHERE e.id IS NOT NULL AND e.sent_at IS NULL AND e.failed_at IS NULL)
            FROM notifications n LEFT JOIN outgoing_emails e ON e.id = n.id
            WHERE n.event_id = @event AND n.kind = 'match-proposed' AND n.created_at >= @since
            """, connection);
        count.Parameters.AddWithValue("event", eventId);
        count.Parameters.AddWithValue("since", DateTimeOffset.UtcNow - Elapsed() - TimeSpan.FromSeconds(1));
        TimeSpan? feed = null;
        var deadline = Elapsed() + TimeSpan.FromMinutes(10);
        while (Elapsed() < deadline)
        {
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (notified, sent, pending) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (notified >= expected)
            {
                feed ??= Elapsed();
                if (pending == 0)
                {
                    return (feed.Value, Elapsed(), sent);
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The notifications of round {roundId} were not all out after 10 minutes.");
    }

    /// <summary>The pool's people as Notifications knows them from their sign-ups: an address at the benchmark's domain.</summary>
    private static async Task WriteContactsAsync(IReadOnlyList<(Guid Id, string Name)> people)
    {
        await using var connection = await PgBench.OpenServiceDatabaseAsync("notifications");
        var now = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync("COPY contacts (attendee_id, email, display_name, changed_at) FROM STDIN (FORMAT BINARY)");
        foreach (var (id, name) in people)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync($"{id:N}@bench.example.org", NpgsqlDbType.Varchar);
            await writer.WriteAsync(name, NpgsqlDbType.Varchar);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    private static async Task<IReadOnlyList<(Guid Id, string Name)>> WritePoolAsync(Guid eventId, int size)
    {
        await using var connection = await PgBench.OpenServiceDatabaseAsync("matchmaking");
        var people = new List<(Guid Id, string Name)>();
        var now = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY pool_members (event_id, attendee_id, registration_id, confirmed, membership_changed_at, display_name,
                headline, company, interests, intents, time_zone, directory_visible, networking_opt_in, profile_changed_at)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var peer in MatchingBenchmark.Pool(size, seed: size))
        {
            var id = Guid.CreateVersion7();
            people.Add((id, peer.Name));
            await writer.StartRowAsync();
            await writer.WriteAsync(eventId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
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
        return people;
    }
}
