using System.Runtime.CompilerServices;

namespace EventPlatform.Matching;

/// <summary>
/// The sparse graph a round matches on: each attendee's top-k most compatible peers (by score, then index, so the
/// graph is deterministic), minus excluded pairs, with scores turned into integer weights.
/// </summary>
public static class CandidateGraph
{
    /// <summary>Scores are multiplied by this before rounding, so weights keep three decimals.</summary>
    public const double WeightScale = 1000;

    public static long Weight(double score) => (long)Math.Round(score * WeightScale);

    /// <summary>
    /// Each attendee's <paramref name="candidatesPerAttendee"/> best-scoring peers with a positive weight, leaving out
    /// pairs for which <paramref name="excluded"/>(a, b) (called with a &lt; b, possibly from several threads at once)
    /// is true. Every pair is scored once; the pool is split between the cores, each keeping its own top-k per
    /// attendee, and those are merged at the end; the result does not depend on the split.
    /// </summary>
    public static WeightedEdge[] Build(CompatibilityModel model, int candidatesPerAttendee, Func<int, int, bool>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidatesPerAttendee);
        var n = model.Count;
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 64));
        var partial = new TopK[workers];
        // One worker per core (more would only take turns on the same cores); rows interleaved, since row a scores n-a-1 pairs.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var top = partial[worker] = new TopK(n, candidatesPerAttendee);
            var scores = new double[n];
            for (var a = worker; a < n; a += workers)
            {
                model.ScoreAll(a, scores, first: a + 1);
                top.OfferRow(a, scores, excluded);
            }
        });

        // A pair appears once even when both chose each other.
        var edges = new List<WeightedEdge>(n * candidatesPerAttendee);
        var merged = new (long Weight, int Candidate)[workers * candidatesPerAttendee];
        for (var a = 0; a < n; a++)
        {
            var count = 0;
            foreach (var top in partial)
            {
                count += top.CopyTo(a, merged.AsSpan(count));
            }
            var mine = merged.AsSpan(0, count);
            mine.Sort(static (x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Candidate.CompareTo(y.Candidate));
            foreach (var (weight, b) in mine[..Math.Min(count, candidatesPerAttendee)])
            {
                edges.Add(new WeightedEdge(Math.Min(a, b), Math.Max(a, b), weight));
            }
        }
        edges.Sort(static (x, y) => (x.U, x.V).CompareTo((y.U, y.V)));
        var distinct = new List<WeightedEdge>(edges.Count);
        foreach (var edge in edges)
        {
            if (distinct.Count == 0 || (distinct[^1].U, distinct[^1].V) != (edge.U, edge.V))
            {
                distinct.Add(edge);
            }
        }
        return [.. distinct];
    }

    /// <summary>Every pair with a positive score: the complete graph, for small pools and for comparisons.</summary>
    public static WeightedEdge[] Complete(CompatibilityModel model, Func<int, int, bool>? excluded = null)
    {
        var edges = new List<WeightedEdge>();
        for (var a = 0; a < model.Count; a++)
        {
            for (var b = a + 1; b < model.Count; b++)
            {
                var weight = Weight(model.Score(a, b));
                if (weight > 0 && (excluded is null || !excluded(a, b)))
                {
                    edges.Add(new WeightedEdge(a, b, weight));
                }
            }
        }
        return [.. edges];
    }

    /// <summary>
    /// The best k candidates of every attendee among the pairs one worker scored: per attendee a binary min-heap
    /// (weakest on top: lower weight, then higher index) in flat arrays.
    /// </summary>
    private sealed class TopK(int n, int k)
    {
        private readonly int[] _candidate = new int[n * k];
        private readonly long[] _weight = new long[n * k];
        private readonly int[] _count = new int[n];

        // Each heap's weakest entry, kept apart in small dense arrays: almost every offer is turned away by it, and
        // these stay in cache while the heaps do not.
        private readonly long[] _weakestWeight = new long[n];
        private readonly int[] _weakestCandidate = new int[n];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void OfferRow(int a, double[] scores, Func<int, int, bool>? excluded)
        {
            for (var b = a + 1; b < scores.Length; b++)
            {
                var weight = Weight(scores[b]);
                if (weight <= 0)
                {
                    continue;
                }
                var forA = Beats(a, weight, b);
                var forB = Beats(b, weight, a);
                if ((!forA && !forB) || (excluded is not null && excluded(a, b)))
                {
                    continue;
                }
                if (forA)
                {
                    Keep(a, weight, b);
                }
                if (forB)
                {
                    Keep(b, weight, a);
                }
            }
        }

        public int CopyTo(int v, Span<(long Weight, int Candidate)> into)
        {
            var count = _count[v];
            for (var i = 0; i < count; i++)
            {
                into[i] = (_weight[v * k + i], _candidate[v * k + i]);
            }
            return count;
        }

        /// <summary>Whether candidate c (at this weight) would make v's top k.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Beats(int v, long weight, int c) =>
            _count[v] < k || Weaker(_weakestWeight[v], _weakestCandidate[v], weight, c);

        private static bool Weaker(long weight, int candidate, long otherWeight, int otherCandidate) =>
            weight < otherWeight || (weight == otherWeight && candidate > otherCandidate);

        private void Keep(int v, long weight, int c)
        {
            var root = v * k;
            int i;
            if (_count[v] < k)
            {
                // Sift up from the new last place.
                i = _count[v]++;
                while (i > 0)
                {
                    var parent = (i - 1) / 2;
                    if (!Weaker(weight, c, _weight[root + parent], _candidate[root + parent]))
                    {
                        break;
                    }
                    (_weight[root + i], _candidate[root + i]) = (_weight[root + parent], _candidate[root + parent]);
                    i = parent;
                }
            }
            else
            {
                // Replace the weakest and sift down.
                i = 0;
                while (true)
                {
                    var child = 2 * i + 1;
                    if (child >= k)
                    {
                        break;
                    }
                    if (child + 1 < k && Weaker(_weight[root + child + 1], _candidate[root + child + 1], _weight[root + child], _candidate[root + child]))
                    {
                        child++;
                    }
                    if (!Weaker(_weight[root + child], _candidate[root + child], weight, c))
                    {
                        break;
                    }
                    (_weight[root + i], _candidate[root + i]) = (_weight[root + child], _candidate[root + child]);
                    i = child;
                }
            }
            (_weight[root + i], _candidate[root + i]) = (weight, c);
            (_weakestWeight[v], _weakestCandidate[v]) = (_weight[root], _candidate[root]);
        }
    }
}
