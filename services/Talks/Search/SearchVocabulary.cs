using System.Globalization;
using System.Text;

namespace EventPlatform.Talks.Search;

/// <summary>
/// The words of the library's talks (titles, abstracts, speakers, tags, events), folded to lower case without accents,
/// each with the spellings it stands for and how many talks use it: what <see cref="QueryRewriter"/> corrects a query
/// against. Built with each <see cref="LibrarySnapshot"/>, so it is exactly as fresh as the talks searched.
/// </summary>
public static class SearchVocabulary
{
    public sealed class Snapshot
    {
        public Snapshot(IReadOnlyDictionary<string, Word> words)
        {
            Words = words;
            ByLength = words.Values.GroupBy(w => w.Folded.Length).ToDictionary(g => g.Key, g => g.ToArray());
        }

        /// <summary>Folded word → the word.</summary>
        public IReadOnlyDictionary<string, Word> Words { get; }

        public IReadOnlyDictionary<int, Word[]> ByLength { get; }
    }

    /// <summary>A folded word, its spellings in the talks (lower case, accents kept) and the number of talks using it.</summary>
    public sealed record Word(string Folded, IReadOnlyList<string> Spellings, int Talks);

    /// <summary>The vocabulary of these texts, one per talk.</summary>
    public static Snapshot Build(IEnumerable<string> texts)
    {
        var spellings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var talks = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Folding normalises Unicode: once per distinct word, not once per occurrence.
        var foldings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            seen.Clear();
            foreach (var word in Words(text))
            {
                if (!foldings.TryGetValue(word, out var folded))
                {
                    foldings[word] = folded = Fold(word);
                }
                if (!spellings.TryGetValue(folded, out var forms))
                {
                    spellings[folded] = forms = new HashSet<string>(StringComparer.Ordinal);
                }
                forms.Add(word);
                if (seen.Add(folded))
                {
                    talks[folded] = talks.GetValueOrDefault(folded) + 1;
                }
            }
        }
        return new Snapshot(spellings.ToDictionary(p => p.Key, p => new Word(p.Key, [.. p.Value.Order(StringComparer.Ordinal)], talks[p.Key]),
            StringComparer.Ordinal));
    }

    /// <summary>The words of a text: runs of letters and digits, lower case (what a search query is split into as well).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>A word without its accents ("jürgen" → "jurgen").</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
