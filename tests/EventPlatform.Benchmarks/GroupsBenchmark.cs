using System.Diagnostics;
using System.Globalization;
using EventPlatform.Matching;

namespace EventPlatform.Benchmarks;

/// <summary>
/// Networking with library signals and small groups, on generated pools (the matching benchmark's people, plus a
/// viewing and question history: a library of talks with skewed popularity, each person watching talks mostly on
/// their own interests, saving some, asking or upvoting questions on a few, and the topics those name). Prints, for
/// pools of 1,000 and 10,000: the time of a pair round and of group rounds (candidate graph + solver, in process);
/// the total compatibility of each, against the same round computed without the new signals (both scored with them:
/// what the signals add); the group solver against the greedy baseline; and, on small pools, its gap to the exact
/// optimum (subset dynamic programming). Fails when the solver is worse than greedy or breaks an exclusion.
/// </summary>
public static class GroupsBenchmark
{
    private const int Talks = 600;
    private static readonly string[][] TalkTags = [.. Enumerable.Range(0, Talks).Select(TagsOfTalk)];

    public static Task<int> RunAsync(Options options)
    {
        var inv = CultureInfo.InvariantCulture;
        var candidates = options.Number("candidates", 30);
        var failures = 0;

        // JIT warm-up.
        var warm = new CompatibilityModel(WithHistory(MatchingBenchmark.Pool(300, 1), 1));
        GroupFormation.Solve(warm, 4, CandidateGraph.Build(warm, candidates));
        MaximumWeightMatching.Solve(300, CandidateGraph.Build(warm, candidates));

        foreach (var size in new[] { options.Number("small-pool", 1000), options.Number("attendees", 10000) })
        {
            var plain = MatchingBenchmark.Pool(size, seed: size);
            var pool = WithHistory(plain, size);
            var withSignals = new CompatibilityModel(pool);
            var withoutSignals = new CompatibilityModel(plain);
            var shared = SharedSignalStats(pool);
            Console.WriteLine(string.Create(inv, $"{size:N0} attendees: {pool.Sum(p => p.Signals.Count) / (double)size:F1} library signals each on average ({shared:P0} of people share at least one with someone)"));
            // Some pairs may not meet (blocked, declined, met before): 2 % of them, fixed by the seed.
            bool Excluded(int a, int b) => Mix(size, a, b) % 1000 < 20;

            // Pairs.
            var time = Stopwatch.StartNew();
            var edges = CandidateGraph.Build(withSignals, candidates, Excluded);
            var pairs = MaximumWeightMatching.Solve(size, edges);
            time.Stop();
            var blind = MaximumWeightMatching.Solve(size, CandidateGraph.Build(withoutSignals, candidates, Excluded));
            double PairTotal(MatchingResult r) => r.Pairs().Sum(p => withSignals.Score(p.U, p.V));
            double SignalTotal(MatchingResult r) => r.Pairs().Sum(p => withSignals.SignalScore(p.U, p.V));
            Console.WriteLine(string.Create(inv,
                $"  pairs            round {time.Elapsed.TotalSeconds,6:F2} s  total compatibility {PairTotal(pairs),10:N1} (ignoring the signals: {PairTotal(blind),10:N1}, {PairTotal(pairs) / PairTotal(blind) - 1:+0.0%;-0.0%}); shared-signal part {SignalTotal(pairs):N1} vs {SignalTotal(blind):N1}"));

            foreach (var groupSize in new[] { 3, 4 })
            {
                time.Restart();
                var groupEdges = CandidateGraph.Build(withSignals, candidates, Excluded);
                var ours = GroupFormation.Solve(withSignals, groupSize, groupEdges, Excluded);
                time.Stop();
                var greedyTime = Stopwatch.StartNew();
                var greedy = GroupFormation.Greedy(withSignals, groupSize, groupEdges, Excluded);
                greedyTime.Stop();
                var blindGroups = GroupFormation.Solve(withoutSignals, groupSize, CandidateGraph.Build(withoutSignals, candidates, Excluded), Excluded);
                var blindTotal = blindGroups.Groups.Sum(g => GroupFormation.Inside(withSignals, g));
                Console.WriteLine(string.Create(inv,
                    $"  groups of {groupSize}      round {time.Elapsed.TotalSeconds,6:F2} s  total compatibility {ours.Total,10:N1} (ignoring the signals: {blindTotal,10:N1}, {ours.Total / blindTotal - 1:+0.0%;-0.0%}); greedy {greedy.Total:N1} in {greedyTime.Elapsed.TotalSeconds:F2} s (ours {ours.Total / greedy.Total - 1:+0.0%;-0.0%}); {ours.Groups.Count:N0} groups, {ours.Unplaced.Count} unplaced"));
                if (ours.Total < greedy.Total - 1e-6 || ours.Groups.Any(g => g.Any(a => g.Any(b => a < b && Excluded(a, b)))))
                {
                    Console.WriteLine("  FAIL: worse than greedy, or a group holds an excluded pair");
                    failures++;
                }
            }
        }

        // The gap to the optimum, on pools small enough to solve exactly.
        foreach (var (count, groupSize) in new[] { (12, 3), (12, 4), (15, 3), (16, 4) })
        {
            var gaps = new List<double>();
            var greedyGaps = new List<double>();
            var exactTime = TimeSpan.Zero;
            for (var seed = 1; seed <= options.Number("small-pools", 30); seed++)
            {
                var model = new CompatibilityModel(WithHistory(MatchingBenchmark.Pool(count, seed * 7919 + count), seed));
                bool Excluded(int a, int b) => Mix(seed, a, b) % 100 < 3;
                var started = Stopwatch.GetTimestamp();
                var exact = GroupFormation.Exact(model, groupSize, Excluded);
                exactTime += Stopwatch.GetElapsedTime(started);
                if (exact is null)
                {
                    continue;
                }
                var complete = CandidateGraph.Complete(model, Excluded);
                var ours = GroupFormation.Solve(model, groupSize, complete, Excluded, seed);
                var greedy = GroupFormation.Greedy(model, groupSize, complete, Excluded);
                gaps.Add(ours.Unplaced.Count > 0 ? 1 : Math.Max(0, (exact.Total - ours.Total) / exact.Total));
                greedyGaps.Add(greedy.Unplaced.Count > 0 ? 1 : Math.Max(0, (exact.Total - greedy.Total) / exact.Total));
            }
            var optimal = gaps.Count(g => g < 1e-9);
            Console.WriteLine(string.Create(inv,
                $"gap to the exact optimum, {gaps.Count} pools of {count} in groups of {groupSize}: ours mean {gaps.Average():P2}, worst {gaps.Max():P2}, optimal in {optimal} of {gaps.Count}; greedy mean {greedyGaps.Average():P2}, worst {greedyGaps.Max():P2}, {greedyGaps.Count(g => g >= 1)} with someone left out (exact solver {exactTime.TotalSeconds / Math.Max(1, gaps.Count):F2} s per pool)"));
        }
        return Task.FromResult(failures == 0 ? 0 : 1);
    }

