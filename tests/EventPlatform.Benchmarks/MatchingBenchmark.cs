using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EventPlatform.Matching;

namespace EventPlatform.Benchmarks;

/// <summary>
/// Generates networking pools (interests drawn from a skewed, Zipf-like topic distribution, intents and time zones
/// as in a real community), builds the graph a round matches on, and runs our matcher and, on the same graph, two
/// exact peers: LEMON's MaxWeightedMatching (C++, <see cref="LemonPeer"/>) and the npm package edmonds-blossom
/// (tests/EventPlatform.Benchmarks/peer). Prints the total weight and time of each. Fails when a peer finds a heavier
/// matching, or when LEMON is faster than ours on an instance.
/// </summary>
public static class MatchingBenchmark
{
    private static readonly string[] Topics =
    [
        "mlops", "ml-in-production", "python", "model-serving", "model-monitoring", "data-engineering", "deep-learning",
        "testing", "data-validation", "distributed-computing", "kubernetes", "streaming", "feature-stores", "nlp",
        "reproducibility", "team-collaboration", "computer-vision", "model-governance", "data-versioning", "devops", "career",
    ];

    private static readonly (string Intent, double Probability)[] Intents =
    [
        ("learning", 0.40), ("collaborating", 0.20), ("job-seeking", 0.15), ("seeking-mentor", 0.12), ("hiring", 0.10), ("mentoring", 0.08),
    ];

    private static readonly double[] UtcOffsetHours = [-8, -7, -6, -5, -5, -5, -4, -3, 0, 0, 1, 1, 1, 2, 3, 5.5, 5.5, 8, 9];

