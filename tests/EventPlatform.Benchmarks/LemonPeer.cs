using System.Globalization;
using System.Text;
using EventPlatform.Matching;

namespace EventPlatform.Benchmarks;

/// <summary>
/// LEMON's MaxWeightedMatching (C++, the strongest exact solver available here) as a peer on the benchmark's graphs:
/// the driver in <c>lemon/max_weight_matching.cpp</c> is compiled on first use against the Debian headers
/// (<c>liblemon-dev</c>, installed by <c>deploy/bench.sh matching</c>) and times the matching alone, as ours is timed.
/// </summary>
public static class LemonPeer
{
    private const string Headers = "/usr/include/lemon/matching.h";

    /// <summary>Why the peer cannot run here, or null when it can.</summary>
    public static string? Unavailable() =>
        File.Exists(Headers) ? null : $"LEMON's headers ({Headers}) are missing: apt-get install -y liblemon-dev g++";

    public static async Task<(int[] Mates, long Weight, double Seconds)?> RunAsync(int vertices, WeightedEdge[] edges, TimeSpan timeout)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "lemon");
        var binary = Path.Combine(directory, "max_weight_matching");
        var source = binary + ".cpp";
        if (!File.Exists(binary) || File.GetLastWriteTimeUtc(binary) < File.GetLastWriteTimeUtc(source))
        {
            await NodeTool.RunAsync("g++", $"-O2 -std=c++17 {source} -o {binary}", directory, TimeSpan.FromMinutes(5));
        }

        var graphFile = Path.Combine(Path.GetTempPath(), $"matching-{Guid.NewGuid():N}.txt");
        var text = new StringBuilder(edges.Length * 16);
        text.Append(CultureInfo.InvariantCulture, $"{vertices} {edges.Length}\n");
        foreach (var edge in edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"{edge.U} {edge.V} {edge.Weight}\n");
        }
        await File.WriteAllTextAsync(graphFile, text.ToString());
        try
        {
            var output = await NodeTool.RunAsync(binary, graphFile, directory, timeout);
            if (output is null)
            {
                return null;
            }
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var milliseconds = double.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var weight = long.Parse(lines[1].Split(' ')[1], CultureInfo.InvariantCulture);
            var mates = lines.Skip(3).Take(vertices).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            return (mates, weight, milliseconds / 1000);
        }
        finally
        {
            File.Delete(graphFile);
        }
    }
}
