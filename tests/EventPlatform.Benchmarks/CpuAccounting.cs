using System.Globalization;

namespace EventPlatform.Benchmarks;

/// <summary>
/// CPU time used by each part of the platform on this machine (Linux <c>/proc</c>), so a benchmark can say
/// where the time went: the services, the gateway, PostgreSQL, RabbitMQ, the mail catcher and the benchmark client itself.
/// </summary>
public sealed class CpuAccounting
{
    private static readonly (string Part, string Marker)[] Parts =
    [
        ("gateway", "EventPlatform.Gateway"),
        ("attendees", "EventPlatform.Attendees"),
        ("events", "EventPlatform.Events"),
        ("talks", "EventPlatform.Talks"),
        ("matchmaking", "EventPlatform.Matchmaking"),
        ("notifications", "EventPlatform.Notifications"),
        ("web", "EventPlatform.Web"),
        ("mail catcher", "maildev"),
        ("benchmark client", "EventPlatform.Benchmarks"),
        ("postgresql", "postgres"),
        ("rabbitmq", "beam.smp"),
    ];

    /// <summary>The thread in each .NET process that recompiles hot code (tier 1): busy means not in steady state yet.</summary>
    private const string RecompilerThread = ".NET Tiered Com";

    private readonly Dictionary<string, double> start = Sample();
    private readonly Dictionary<string, double> startRecompiling = Sample(RecompilerThread);
    private readonly DateTime startedAt = DateTime.UtcNow;

    /// <summary>CPU seconds all parts used since this instance was created (the benchmark client left out).</summary>
    public double PlatformSeconds() => Used(start, Sample()).Where(p => p.Key != "benchmark client").Sum(p => p.Seconds);

    /// <summary>CPU seconds the platform's .NET parts spent recompiling hot code since this instance was created (the benchmark client left out, as in <see cref="PlatformSeconds"/>).</summary>
    public double RecompilingSeconds() => Used(startRecompiling, Sample(RecompilerThread)).Where(p => p.Key != "benchmark client").Sum(p => p.Seconds);

    private static List<(string Key, double Seconds)> Used(Dictionary<string, double> before, Dictionary<string, double> after) =>
        [.. after.Select(p => (p.Key, Seconds: p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Seconds > 0.005).OrderByDescending(p => p.Seconds)];

    /// <summary>CPU seconds per part since this instance was created, largest first, and the wall time.</summary>
    public string Summary()
    {
        var wall = (DateTime.UtcNow - startedAt).TotalSeconds;
        var used = Used(start, Sample());
        var recompiling = Used(startRecompiling, Sample(RecompilerThread));
        var total = used.Sum(p => p.Seconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU seconds in {wall:F1} s wall on {Environment.ProcessorCount} cores: {string.Join(", ", used.Select(p => $"{p.Key} {p.Seconds:F1}"))} (total {total:F1}, {total / (wall * Environment.ProcessorCount):P0} of the machine); of it .NET recompiling hot code: {(recompiling.Count == 0 ? "none" : string.Join(", ", recompiling.Select(p => $"{p.Key} {p.Seconds:F2}")))}");
    }

    /// <summary>
    /// Waits until the platform is at rest: under <paramref name="busyCores"/> cores of CPU (the benchmark client left out)
    /// for a whole second, so a measurement that follows starts with the warm-up's messages consumed and .NET's background
    /// recompilation of hot code done. Returns how long that took; gives up after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<TimeSpan> WaitForQuietAsync(double busyCores = 0.1, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var previous = Sample();
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var current = Sample();
            var used = current.Where(p => p.Key != "benchmark client").Sum(p => p.Value - previous.GetValueOrDefault(p.Key));
            previous = current;
            if (used < busyCores)
            {
                break;
            }
        }
        return waited.Elapsed;
    }

    /// <summary>CPU seconds per part so far: of its processes, or of their threads named <paramref name="thread"/> only.</summary>
    private static Dictionary<string, double> Sample(string? thread = null)
    {
        var totals = new Dictionary<string, double>();
        if (!Directory.Exists("/proc"))
        {
            return totals;
        }
        var ticksPerSecond = 100.0; // USER_HZ on Linux
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var part = Parts.FirstOrDefault(p => cmdline.Contains(p.Marker, StringComparison.Ordinal)).Part;
                if (part is null)
                {
                    continue;
                }
                var stats = thread is null
                    ? [Path.Combine(dir, "stat")]
                    : Directory.EnumerateDirectories(Path.Combine(dir, "task"))
                        .Where(task => File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == thread)
                        .Select(task => Path.Combine(task, "stat"));
                foreach (var path in stats)
                {
                    var stat = File.ReadAllText(path);
                    // Fields after the command name in parentheses: utime and stime are the 14th and 15th overall.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                    totals[part] = totals.GetValueOrDefault(part) + ticks / ticksPerSecond;
                }
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return totals;
    }
}
