namespace EventPlatform.Matching.Tests;

/// <summary>The library-signal component of compatibility: rarity-weighted, capped, explained, and the same however it is computed.</summary>
public sealed class LibrarySignalTests
{
    private static readonly Guid Crash = Guid.Parse("0195f0e0-0000-7000-8000-000000000001");
    private static readonly Guid Drift = Guid.Parse("0195f0e0-0000-7000-8000-000000000002");
    private static readonly Guid Serving = Guid.Parse("0195f0e0-0000-7000-8000-000000000003");
    private static readonly Guid Question = Guid.Parse("0195f0e0-0000-7000-8000-000000000004");

    private static readonly Dictionary<string, SignalLabel> Labels = new()
    {
        [SignalKeys.Watched(Crash)] = new(SignalKind.Watched, "Why ML models crash and burn in production", "Why ML models crash and burn in production"),
        [SignalKeys.Watched(Drift)] = new(SignalKind.Watched, "Monitoring drift", "Monitoring drift"),
        [SignalKeys.Watched(Serving)] = new(SignalKind.Watched, "Serving at scale", "Serving at scale"),
        [SignalKeys.Saved(Crash)] = new(SignalKind.Saved, "Why ML models crash and burn in production", "Why ML models crash and burn in production"),
        [SignalKeys.Question(Question)] = new(SignalKind.Question, "How do you detect drift without labels?", "Why ML models crash and burn in production"),
        [SignalKeys.AskedAbout(Crash, "drift-detection")] = new(SignalKind.AskedAbout, "drift-detection", "Why ML models crash and burn in production"),
    };

    private static Peer P(string name, params string[] signals) =>
        new(name, ["mlops"], [], TimeSpan.Zero) { Signals = signals };

    [Fact]
    public void Asking_about_the_same_topic_on_a_talk_scores_and_is_explained_in_words()
    {
        var pool = new[]
        {
            P("Ana", SignalKeys.Question(Question), SignalKeys.AskedAbout(Crash, "drift-detection"), SignalKeys.Watched(Crash)),
            P("Ben", SignalKeys.Question(Question), SignalKeys.AskedAbout(Crash, "drift-detection"), SignalKeys.Watched(Crash)),
            P("Cai", SignalKeys.Watched(Crash)),
            P("Dee"),
        };
        var model = new CompatibilityModel(pool, Labels);

        Assert.True(model.Score(0, 1) > model.Score(0, 2) && model.Score(0, 2) > model.Score(0, 3));
        Assert.Equal(0, model.SignalScore(0, 3));
        var reasons = model.Explain(0, 1).Reasons;
        Assert.Contains("you both asked about drift detection in 'Why ML models crash and burn in production'", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("want an answer", StringComparison.Ordinal)); // the topic on that talk says it
        Assert.Contains("you both want an answer to \u201cHow do you detect drift without labels?\u201d on 'Why ML models crash and burn in production'",
            new CompatibilityModel([pool[0] with { Signals = [SignalKeys.Question(Question)] }, pool[1] with { Signals = [SignalKeys.Question(Question)] }], Labels)
                .Explain(0, 1).Reasons);
        Assert.Contains("you both watched 'Why ML models crash and burn in production'", reasons);
        Assert.Equal(model.Explain(1, 0).Reasons.Where(r => r.Contains("both asked", StringComparison.Ordinal)), reasons.Where(r => r.Contains("both asked", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_rare_signal_counts_more_than_a_common_one_and_a_kind_by_its_weight()
    {
        // Everyone watched Crash; only Ana and Ben watched Drift; only Cai and Dee saved Crash.
        var pool = new[]
        {
            P("Ana", SignalKeys.Watched(Crash), SignalKeys.Watched(Drift)), P("Ben", SignalKeys.Watched(Crash), SignalKeys.Watched(Drift)),
            P("Cai", SignalKeys.Watched(Crash), SignalKeys.Saved(Crash)), P("Dee", SignalKeys.Watched(Crash), SignalKeys.Saved(Crash)),
        };
        var model = new CompatibilityModel(pool, Labels);
        var common = model.SignalScore(0, 2);
        Assert.Equal(0.5 * Math.Log(1 + 4.0 / 4), common, 9);
        Assert.Equal(common + 0.5 * Math.Log(1 + 4.0 / 2), model.SignalScore(0, 1), 9);
        Assert.Equal(common + 0.75 * Math.Log(1 + 4.0 / 2), model.SignalScore(2, 3), 9);
        Assert.Contains("you both saved 'Why ML models crash and burn in production'", model.Explain(2, 3).Reasons);
    }

    [Fact]
    public void The_signal_part_of_a_score_is_capped()
    {
        var shared = Enumerable.Range(0, 40).Select(i => SignalKeys.Watched(Guid.CreateVersion7())).ToArray();
        var pool = new[] { P("Ana", shared), P("Ben", shared), P("Cai"), P("Dee"), P("Eve"), P("Fay") };
        var model = new CompatibilityModel(pool);
        Assert.Equal(CompatibilityModel.SignalCap, model.SignalScore(0, 1));
        var reasons = model.Explain(0, 1).Reasons;
        Assert.DoesNotContain(reasons, r => r.Contains("watched", StringComparison.Ordinal)); // no words known: scored, not named
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 40)]
    [InlineData(3, 5)]
    public void Scoring_one_attendee_against_all_gives_the_pairwise_scores_with_signals(int seed, int talks)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, 300).Select(i => new Peer($"A{i}", [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => $"topic-{random.Next(30)}")],
            [], TimeSpan.FromHours(random.Next(-8, 10)))
        {
            Signals = [.. Enumerable.Range(0, random.Next(0, 25)).Select(_ => random.Next(4) switch
            {
                0 => SignalKeys.Saved(new Guid(random.Next(talks), 0, 0, new byte[8])),
                1 => SignalKeys.AskedAbout(new Guid(random.Next(talks), 0, 0, new byte[8]), $"topic-{random.Next(5)}"),
                _ => SignalKeys.Watched(new Guid(random.Next(talks), 0, 0, new byte[8])),
            })],
        }).ToList();
        var model = new CompatibilityModel(pool);
        var scores = new double[model.Count];
        for (var a = 0; a < model.Count; a++)
        {
            model.ScoreAll(a, scores);
            for (var b = 0; b < model.Count; b++)
            {
                if (b != a)
                {
                    Assert.Equal(model.Score(a, b), scores[b]);
                    Assert.Equal(model.Score(a, b), model.Score(b, a));
                }
            }
        }
    }
}
