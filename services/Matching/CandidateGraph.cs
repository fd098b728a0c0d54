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

    public static WeightedEdge[] Build(CompatibilityModel model, int candidatesPerAttendee, Func<int, int, bool>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidatesPerAttendee);
        var n = model.Count;
        // Per attendee, a min-heap of its best candidates so far (priority: weight, then the lower index wins).
        var best = new PriorityQueue<int, (long Weight, int Tiebreak)>[n];
        for (var i = 0; i < n; i++)
        {
            best[i] = new PriorityQueue<int, (long, int)>(candidatesPerAttendee + 1);
        }
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                var weight = Weight(model.Score(a, b));
                if (weight <= 0 || (excluded is not null && excluded(a, b)))
                {
                    continue;
                }
                Offer(best[a], b, weight, candidatesPerAttendee);
                Offer(best[b], a, weight, candidatesPerAttendee);
            }
        }
        var edges = new HashSet<WeightedEdge>();
        for (var a = 0; a < n; a++)
        {
            while (best[a].TryDequeue(out var b, out var priority))
            {
                edges.Add(new WeightedEdge(Math.Min(a, b), Math.Max(a, b), priority.Weight));
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

    private static void Offer(PriorityQueue<int, (long Weight, int Tiebreak)> heap, int candidate, long weight, int k)
    {
        // Higher index loses ties: the tiebreak is the negated index, so the heap's minimum is the one to drop.
        var priority = (weight, -candidate);
        if (heap.Count < k)
        {
            heap.Enqueue(candidate, priority);
        }
        else if (heap.TryPeek(out _, out var worst) && priority.CompareTo(worst) > 0)
        {
            heap.DequeueEnqueue(candidate, priority);
        }
    }
}
