namespace EventPlatform.Matching;

/// <summary>The result of a matching: <c>Mates[v]</c> is v's partner, or -1 when v is left single.</summary>
public sealed record MatchingResult(int[] Mates, long TotalWeight)
{
    /// <summary>Each pair once, lower vertex first.</summary>
    public IEnumerable<(int U, int V)> Pairs() =>
        Mates.Select((mate, v) => (U: v, V: mate)).Where(p => p.V > p.U);
}

/// <summary>
/// Maximum-weight matching in a general (non-bipartite) graph: Edmonds' blossom algorithm with the primal-dual
/// method, after Galil ("Efficient algorithms for finding maximum matching in graphs", ACM Computing Surveys, 1986),
/// with the blossom bookkeeping popularised by J. van Rantwijk. Unlike the classic O(n³) formulation, which drops
/// every label after each augmentation, rescans the whole graph and moves every dual one by one, the alternating
/// trees not on the augmenting path keep their labels, duals move lazily and the next dual step comes from priority
/// queues (see <see cref="BlossomSolver"/>), which is what makes sparse candidate graphs of thousands of attendees fast.
/// Exact for integer weights; deterministic for a given vertex count and edge order.
/// </summary>
public static class MaximumWeightMatching
{
    /// <summary>
    /// Pairs vertices 0..<paramref name="vertexCount"/>-1 so that the total weight of the chosen edges is as large as
    /// possible. Edges with weight ≤ 0 are never worth choosing; a repeated pair keeps its largest weight.
    /// </summary>
    public static MatchingResult Solve(int vertexCount, IEnumerable<WeightedEdge> edges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vertexCount);
        var list = Distinct(vertexCount, edges);
        var mates = list.Length == 0 ? Enumerable.Repeat(-1, vertexCount).ToArray() : new BlossomSolver(vertexCount, list).Run();
        long total = 0;
        foreach (var edge in list)
        {
            if (mates[edge.U] == edge.V)
            {
                total += edge.Weight;
            }
        }
        return new MatchingResult(mates, total);
    }

    /// <summary>
    /// The edges worth choosing, each pair once with its largest weight, lower vertex first. A list already in that
    /// shape (a candidate graph is) is taken as it is, without building a dictionary of a quarter of a million pairs.
    /// </summary>
    private static WeightedEdge[] Distinct(int vertexCount, IEnumerable<WeightedEdge> edges)
    {
        var all = edges as WeightedEdge[] ?? [.. edges];
        var canonical = true;
        for (var i = 0; i < all.Length; i++)
        {
            var edge = all[i];
            if (edge.U == edge.V)
            {
                throw new ArgumentException($"Edge ({edge.U}, {edge.V}) is a loop.", nameof(edges));
            }
            if ((uint)edge.U >= (uint)vertexCount || (uint)edge.V >= (uint)vertexCount)
            {
                throw new ArgumentException($"Edge ({edge.U}, {edge.V}) names a vertex outside 0..{vertexCount - 1}.", nameof(edges));
            }
            canonical &= edge.U < edge.V && edge.Weight > 0 && (i == 0 || (all[i - 1].U, all[i - 1].V).CompareTo((edge.U, edge.V)) < 0);
        }
        if (canonical)
        {
            return all;
        }
        var unique = new Dictionary<(int, int), long>();
        foreach (var edge in all.Where(e => e.Weight > 0))
        {
            var key = edge.U < edge.V ? (edge.U, edge.V) : (edge.V, edge.U);
            unique[key] = unique.TryGetValue(key, out var existing) ? Math.Max(existing, edge.Weight) : edge.Weight;
        }
        return [.. unique.Select(e => new WeightedEdge(e.Key.Item1, e.Key.Item2, e.Value))];
    }

    /// <summary>The weight of a matching over the given edges (each pair counted once).</summary>
    public static long TotalWeight(int[] mates, IEnumerable<WeightedEdge> edges)
    {
        var best = new Dictionary<(int, int), long>();
        foreach (var e in edges)
        {
            var key = e.U < e.V ? (e.U, e.V) : (e.V, e.U);
            best[key] = best.TryGetValue(key, out var w) ? Math.Max(w, e.Weight) : e.Weight;
        }
        long total = 0;
        for (var v = 0; v < mates.Length; v++)
        {
            if (mates[v] > v)
            {
                total += best[(v, mates[v])];
            }
        }
        return total;
    }
}
