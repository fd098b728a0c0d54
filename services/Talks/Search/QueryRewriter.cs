namespace EventPlatform.Talks.Search;

/// <summary>
/// Turns what a visitor typed into a PostgreSQL text query that forgives: each word also matches its plural or singular
/// ("LLM" and "LLMs"), its spellings with accents ("Jurgen" finds "Jürgen"), and with the next word as one compound
/// ("ML ops", "ML-Ops" and "mlops" alike); a word no talk uses also matches the closest one that talks do use
/// (one edit for words of up to five letters, two beyond; a swap of neighbours is one edit), and the page says so.
/// Words are letters and digits only, so nothing typed can change the query's structure.
/// </summary>
public static class QueryRewriter
{
    private const int ShortestCorrected = 4;

    /// <param name="TextQuery">For <c>to_tsquery</c>: groups of alternatives joined by AND; null when nothing searchable was typed.</param>
    /// <param name="DidYouMean">The query as corrected, when a word was corrected.</param>
    public sealed record Rewritten(string? TextQuery, string? DidYouMean);

    public static Rewritten Rewrite(string text, SearchVocabulary.Snapshot vocabulary)
    {
        var words = SearchVocabulary.Words(text).ToList();
        var groups = new List<string>();
        var shown = new List<string>();
        var corrected = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i + 1 < words.Count && vocabulary.Words.ContainsKey(SearchVocabulary.Fold(word + words[i + 1])))
            {
                var next = words[i + 1];
                var joined = Alternatives(word + next, vocabulary, out _);
                groups.Add($"({string.Join(" | ", joined)} | ({Group(word, vocabulary, out _)} & {Group(next, vocabulary, out _)}))");
                shown.Add($"{word} {next}");
                i++;
                continue;
            }
            groups.Add(Group(word, vocabulary, out var correction));
            shown.Add(correction ?? word);
            corrected |= correction is not null;
        }
        return new Rewritten(groups.Count == 0 ? null : string.Join(" & ", groups), corrected ? string.Join(' ', shown) : null);
    }

    private static string Group(string word, SearchVocabulary.Snapshot vocabulary, out string? correction) =>
        $"({string.Join(" | ", Alternatives(word, vocabulary, out correction))})";

    private static IReadOnlyCollection<string> Alternatives(string word, SearchVocabulary.Snapshot vocabulary, out string? correction)
    {
        correction = null;
        var folded = SearchVocabulary.Fold(word);
        var forms = new SortedSet<string>(StringComparer.Ordinal) { word };
        AddKnown(folded, vocabulary, forms);
        if (forms.Count == 1 && !vocabulary.Words.ContainsKey(folded) && folded.Length >= ShortestCorrected
            && Closest(folded, vocabulary) is { } best)
        {
            // The typed word stays one of the alternatives: the vocabulary may be seconds older than a talk just
            // added, and a word it does not know yet must still find that talk.
            correction = best.Spellings.MaxBy(s => s.Length) ?? best.Folded;
            AddKnown(best.Folded, vocabulary, forms);
        }
        return forms;
    }

    /// <summary>The word's spellings in the talks, and those of its plural or singular.</summary>
    private static void AddKnown(string folded, SearchVocabulary.Snapshot vocabulary, SortedSet<string> forms)
    {
        foreach (var variant in new[] { folded, folded + "s", folded.Length > 3 && folded.EndsWith('s') ? folded[..^1] : null })
        {
            if (variant is not null && vocabulary.Words.TryGetValue(variant, out var known))
            {
                forms.UnionWith(known.Spellings);
            }
        }
    }

    private static SearchVocabulary.Word? Closest(string folded, SearchVocabulary.Snapshot vocabulary)
    {
        var limit = folded.Length <= 5 ? 1 : 2;
        SearchVocabulary.Word? best = null;
        var bestDistance = int.MaxValue;
        for (var length = folded.Length - limit; length <= folded.Length + limit; length++)
        {
            if (!vocabulary.ByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                var distance = Distance(folded, candidate.Folded, Math.Min(limit, bestDistance));
                if (distance < bestDistance || (distance == bestDistance && best is not null && candidate.Talks > best.Talks))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>
    /// Edits from one word to the other (insert, delete, replace, or swap two neighbours: optimal string alignment),
    /// or more than <paramref name="limit"/> as soon as that is certain.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit)
            {
                return limit + 1;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
