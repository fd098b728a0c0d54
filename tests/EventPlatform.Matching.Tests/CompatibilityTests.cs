namespace EventPlatform.Matching.Tests;

public sealed class CompatibilityTests
{
    private static Peer P(string name, string[] interests, string[]? intents = null, double utcOffsetHours = 0) =>
        new(name, interests, intents ?? [], TimeSpan.FromHours(utcOffsetHours));

    [Fact]
    public void A_rare_shared_interest_counts_more_than_a_common_one()
    {
        // Everyone lists mlops; only Ana and Ben list feature-stores.
        var pool = new[]
        {
            P("Ana", ["mlops", "feature-stores"]), P("Ben", ["mlops", "feature-stores"]), P("Cai", ["mlops"]), P("Dee", ["mlops"]),
        };
        var model = new CompatibilityModel(pool);
        Assert.True(model.Score(0, 1) > model.Score(2, 3));
        Assert.True(model.Score(0, 1) - model.Score(0, 2) > model.Score(2, 3) - 1, "feature-stores adds more than mlops");
    }

    [Fact]
    public void Complementary_intents_add_a_bonus_and_are_explained_from_each_side()
    {
        var pool = new[] { P("Ana", ["nlp"], ["hiring"]), P("Ben", ["nlp"], ["job-seeking"]), P("Cai", ["nlp"], ["hiring"]) };
        var model = new CompatibilityModel(pool);

        Assert.Equal(model.Score(0, 2) + CompatibilityModel.IntentBonus, model.Score(0, 1), 6);
        Assert.Contains("you are hiring and Ben is looking for a job", model.Explain(0, 1).Reasons);
        Assert.Contains("Ana is hiring and you are looking for a job", model.Explain(1, 0).Reasons);
        Assert.Contains("you both work on nlp", model.Explain(1, 0).Reasons);
    }

    [Fact]
    public void Working_hours_overlap_follows_time_zones()
    {
        var pool = new[] { P("Lisbon", ["nlp"], utcOffsetHours: 0), P("Berlin", ["nlp"], utcOffsetHours: 1), P("Tokyo", ["nlp"], utcOffsetHours: 9), P("Porto", ["nlp"]) };
        var model = new CompatibilityModel(pool);

        Assert.Contains("you keep the same working hours", model.Explain(0, 3).Reasons);
        Assert.Contains("your working days overlap by 8 hours", model.Explain(0, 1).Reasons);
        Assert.DoesNotContain(model.Explain(0, 2).Reasons, r => r.Contains("overlap", StringComparison.Ordinal));
        Assert.True(model.Score(0, 3) > model.Score(0, 1) && model.Score(0, 1) > model.Score(0, 2));
    }

    [Fact]
    public void The_candidate_graph_keeps_each_attendees_top_k_and_leaves_out_excluded_pairs()
    {
        var pool = Enumerable.Range(0, 40).Select(i => P($"A{i}", i % 2 == 0 ? ["nlp", "python"] : ["python"], utcOffsetHours: i % 5)).ToList();
        var model = new CompatibilityModel(pool);

        var edges = CandidateGraph.Build(model, 3, excluded: (a, b) => a == 0 && b == 2);

        Assert.DoesNotContain(edges, e => (e.U, e.V) == (0, 2));
        Assert.All(edges, e => Assert.True(e.U < e.V));
        Assert.Equal(edges.Length, edges.Distinct().Count());
        // Each attendee offers at most k edges of its own; the union can hold more per vertex, never fewer than k.
        var degree = new int[40];
        foreach (var e in edges)
        {
            degree[e.U]++;
            degree[e.V]++;
        }
        Assert.All(degree, d => Assert.True(d >= 3));
        Assert.Equal(CandidateGraph.Build(model, 3, (a, b) => a == 0 && b == 2), edges);
    }

    /// <summary>A pool drawn at random from <paramref name="topics"/> topics, all intents and a spread of time zones.</summary>
    private static List<Peer> RandomPool(int size, int topics, int seed)
    {
        var random = new Random(seed);
        string[] intents = ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];
        return [.. Enumerable.Range(0, size).Select(i => P($"A{i}",
            [.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => $"topic-{random.Next(topics)}")],
            [.. intents.Where(_ => random.Next(4) == 0)],
            random.Next(-20, 25) / 2.0))];
    }

    [Theory]
    [InlineData(12, 1)]
    [InlineData(64, 2)]
    [InlineData(200, 3)]
    public void Scoring_one_attendee_against_all_gives_the_pairwise_scores(int topics, int seed)
    {
        var model = new CompatibilityModel(RandomPool(150, topics, seed));
        var scores = new double[model.Count];
        for (var a = 0; a < model.Count; a++)
        {
            model.ScoreAll(a, scores);
            for (var b = 0; b < model.Count; b++)
            {
                Assert.Equal(model.Score(a, b), scores[b]);
                Assert.Equal(model.Score(a, b), model.Score(b, a));
            }
        }
    }

    [Theory]
    [InlineData(1, 3, 120)]
    [InlineData(2, 10, 120)]
    [InlineData(3, 30, 120)]
    [InlineData(4, 5, 700)] // big enough to be split between cores
    public void The_candidate_graph_is_the_union_of_everyones_top_k_by_weight_then_lower_index(int seed, int k, int size)
    {
        var model = new CompatibilityModel(RandomPool(size, 20, seed));
        bool Excluded(int a, int b) => (a * 31 + b) % 7 == 0;

        var expected = new HashSet<WeightedEdge>();
        for (var a = 0; a < model.Count; a++)
        {
            var best = Enumerable.Range(0, model.Count)
                .Where(b => b != a && !Excluded(Math.Min(a, b), Math.Max(a, b)))
                .Select(b => (B: b, Weight: CandidateGraph.Weight(model.Score(a, b))))
                .Where(c => c.Weight > 0)
                .OrderByDescending(c => c.Weight).ThenBy(c => c.B)
                .Take(k);
            foreach (var (b, weight) in best)
            {
                expected.Add(new WeightedEdge(Math.Min(a, b), Math.Max(a, b), weight));
            }
        }

        var edges = CandidateGraph.Build(model, k, Excluded);
        Assert.Equal(expected.OrderBy(e => e.U).ThenBy(e => e.V), edges);
    }

    [Fact]
    public void A_complete_graph_round_pairs_everyone_when_the_pool_is_even()
    {
        var pool = Enumerable.Range(0, 40).Select(i => P($"A{i}", [i % 3 == 0 ? "nlp" : "python", "mlops"], i % 4 == 0 ? ["hiring"] : ["job-seeking"], i % 7)).ToList();
        var model = new CompatibilityModel(pool);
        var result = MaximumWeightMatching.Solve(40, CandidateGraph.Complete(model));
        Assert.All(result.Mates, m => Assert.True(m >= 0));
    }
}
