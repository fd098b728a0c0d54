using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace EventPlatform.Benchmarks;

/// <summary>PostgreSQL's own TPC-B-like benchmark on the same server: what the database alone does on this machine.</summary>
public static partial class PgBench
{
    private const string Database = "eventplatform_pgbench";

    private static string Host => Environment.GetEnvironmentVariable("PGHOST") ?? "127.0.0.1";

    /// <summary>A connection to a service's own database on this machine (what the benchmarks write pools into and poll).</summary>
    public static async Task<NpgsqlConnection> OpenServiceDatabaseAsync(string service)
    {
        var connection = new NpgsqlConnection($"Host={Host};Database=eventplatform_{service};Username=eventplatform;Password=eventplatform");
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<double> TpcbAsync(int clients, int seconds)
    {
        await using (var connection = new NpgsqlConnection($"Host={Host};Database=postgres;Username=eventplatform;Password=eventplatform"))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        await RunAsync(["-i", "-s", "1", "-q", Database]);
        return await TimedRunAsync(clients, seconds, [Database]);
    }

    /// <summary>
    /// Custom scripts (each a transaction, picked at random with equal weight) against an existing database, without
    /// vacuuming pgbench's own tables: transactions per second.
    /// </summary>
    public static async Task<double> ScriptsAsync(string database, IReadOnlyList<string> scripts, int clients, int seconds)
    {
        var files = new List<string>();
        try
        {
            foreach (var script in scripts)
            {
                var file = Path.Combine(Path.GetTempPath(), $"pgbench-{Guid.NewGuid():N}.sql");
                await File.WriteAllTextAsync(file, script);
                files.Add(file);
            }
            return await TimedRunAsync(clients, seconds, ["-n", .. files.SelectMany(f => new[] { "-f", f }), database]);
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }

    /// <summary>pgbench for <paramref name="seconds"/> at <paramref name="clients"/> clients: transactions per second.</summary>
    private static async Task<double> TimedRunAsync(int clients, int seconds, string[] arguments)
    {
        var output = await RunAsync(["-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), .. arguments]);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench printed no tps:\n{output}");
    }

    private static async Task<string> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("pgbench", ["-h", Host, "-U", "eventplatform", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = "eventplatform";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed:\n{output}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