    public static async Task<int> RunAsync(Options options)
    {
        var candidates = options.Number("candidates", 30);
        var peerTimeout = TimeSpan.FromSeconds(options.Number("peer-timeout", 600));
        var runPeer = options.Text("skip-peer", "false") != "true";
        var runLemon = options.Text("skip-lemon", "false") != "true";
        if (runLemon && LemonPeer.Unavailable() is { } missing)
        {
            Console.WriteLine(missing);
            return 1;
        }
        var inv = CultureInfo.InvariantCulture;

        // JIT warm-up on a small instance, so the figures below are the algorithm, not the compiler.
        var warm = new CompatibilityModel(Pool(300, seed: 1));
        MaximumWeightMatching.Solve(300, CandidateGraph.Build(warm, candidates));

        var instances = new (string Name, int Attendees, bool Complete)[]
        {
            ("complete graph, 1,000 attendees", options.Number("complete", 1000), true),
            ($"5,000 attendees, top-{candidates} candidates each", 5000, false),
            ($"10,000 attendees, top-{candidates} candidates each", options.Number("attendees", 10000), false),
        };
        var failures = 0;
        foreach (var (name, attendees, complete) in instances)
        {
            var model = new CompatibilityModel(Pool(attendees, seed: attendees));
            var build = Stopwatch.StartNew();
            var edges = complete ? CandidateGraph.Complete(model) : CandidateGraph.Build(model, candidates);
            build.Stop();

            var ours = Stopwatch.StartNew();
            var result = MaximumWeightMatching.Solve(attendees, edges);
            ours.Stop();
            var paired = result.Mates.Count(m => m >= 0);
            Console.WriteLine(string.Create(inv, $"{name}: {edges.Length:N0} edges (graph built in {build.Elapsed.TotalSeconds:F2} s)"));
            Console.WriteLine(string.Create(inv, $"  ours            weight {result.TotalWeight,14:N0}  time {ours.Elapsed.TotalSeconds,8:F3} s  ({paired:N0} of {attendees:N0} paired)"));

            if (runLemon)
            {
                var lemon = await LemonPeer.RunAsync(attendees, edges, peerTimeout);
                if (lemon is null)
                {
                    Console.WriteLine(string.Create(inv, $"  LEMON did not finish within {peerTimeout.TotalSeconds:F0} s"));
                    failures++;
                }
                else
                {
                    // The weight is recomputed from LEMON's mates on our edge list, so both are summed alike.
                    var lemonWeight = MaximumWeightMatching.TotalWeight(lemon.Value.Mates, edges);
                    var faster = lemon.Value.Seconds / ours.Elapsed.TotalSeconds;
                    Console.WriteLine(string.Create(inv, $"  LEMON           weight {lemonWeight,14:N0}  time {lemon.Value.Seconds,8:F3} s  (ours/LEMON weight {(double)result.TotalWeight / lemonWeight:F6}, LEMON time / ours {faster:F2})"));
                    if (lemonWeight != lemon.Value.Weight)
                    {
                        Console.WriteLine(string.Create(inv, $"  LEMON reported weight {lemon.Value.Weight:N0} but its mates sum to {lemonWeight:N0}"));
                        failures++;
                    }
                    if (result.TotalWeight != lemonWeight || faster < 1)
                    {
                        failures++;
                    }
                }
            }
            if (!runPeer)
            {
                continue;
            }
            var peer = await RunPeerAsync(attendees, edges, peerTimeout);
            if (peer is null)
            {
                Console.WriteLine(string.Create(inv, $"  edmonds-blossom did not finish within {peerTimeout.TotalSeconds:F0} s"));
                continue;
            }
            var peerWeight = MaximumWeightMatching.TotalWeight(peer.Value.Mates, edges);
            var ratio = (double)result.TotalWeight / peerWeight;
            Console.WriteLine(string.Create(inv, $"  edmonds-blossom weight {peerWeight,14:N0}  time {peer.Value.Seconds,8:F3} s"));
            Console.WriteLine(string.Create(inv, $"  weight ratio ours/peer {ratio:F3}, speed-up {peer.Value.Seconds / ours.Elapsed.TotalSeconds:F1}x"));
            if (result.TotalWeight < peerWeight)
            {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A pool of attendees: 2–6 interests from a Zipf-like distribution, 0–2 intents, a time zone.</summary>
    public static List<Peer> Pool(int size, int seed)
    {
        var random = new Random(seed);
        var zipf = Topics.Select((_, rank) => 1 / Math.Pow(rank + 1, 1.1)).ToArray();
        var total = zipf.Sum();
        var pool = new List<Peer>(size);
        for (var i = 0; i < size; i++)
        {
            var interests = new HashSet<string>();
            var wanted = random.Next(2, 7);
            while (interests.Count < wanted)
            {
                var x = random.NextDouble() * total;
                var t = 0;
                while (x > zipf[t] && t < zipf.Length - 1)
                {
                    x -= zipf[t++];
                }
                interests.Add(Topics[t]);
            }
            var intents = Intents.Where(p => random.NextDouble() < p.Probability).Select(p => p.Intent).Take(2).ToList();
            var offset = TimeSpan.FromHours(UtcOffsetHours[random.Next(UtcOffsetHours.Length)]);
            pool.Add(new Peer($"Attendee {i}", [.. interests], intents, offset));
        }
        return pool;
    }

    private static async Task<(int[] Mates, double Seconds)?> RunPeerAsync(int vertices, WeightedEdge[] edges, TimeSpan timeout)
    {
        var peerDirectory = await NodeTool.InstallAsync("peer", "edmonds-blossom");
        var graphFile = Path.Combine(Path.GetTempPath(), $"matching-{Guid.NewGuid():N}.json");
        var json = new StringBuilder($"{{\"vertices\":{vertices},\"edges\":[");
        for (var i = 0; i < edges.Length; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}[{edges[i].U},{edges[i].V},{edges[i].Weight}]");
        }
        json.Append("]}");
        await File.WriteAllTextAsync(graphFile, json.ToString());
        try
        {
            var output = await NodeTool.RunAsync("node", $"--max-old-space-size=8192 run.js {graphFile}", peerDirectory, timeout);
            if (output is null)
            {
                return null;
            }
            using var document = JsonDocument.Parse(output);
            var mates = document.RootElement.GetProperty("mates").EnumerateArray().Select(m => m.GetInt32()).ToArray();
            return (mates, document.RootElement.GetProperty("milliseconds").GetDouble() / 1000);
        }
        finally
        {
            File.Delete(graphFile);
        }
    }
}
