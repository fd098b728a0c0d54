using FsCheck;
using FsCheck.Xunit;

namespace EventPlatform.Matching.Tests;

public sealed class MaximumWeightMatchingTests
{
    /// <summary>A random graph: n vertices, each pair an edge with the given probability, weights 1..maxWeight.</summary>
    internal static WeightedEdge[] RandomGraph(int seed, int n, double density, int maxWeight)
    {
        var random = new Random(seed);
        var edges = new List<WeightedEdge>();
        for (var u = 0; u < n; u++)
        {
            for (var v = u + 1; v < n; v++)
            {
                if (random.NextDouble() < density)
                {
                    edges.Add(new WeightedEdge(u, v, random.Next(1, maxWeight + 1)));
                }
            }
        }
        return [.. edges];
    }

    /// <summary>The optimum by exhaustive search over subsets of vertices (dynamic programming, n ≤ 16).</summary>
    internal static long BruteForceOptimum(int n, WeightedEdge[] edges)
    {
        var weight = new long[n, n];
        foreach (var e in edges)
        {
            weight[e.U, e.V] = weight[e.V, e.U] = Math.Max(weight[e.U, e.V], e.Weight);
        }
        var best = new long[1 << n];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var v = System.Numerics.BitOperations.TrailingZeroCount(mask);
            var rest = mask & ~(1 << v);
            var value = best[rest]; // v stays single
            for (var u = v + 1; u < n; u++)
            {
                if ((rest & (1 << u)) != 0 && weight[v, u] > 0)
                {
                    value = Math.Max(value, weight[v, u] + best[rest & ~(1 << u)]);
                }
            }
            best[mask] = value;
        }
        return best[(1 << n) - 1];
    }

    internal static void AssertValidMatching(int n, WeightedEdge[] edges, MatchingResult result)
    {
        Assert.Equal(n, result.Mates.Length);
        var present = edges.Select(e => (Math.Min(e.U, e.V), Math.Max(e.U, e.V))).ToHashSet();
        for (var v = 0; v < n; v++)
        {
            var mate = result.Mates[v];
            if (mate >= 0)
            {
                Assert.Equal(v, result.Mates[mate]);
                Assert.Contains((Math.Min(v, mate), Math.Max(v, mate)), present);
            }
        }
        Assert.Equal(MaximumWeightMatching.TotalWeight(result.Mates, edges), result.TotalWeight);
    }

    [Property(MaxTest = 1500)]
    public void Small_random_graphs_get_a_valid_matching_of_optimal_weight(int seed, PositiveInt size, PositiveInt maxWeight)
    {
        var n = 1 + size.Get % 14;
        var density = new Random(seed).NextDouble();
        var edges = RandomGraph(seed, n, density, 1 + maxWeight.Get % 50);

        var result = MaximumWeightMatching.Solve(n, edges);

        AssertValidMatching(n, edges, result);
        Assert.Equal(BruteForceOptimum(n, edges), result.TotalWeight);
    }

    [Property(MaxTest = 300)]
    public void Graphs_with_equal_and_large_weights_are_solved_exactly(int seed, PositiveInt size)
    {
        // Many ties (weights 1..3) stress blossom creation and expansion; large weights check the arithmetic.
        var n = 2 + size.Get % 14;
        var edges = RandomGraph(seed, n, 0.6, 3)
            .Select((e, i) => i % 2 == 0 ? e : e with { Weight = e.Weight * 1_000_000_007L })
            .ToArray();

        var result = MaximumWeightMatching.Solve(n, edges);

        AssertValidMatching(n, edges, result);
        Assert.Equal(BruteForceOptimum(n, edges), result.TotalWeight);
    }

    [Fact]
    public void A_triangle_with_a_tail_needs_a_blossom()
    {
        // The heaviest edge (0,1) is not in the optimum: 1-2 and 0-3 together weigh more.
        var edges = new WeightedEdge[] { new(0, 1, 10), new(1, 2, 8), new(0, 2, 8), new(0, 3, 4) };
        var result = MaximumWeightMatching.Solve(4, edges);
        Assert.Equal(12, result.TotalWeight);
        Assert.Equal([3, 2, 1, 0], result.Mates);
    }

    [Fact]
    public void It_prefers_weight_over_cardinality()
    {
        var edges = new WeightedEdge[] { new(0, 1, 1), new(1, 2, 10), new(2, 3, 1) };
        var result = MaximumWeightMatching.Solve(4, edges);
        Assert.Equal([-1, 2, 1, -1], result.Mates);
    }

    [Fact]
    public void Empty_graphs_loops_and_bad_vertices()
    {
        Assert.Equal([-1, -1, -1], MaximumWeightMatching.Solve(3, []).Mates);
        Assert.Equal([-1, -1], MaximumWeightMatching.Solve(2, [new(0, 1, 0), new(1, 0, -5)]).Mates);
        Assert.Throws<ArgumentException>(() => MaximumWeightMatching.Solve(2, [new(1, 1, 3)]));
        Assert.Throws<ArgumentException>(() => MaximumWeightMatching.Solve(2, [new(0, 2, 3)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaximumWeightMatching.Solve(-1, []));
    }

    [Fact]
    public void A_repeated_pair_keeps_its_largest_weight()
    {
        var result = MaximumWeightMatching.Solve(2, [new(0, 1, 3), new(1, 0, 7)]);
        Assert.Equal(7, result.TotalWeight);
    }

    [Fact]
    public void The_same_graph_gives_the_same_matching()
    {
        var edges = RandomGraph(7, 300, 0.05, 1000);
        Assert.Equal(MaximumWeightMatching.Solve(300, edges).Mates, MaximumWeightMatching.Solve(300, edges).Mates);
    }

    [Fact]
    public void Larger_graphs_get_a_valid_matching_at_least_as_heavy_as_the_greedy_one()
    {
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var edges = RandomGraph(seed, 200, 0.08, 100);
            var result = MaximumWeightMatching.Solve(200, edges);
            AssertValidMatching(200, edges, result);
            Assert.True(result.TotalWeight >= Greedy(200, edges), "the optimum is at least the greedy matching");
        }
    }

    private static long Greedy(int n, WeightedEdge[] edges)
    {
        var used = new bool[n];
        long total = 0;
        foreach (var e in edges.OrderByDescending(e => e.Weight))
        {
            if (!used[e.U] && !used[e.V])
            {
                used[e.U] = used[e.V] = true;
                total += e.Weight;
            }
        }
        return total;
    }
}
