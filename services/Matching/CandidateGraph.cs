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
    /// is true. Attendees are scored on all cores, each against the whole pool; the result does not depend on that.
    /// </summary>
    public static WeightedEdge[] Build(CompatibilityModel model, int candidatesPerAttendee, Func<int, int, bool>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidatesPerAttendee);
        var n = model.Count;
        var best = new int[n][];
        var weights = new long[n][];
        Parallel.For(0, n,
            () => (Scores: new double[n], Heap: new PriorityQueue<int, (long Weight, int Tiebreak)>(candidatesPerAttendee + 1)),
            (a, state, scratch) =>
            {
                model.ScoreAll(a, scratch.Scores);
                var heap = scratch.Heap;
                // The weakest candidate kept so far; while the heap is not full, anything positive gets in.
                var worst = (Weight: 0L, Tiebreak: int.MinValue);
                for (var b = 0; b < n; b++)
                {
                    var weight = Weight(scratch.Scores[b]);
                    // Higher index loses ties: the tiebreak is the negated index, so the heap's minimum is the one to drop.
                    var priority = (weight, -b);
                    if (weight <= 0 || priority.CompareTo(worst) <= 0 || b == a
                        || (excluded is not null && excluded(Math.Min(a, b), Math.Max(a, b))))
                    {
                        continue;
                    }
                    if (heap.Count < candidatesPerAttendee)
                    {
                        heap.Enqueue(b, priority);
                    }
                    else
                    {
                        heap.DequeueEnqueue(b, priority);
                    }
                    if (heap.Count == candidatesPerAttendee)
                    {
                        heap.TryPeek(out _, out worst);
                    }
                }
                best[a] = new int[heap.Count];
                weights[a] = new long[heap.Count];
                for (var i = 0; heap.TryDequeue(out var b, out var priority); i++)
                {
                    (best[a][i], weights[a][i]) = (b, priority.Weight);
                }
                return scratch;
            },
            _ => { });

        // A pair appears once even when both chose each other.
        var edges = new List<WeightedEdge>(n * candidatesPerAttendee);
        for (var a = 0; a < n; a++)
        {
            for (var i = 0; i < best[a].Length; i++)
            {
                var b = best[a][i];
                if (a < b || Array.IndexOf(best[b], a) < 0)
                {
                    edges.Add(new WeightedEdge(Math.Min(a, b), Math.Max(a, b), weights[a][i]));
                }
            }
        }
        return [.. edges.OrderBy(e => e.U).ThenBy(e => e.V)];
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
}
