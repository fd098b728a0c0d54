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

    private readonly Dictionary<string, double> start = Sample();
    private readonly DateTime startedAt = DateTime.UtcNow;

    /// <summary>CPU seconds per part since this instance was created, largest first, and the wall time.</summary>
    public string Summary()
    {
        var wall = (DateTime.UtcNow - startedAt).TotalSeconds;
        var end = Sample();
        var used = end.Select(p => (p.Key, Seconds: p.Value - start.GetValueOrDefault(p.Key)))
            .Where(p => p.Seconds > 0.005).OrderByDescending(p => p.Seconds).ToList();
        var total = used.Sum(p => p.Seconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU seconds in {wall:F1} s wall on {Environment.ProcessorCount} cores: {string.Join(", ", used.Select(p => $"{p.Key} {p.Seconds:F1}"))} (total {total:F1}, {total / (wall * Environment.ProcessorCount):P0} of the machine)");
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

    private static Dictionary<string, double> Sample()
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
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name in parentheses: utime and stime are the 14th and 15th overall.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                totals[part] = totals.GetValueOrDefault(part) + ticks / ticksPerSecond;
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
