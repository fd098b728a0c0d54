namespace EventPlatform.Matching;

/// <summary>
/// The keys of library signals: two people share a signal when they hold the same key. The prefix names the kind.
/// </summary>
public static class SignalKeys
{
    public static string Watched(Guid talkId) => $"watched:{talkId:N}";

    public static string Saved(Guid talkId) => $"saved:{talkId:N}";

    public static string Question(Guid questionId) => $"question:{questionId:N}";

    /// <summary>A topic asked about on one talk (by asking or upvoting a question that names it).</summary>
    public static string AskedAbout(Guid talkId, string topic) => $"about:{talkId:N}:{topic}";

    public static SignalKind KindOf(string key) => key switch
    {
        _ when key.StartsWith("about:", StringComparison.Ordinal) => SignalKind.AskedAbout,
        _ when key.StartsWith("question:", StringComparison.Ordinal) => SignalKind.Question,
        _ when key.StartsWith("saved:", StringComparison.Ordinal) => SignalKind.Saved,
        _ => SignalKind.Watched,
    };
}

/// <summary>
/// The library-signal part of compatibility: each signal held by at least two people of the pool weighs its kind's
/// weight times its rarity (inverse document frequency over the pool, as interests do), a pair scores the sum of the
/// signals both hold, capped at <see cref="CompatibilityModel.SignalCap"/>. Kept as an inverted index (who holds each
/// signal), so scoring one person against the whole pool costs the holders of their own signals, however many talks
/// the library has.
/// </summary>
internal sealed class LibrarySignals
{
    /// <summary>By <see cref="SignalKind"/>: asking about a topic on a talk says more than having watched it.</summary>
    private static readonly double[] KindWeight = [0.5, 0.75, 1.0, 1.0];

    private const int NamedPerReason = 3;

    [ThreadStatic] private static double[]? t_sums;

    private readonly int _count;
    private readonly int[][] _held;
    private readonly int[][] _holders;
    private readonly double[] _weight;
    private readonly string[] _keys;
    private readonly IReadOnlyDictionary<string, SignalLabel> _labels;

    public LibrarySignals(IReadOnlyList<Peer> pool, IReadOnlyDictionary<string, SignalLabel> labels)
    {
        _count = pool.Count;
        _labels = labels;
        var holders = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < pool.Count; i++)
        {
            foreach (var key in pool[i].Signals.Distinct(StringComparer.Ordinal))
            {
                if (!holders.TryGetValue(key, out var list))
                {
                    holders[key] = list = [];
                }
                list.Add(i);
            }
        }
        // A signal only one person holds can never be shared: left out.
        var shared = holders.Where(h => h.Value.Count >= 2).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        _keys = [.. shared.Select(h => h.Key)];
        _holders = [.. shared.Select(h => h.Value.ToArray())];
        _weight = [.. shared.Select(h => KindWeight[(int)SignalKeys.KindOf(h.Key)] * Math.Log(1 + (double)pool.Count / h.Value.Count))];
        var held = new List<int>[pool.Count];
        for (var s = 0; s < _holders.Length; s++)
        {
            foreach (var peer in _holders[s])
            {
                (held[peer] ??= []).Add(s);
            }
        }
        _held = [.. held.Select(h => h is null ? [] : h.ToArray())];
    }

    /// <summary>What the pair's shared signals add to its score.</summary>
    public double Shared(int a, int b)
    {
        int[] x = _held[a], y = _held[b];
        double total = 0;
        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (x[i] == y[j])
            {
                total += _weight[x[i]];
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return Math.Min(CompatibilityModel.SignalCap, total);
    }

    /// <summary>Adds <see cref="Shared"/>(a, b) to scores[b] for every b from <paramref name="first"/> on: only the holders of a's signals are visited.</summary>
    public void AddShared(int a, Span<double> scores, int first)
    {
        var mine = _held[a];
        if (mine.Length == 0)
        {
            return;
        }
        var sums = t_sums is { } existing && existing.Length >= _count ? existing : t_sums = new double[_count];
        foreach (var s in mine)
        {
            var holders = _holders[s];
            for (var i = LowerBound(holders, first); i < holders.Length; i++)
            {
                sums[holders[i]] += _weight[s];
            }
        }
        foreach (var s in mine)
        {
            var holders = _holders[s];
            for (var i = LowerBound(holders, first); i < holders.Length; i++)
            {
                var b = holders[i];
                if (sums[b] != 0)
                {
                    scores[b] += Math.Min(CompatibilityModel.SignalCap, sums[b]);
                    sums[b] = 0;
                }
            }
        }
    }

    /// <summary>The pair's shared signals in words, strongest kind first, the rarest of each kind named first.</summary>
    public IEnumerable<string> Reasons(int viewer, int other)
    {
        var shared = _held[viewer].Intersect(_held[other])
            .Select(s => (Weight: _weight[s], Label: _labels.TryGetValue(_keys[s], out var label) ? label : null))
            .Where(s => s.Label is not null)
            .OrderByDescending(s => s.Weight).ThenBy(s => s.Label!.Text, StringComparer.Ordinal)
            .Select(s => s.Label!)
            .ToList();
        // A shared question on a talk whose topic is already named says the same thing twice: the topic is kept.
        var topicTalks = shared.Where(l => l.Kind == SignalKind.AskedAbout).Select(l => l.Talk).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in new[] { SignalKind.AskedAbout, SignalKind.Question, SignalKind.Saved, SignalKind.Watched })
        {
            var ofKind = shared.Where(l => l.Kind == kind && !(kind == SignalKind.Question && topicTalks.Contains(l.Talk))).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }
            var first = ofKind[0];
            yield return kind switch
            {
                SignalKind.AskedAbout => $"you both asked about {first.Text.Replace('-', ' ')} in '{first.Talk}'",
                SignalKind.Question => $"you both want an answer to \u201c{Shorten(first.Text, 90)}\u201d on '{first.Talk}'",
                SignalKind.Saved => $"you both saved {Titles(ofKind)}",
                _ => $"you both watched {Titles(ofKind)}",
            };
        }
    }

    private static string Titles(List<SignalLabel> labels)
    {
        var named = labels.Take(NamedPerReason).Select(l => $"'{l.Text}'").ToList();
        return labels.Count > NamedPerReason
            ? $"{string.Join(", ", named)} and {labels.Count - NamedPerReason} more"
            : CompatibilityModel.Join(named);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "\u2026";

    private static int LowerBound(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