    /// <summary>A fixed hash of a pair (HashCode is seeded per process; the exclusions must be the same every run).</summary>
    private static uint Mix(int seed, int a, int b)
    {
        var x = (uint)seed * 0x9E3779B1u ^ (uint)a * 0x85EBCA77u ^ (uint)b * 0xC2B2AE3Du;
        x ^= x >> 15;
        x *= 0x2C1B3C6Du;
        return x ^ (x >> 12);
    }

    /// <summary>Two to four tags per talk, drawn like the people's interests (a few topics are on many talks).</summary>
    private static string[] TagsOfTalk(int talk)
    {
        var random = new Random(talk);
        var topics = MatchingBenchmark.Pool(1, talk + 100_000)[0].Interests;
        return [.. topics.OrderBy(_ => random.Next()).Take(random.Next(2, 5))];
    }

    /// <summary>
    /// Each person watches 0–15 talks (popular ones more often, and mostly talks tagged with one of their interests),
    /// saves a fifth of them, and asks or upvotes a question on one talk in five they watched (four questions per
    /// talk, each naming one of the talk's tags).
    /// </summary>
    public static List<Peer> WithHistory(List<Peer> pool, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var popularity = Enumerable.Range(0, Talks).Select(rank => 1 / Math.Pow(rank + 1, 0.9)).ToArray();
        var total = popularity.Sum();
        var byTag = Enumerable.Range(0, Talks).SelectMany(t => TalkTags[t].Select(tag => (tag, t))).ToLookup(x => x.tag, x => x.t);
        return [.. pool.Select(person =>
        {
            var signals = new List<string>();
            var watched = new HashSet<int>();
            var count = random.Next(0, 16);
            for (var i = 0; i < count * 3 && watched.Count < count; i++)
            {
                int talk;
                if (random.NextDouble() < 0.7 && person.Interests.Count > 0)
                {
                    var onTopic = byTag[person.Interests.ElementAt(random.Next(person.Interests.Count))].ToArray();
                    talk = onTopic.Length > 0 ? onTopic[Math.Min(onTopic.Length - 1, (int)(onTopic.Length * Math.Pow(random.NextDouble(), 2)))] : random.Next(Talks);
                }
                else
                {
                    var x = random.NextDouble() * total;
                    talk = 0;
                    while (x > popularity[talk] && talk < Talks - 1)
                    {
                        x -= popularity[talk++];
                    }
                }
                watched.Add(talk);
            }
            foreach (var talk in watched)
            {
                var id = new Guid(talk, 0, 0, new byte[8]);
                signals.Add(SignalKeys.Watched(id));
                if (random.NextDouble() < 0.2)
                {
                    signals.Add(SignalKeys.Saved(id));
                }
                if (random.NextDouble() < 0.2)
                {
                    var question = random.Next(4);
                    signals.Add(SignalKeys.Question(new Guid(talk, (short)question, 1, new byte[8])));
                    signals.Add(SignalKeys.AskedAbout(id, TalkTags[talk][question % TalkTags[talk].Length]));
                }
            }
            return person with { Signals = signals };
        })];
    }

    private static double SharedSignalStats(List<Peer> pool)
    {
        var holders = pool.SelectMany((p, i) => p.Signals.Distinct().Select(s => (s, i))).GroupBy(x => x.s).Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(x => x.i)).ToHashSet();
        return holders.Count / (double)pool.Count;
    }
}
