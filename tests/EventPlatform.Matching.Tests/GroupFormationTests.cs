namespace EventPlatform.Matching.Tests;

/// <summary>Groups of 3 or 4: sizes, exclusions kept, never worse than greedy, close to the exact optimum on small pools.</summary>
public sealed class GroupFormationTests
{
    private static List<Peer> RandomPool(int size, int seed)
    {
        var random = new Random(seed);
        string[] intents = ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];
        return [.. Enumerable.Range(0, size).Select(i => new Peer($"A{i}",
            [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => $"topic-{random.Next(12)}")],
            [.. intents.Where(_ => random.Next(4) == 0)], TimeSpan.FromHours(random.Next(-8, 10)))
        {
            Signals = [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => SignalKeys.Watched(new Guid(random.Next(30), 0, 0, new byte[8])))],
        })];
    }

    /// <summary>A fixed share of pairs that may not meet (a fixed hash: HashCode is seeded per process).</summary>
    private static Func<int, int, bool> RandomExclusions(int seed, int percent) => (a, b) =>
    {
        var x = (uint)seed * 0x9E3779B1u ^ (uint)a * 0x85EBCA77u ^ (uint)b * 0xC2B2AE3Du;
        x ^= x >> 15;
        x *= 0x2C1B3C6Du;
        return (x ^ (x >> 12)) % 100 < percent;
    };

    [Theory]
    [InlineData(12, 4, new[] { 4, 4, 4 })]
    [InlineData(13, 4, new[] { 4, 3, 3, 3 })]
    [InlineData(14, 4, new[] { 4, 4, 3, 3 })]
    [InlineData(15, 4, new[] { 4, 4, 4, 3 })]
    [InlineData(6, 4, new[] { 3, 3 })]
    [InlineData(10, 3, new[] { 3, 3, 4 })]
    [InlineData(11, 3, new[] { 3, 4, 4 })]
    [InlineData(5, 3, new[] { 3 })]
    [InlineData(5, 4, new[] { 4 })]
    [InlineData(2, 3, new int[0])]
    public void Sizes_keep_to_3_or_4_and_place_everyone_from_6_people(int count, int size, int[] expected) =>
        Assert.Equal(expected, GroupFormation.Sizes(count, size));

    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(4, 6)]
    [InlineData(4, 7)]
    [InlineData(4, 8)]
    public void Groups_never_hold_an_excluded_pair_and_beat_or_equal_greedy(int size, int seed)
    {
        var model = new CompatibilityModel(RandomPool(300, seed));
        var excluded = RandomExclusions(seed, 10);
        var candidates = CandidateGraph.Build(model, 10, excluded);

        var greedy = GroupFormation.Greedy(model, size, candidates, excluded);
        var solved = GroupFormation.Solve(model, size, candidates, excluded, seed);

        Assert.True(solved.Total >= greedy.Total, $"{solved.Total} < greedy {greedy.Total}");
        foreach (var result in new[] { greedy, solved })
        {
            Assert.All(result.Groups, g => Assert.InRange(g.Length, GroupFormation.MinSize, GroupFormation.MaxSize));
            Assert.All(result.Groups, g => Assert.DoesNotContain(g.SelectMany(a => g.Where(b => a < b).Select(b => (a, b))), p => excluded(p.a, p.b)));
            var everyone = result.Groups.SelectMany(g => g).Concat(result.Unplaced).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 300), everyone);
            Assert.Equal(result.Groups.Sum(g => g.SelectMany(a => g.Where(b => a < b).Select(b => model.Score(a, b))).Sum()), result.Total, 6);
        }
        Assert.Empty(solved.Unplaced);
    }

    [Theory]
    [InlineData(3, 9)]
    [InlineData(4, 12)]
    [InlineData(3, 12)]
    [InlineData(4, 10)]
    public void On_small_pools_the_heuristic_is_within_a_few_percent_of_the_exact_optimum(int size, int count)
    {
        var gaps = new List<double>();
        for (var seed = 1; seed <= 20; seed++)
        {
            var model = new CompatibilityModel(RandomPool(count, seed));
            var excluded = RandomExclusions(seed, 5);
            var exact = GroupFormation.Exact(model, size, excluded);
            if (exact is null)
            {
                continue;
            }
            var solved = GroupFormation.Solve(model, size, CandidateGraph.Complete(model, excluded), excluded, seed);
            Assert.Empty(solved.Unplaced);
            Assert.Equal(exact.Groups.Select(g => g.Length).Order(), solved.Groups.Select(g => g.Length).Order());
            Assert.True(solved.Total <= exact.Total + 1e-6, "nothing beats the optimum");
            gaps.Add((exact.Total - solved.Total) / exact.Total);
        }
        Assert.NotEmpty(gaps);
        Assert.True(gaps.Average() < 0.02, $"average gap {gaps.Average():P2}");
        Assert.True(gaps.Max() < 0.08, $"worst gap {gaps.Max():P2}");
    }

    [Fact]
    public void The_exact_solver_finds_the_obvious_split()
    {
        // Three cliques of four who share a rare interest each; nobody across cliques shares anything.
        var pool = Enumerable.Range(0, 12).Select(i => new Peer($"P{i}", [$"clique-{i / 4}"], [], TimeSpan.FromHours(i / 4 * 8))).ToList();
        var model = new CompatibilityModel(pool);
        var exact = GroupFormation.Exact(model, 4)!;
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], exact.Groups.OrderBy(g => g[0]));
        var solved = GroupFormation.Solve(model, 4, CandidateGraph.Build(model, 5));
        Assert.Equal(exact.Total, solved.Total, 6);
    }
}
