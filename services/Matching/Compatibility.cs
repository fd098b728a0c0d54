using System.Numerics;
using System.Runtime.CompilerServices;

namespace EventPlatform.Matching;

/// <summary>What matching needs to know of one attendee; <see cref="Signals"/> are the keys of what they did in the talk library.</summary>
public sealed record Peer(string Name, IReadOnlyCollection<string> Interests, IReadOnlyCollection<string> Intents, TimeSpan UtcOffset)
{
    public IReadOnlyCollection<string> Signals { get; init; } = [];
}

/// <summary>What people do in the talk library, from weakest to strongest as a sign of a shared concern.</summary>
public enum SignalKind { Watched, Saved, Question, AskedAbout }

/// <summary>
/// The words of one library signal for reasons: the talk's title (watched, saved), the question's text and talk
/// (question), or the topic and talk (asked about).
/// </summary>
public sealed record SignalLabel(SignalKind Kind, string Text, string Talk);

/// <summary>How well two attendees fit, and why, in words they can read.</summary>
public sealed record Compatibility(double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Scores pairs of a pool. Shared interests count by rarity (inverse document frequency over the pool: two people who
/// both work on a niche topic have more to talk about than two who both list the topic everyone lists);
/// complementary intents (hiring ↔ job-seeking, mentoring ↔ seeking-mentor, collaborating ↔ collaborating) add a
/// fixed bonus; the overlap of their working hours (09:00–18:00 local) adds up to one point; and what both did in the
/// talk library (the same talks watched or saved, the same question asked or upvoted, the same topic asked about on a
/// talk) adds the rarity of each shared signal times its kind's weight, up to <see cref="SignalCap"/> in all.
/// </summary>
public sealed class CompatibilityModel
{
    public const double IntentBonus = 2.0;
    public const int WorkdayStartHour = 9;
    public const int WorkdayHours = 9;

    /// <summary>The most shared library signals add to a pair's score: they count, without drowning interests and intents.</summary>
    public const double SignalCap = 4.0;

    private static readonly (string Wants, string Offers, string YouOffer, string TheyOffer)[] Complements =
    [
        ("job-seeking", "hiring", "you are hiring and {0} is looking for a job", "{0} is hiring and you are looking for a job"),
        ("seeking-mentor", "mentoring", "you mentor and {0} is looking for a mentor", "{0} mentors and you are looking for a mentor"),
        ("collaborating", "collaborating", "you both want to collaborate", "you both want to collaborate"),
    ];

    private readonly IReadOnlyList<Peer> _pool;
    private readonly string[] _topics;
    private readonly double[] _rarity;
    private readonly int[][] _interests;
    private readonly int[] _intents;
    private readonly int[] _offsetMinutes;

    // For scoring many pairs fast: interests as bit sets (_words 64-bit words per attendee) with the summed rarity
    // of each byte's topic combinations, the intent bonus per pair of intent masks, and the hours overlap per pair of
    // distinct UTC offsets.
    private readonly int _words;
    private readonly ulong[] _interestBits;
    private readonly int _bytes;
    private readonly double[] _rarityByByte;
    private readonly double[] _intentBonus;
    private readonly int[] _offsetIndex;
    private readonly double[][] _hoursOverlap;
    private readonly LibrarySignals _signals;

    /// <param name="labels">The words of the library signals, by key, for reasons (a signal without one is scored but not named).</param>
    public CompatibilityModel(IReadOnlyList<Peer> pool, IReadOnlyDictionary<string, SignalLabel>? labels = null)
    {
        _pool = pool;
        _signals = new LibrarySignals(pool, labels ?? new Dictionary<string, SignalLabel>());
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequency = new List<int>();
        _interests = new int[pool.Count][];
        for (var i = 0; i < pool.Count; i++)
        {
            var own = new SortedSet<int>();
            foreach (var topic in pool[i].Interests)
            {
                if (!ids.TryGetValue(topic, out var id))
                {
                    id = ids[topic] = ids.Count;
                    frequency.Add(0);
                }
                if (own.Add(id))
                {
                    frequency[id]++;
                }
            }
            _interests[i] = [.. own];
        }
        _topics = new string[ids.Count];
        foreach (var (topic, id) in ids)
        {
            _topics[id] = topic;
        }
        _rarity = [.. frequency.Select(df => Math.Log(1 + (double)pool.Count / df))];
        _intents = [.. pool.Select(p => IntentMask(p.Intents))];
        _offsetMinutes = [.. pool.Select(p => (int)p.UtcOffset.TotalMinutes)];

        _words = (_topics.Length + 63) / 64;
        _interestBits = new ulong[pool.Count * _words];
        for (var i = 0; i < pool.Count; i++)
        {
            foreach (var topic in _interests[i])
            {
                _interestBits[i * _words + topic / 64] |= 1UL << (topic % 64);
            }
        }
        // The summed rarity of every combination of 8 neighbouring topics: a shared-interest set is scored with one
        // lookup per byte instead of a loop over its bits (whose unpredictable branches cost more than the arithmetic).
        _bytes = (_topics.Length + 7) / 8;
        _rarityByByte = new double[_bytes * 256];
        for (var i = 0; i < _bytes; i++)
        {
            for (var value = 1; value < 256; value++)
            {
                var lowest = BitOperations.TrailingZeroCount(value);
                var topic = i * 8 + lowest;
                _rarityByByte[i * 256 + value] = _rarityByByte[i * 256 + (value & (value - 1))] + (topic < _topics.Length ? _rarity[topic] : 0);
            }
        }
        var masks = 1 << IntentNames.Length;
        _intentBonus = new double[masks * masks];
        for (var x = 0; x < masks; x++)
        {
            for (var y = 0; y < masks; y++)
            {
                _intentBonus[x * masks + y] = IntentBonusFor(x, y);
            }
        }
        var offsets = _offsetMinutes.Distinct().Order().ToArray();
        _offsetIndex = [.. _offsetMinutes.Select(o => Array.BinarySearch(offsets, o))];
        _hoursOverlap = [.. offsets.Select(x => offsets.Select(y => OverlapMinutes(x, y) / (WorkdayHours * 60.0)).ToArray())];
    }

    public int Count => _pool.Count;

    public double Score(int a, int b) =>
        SharedInterests(a, b) + _intentBonus[(_intents[a] << IntentNames.Length) | _intents[b]] + _hoursOverlap[_offsetIndex[a]][_offsetIndex[b]]
        + _signals.Shared(a, b);

    /// <summary>The part of <see cref="Score"/> that comes from the library signals.</summary>
    public double SignalScore(int a, int b) => _signals.Shared(a, b);

    /// <summary>
    /// <see cref="Score"/> of <paramref name="a"/> with every attendee from <paramref name="first"/> on, into the same
    /// places of <paramref name="scores"/> (an entry for <paramref name="a"/> itself is meaningless). The same
    /// figures, computed with what is known of <paramref name="a"/> hoisted out of the loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScoreAll(int a, Span<double> scores, int first = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, Count, nameof(scores));
        var intents = _intentBonus.AsSpan(_intents[a] << IntentNames.Length, 1 << IntentNames.Length);
        var hours = _hoursOverlap[_offsetIndex[a]];
        if (_words == 1)
        {
            // Up to 64 topics, the usual case: one word per attendee.
            var own = _interestBits[a];
            for (var b = first; b < Count; b++)
            {
                scores[b] = Rarity(own & _interestBits[b], 0) + intents[_intents[b]] + hours[_offsetIndex[b]];
            }
        }
        else
        {
            for (var b = first; b < Count; b++)
            {
                scores[b] = SharedInterests(a, b) + intents[_intents[b]] + hours[_offsetIndex[b]];
            }
        }
        _signals.AddShared(a, scores, first);
    }

    /// <summary>The score with its reasons, written to <paramref name="viewer"/> about <paramref name="other"/>.</summary>
    public Compatibility Explain(int viewer, int other)
    {
        var reasons = new List<string>();
        var shared = SharedTopics(viewer, other).OrderBy(t => _rarity[t]).Reverse().Select(t => _topics[t]).ToList();
        if (shared.Count > 0)
        {
            reasons.Add($"you both work on {Join(shared.Take(3).ToList())}");
        }
        var name = _pool[other].Name;
        foreach (var (wants, offers, youOffer, theyOffer) in Complements)
        {
            if (Has(viewer, offers) && Has(other, wants))
            {
                reasons.Add(youOffer.Replace("{0}", name, StringComparison.Ordinal));
            }
            else if (Has(other, offers) && Has(viewer, wants))
            {
                reasons.Add(theyOffer.Replace("{0}", name, StringComparison.Ordinal));
            }
        }
        reasons.AddRange(_signals.Reasons(viewer, other));
        var overlap = OverlapMinutes(_offsetMinutes[viewer], _offsetMinutes[other]);
        if (overlap > 0)
        {
            reasons.Add(overlap >= WorkdayHours * 60
                ? "you keep the same working hours"
                : $"your working days overlap by {overlap / 60.0:0.#} hours");
        }
        return new Compatibility(Score(viewer, other), reasons);
    }

    internal static string Join(List<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    /// <summary>The summed rarity of the shared interests, a byte of topics at a time.</summary>
    private double SharedInterests(int a, int b)
    {
        double total = 0;
        for (var w = 0; w < _words; w++)
        {
            total += Rarity(_interestBits[a * _words + w] & _interestBits[b * _words + w], w);
        }
        return total;
    }

    /// <summary>The rarities of the topics in one word of a shared-interest bit set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Rarity(ulong shared, int word)
    {
        double total = 0;
        var bytes = Math.Min(8, _bytes - word * 8);
        for (var i = 0; i < bytes; i++)
        {
            total += _rarityByByte[(word * 8 + i) * 256 + (int)((shared >> (8 * i)) & 0xFF)];
        }
        return total;
    }

    private IEnumerable<int> SharedTopics(int a, int b) => _interests[a].Intersect(_interests[b]);

    /// <summary>The bonus for the complementary intents between two intent masks.</summary>
    private static double IntentBonusFor(int x, int y)
    {
        double bonus = 0;
        foreach (var (wants, offers, _, _) in Complements)
        {
            int w = Bit(wants), o = Bit(offers);
            if (((x & o) != 0 && (y & w) != 0) || ((y & o) != 0 && (x & w) != 0))
            {
                bonus += IntentBonus;
            }
        }
        return bonus;
    }

    /// <summary>Minutes in which two people at these UTC offsets (in minutes) are both inside their local 09:00–18:00.</summary>
    private static int OverlapMinutes(int offsetA, int offsetB)
    {
        // Working day in UTC minutes: local start minus the offset; compare on a circle of 24 hours.
        var day = 24 * 60;
        var length = WorkdayHours * 60;
        var startA = Mod(WorkdayStartHour * 60 - offsetA, day);
        var startB = Mod(WorkdayStartHour * 60 - offsetB, day);
        var best = 0;
        foreach (var shift in new[] { -day, 0, day })
        {
            var from = Math.Max(startA, startB + shift);
            var to = Math.Min(startA + length, startB + shift + length);
            best = Math.Max(best, to - from);
        }
        return best;
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    private bool Has(int peer, string intent) => (_intents[peer] & Bit(intent)) != 0;

    private static readonly string[] IntentNames = ["hiring", "job-seeking", "mentoring", "seeking-mentor", "collaborating", "learning"];

    private static int Bit(string intent) => 1 << Array.IndexOf(IntentNames, intent);

    private static int IntentMask(IEnumerable<string> intents) =>
        intents.Where(i => Array.IndexOf(IntentNames, i) >= 0).Aggregate(0, (mask, i) => mask | Bit(i));
}
