using System.Globalization;
using System.Text;
using EventPlatform.Talks.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Search;

/// <summary>
/// The words of the library's talks (titles, abstracts, speakers, tags, events), folded to lower case without accents,
/// each with the spellings it stands for and how many talks use it: what <see cref="QueryRewriter"/> corrects a query
/// against. Read from the database when first needed and again when the talks have changed, looked at no more often
/// than every few seconds, so a search costs no extra query in between.
/// </summary>
public sealed class SearchVocabulary(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot _current = Snapshot.Empty;

    public sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, Word>(StringComparer.Ordinal), "", DateTimeOffset.MinValue);

        public Snapshot(IReadOnlyDictionary<string, Word> words, string stamp, DateTimeOffset checkedAt)
        {
            Words = words;
            Stamp = stamp;
            CheckedAt = checkedAt;
            ByLength = words.Values.GroupBy(w => w.Folded.Length).ToDictionary(g => g.Key, g => g.ToArray());
        }

        /// <summary>Folded word → the word.</summary>
        public IReadOnlyDictionary<string, Word> Words { get; }

        public IReadOnlyDictionary<int, Word[]> ByLength { get; }

        public string Stamp { get; }

        public DateTimeOffset CheckedAt { get; }
    }

    /// <summary>A folded word, its spellings in the talks (lower case, accents kept) and the number of talks using it.</summary>
    public sealed record Word(string Folded, IReadOnlyList<string> Spellings, int Talks);

    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (clock.GetUtcNow() - current.CheckedAt < CheckEvery)
        {
            return current;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (clock.GetUtcNow() - current.CheckedAt < CheckEvery)
            {
                return current;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
            var stamp = await db.Database.SqlQuery<string>(
                $"SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS \"Value\" FROM talks").SingleAsync(cancellationToken);
            _current = stamp == current.Stamp
                ? new Snapshot(current.Words, stamp, clock.GetUtcNow())
                : new Snapshot(await LoadAsync(db, cancellationToken), stamp, clock.GetUtcNow());
            return _current;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static async Task<IReadOnlyDictionary<string, Word>> LoadAsync(TalksDbContext db, CancellationToken cancellationToken)
    {
        var spellings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var talks = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = db.Talks.AsNoTracking()
            .Select(t => t.Title + " " + t.Abstract + " " + t.SpeakerNames + " " + t.TagWords + " " + t.EventName)
            .AsAsyncEnumerable();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var text in texts.WithCancellation(cancellationToken))
        {
            seen.Clear();
            foreach (var word in Words(text))
            {
                var folded = Fold(word);
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
        return spellings.ToDictionary(p => p.Key, p => new Word(p.Key, [.. p.Value.Order(StringComparer.Ordinal)], talks[p.Key]),
            StringComparer.Ordinal);
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
