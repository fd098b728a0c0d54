using System.Numerics;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Domain;
using EventPlatform.Talks.Endpoints;

namespace EventPlatform.Talks.Search;

/// <summary>
/// Every talk of one version of the library, held in memory with an inverted index of its search documents, and
/// searched there: matching, filters, facets, ranking and paging as <c>GET /api/talks</c> defines them, without a
/// database statement. Orders that depend on PostgreSQL's collation (titles, tag and event names, ids) are taken from
/// PostgreSQL when the snapshot is loaded, so the results come in the same order as the SQL search's.
/// </summary>
public sealed class LibrarySnapshot
{
    /// <summary>The talks in the date order (year, date, newest first; then title and id).</summary>
    private readonly Entry[] _talks;
    private readonly Dictionary<string, Postings> _lexemes;
    private readonly Dictionary<string, int> _tagIds;
    /// <summary>Tag id → the talks carrying it (ascending).</summary>
    private readonly int[][] _tagged;
    private readonly string[] _tags;
    private readonly string[] _events;

    /// <param name="talks">Every talk, in the date order.</param>
    /// <param name="titleOrder">The talks' ids ordered by title, then id, in PostgreSQL's collation.</param>
    /// <param name="tieOrder">The talks' ids ordered by year (newest first), then id: how equal ranks are ordered.</param>
    /// <param name="tags">Every tag, in PostgreSQL's collation.</param>
    /// <param name="events">Every event name, in PostgreSQL's collation.</param>
    public LibrarySnapshot(long version, IReadOnlyList<Talk> talks, IReadOnlyList<Guid> titleOrder, IReadOnlyList<Guid> tieOrder,
        IReadOnlyList<string> tags, IReadOnlyList<string> events)
    {
        Version = version;
        _tags = [.. tags];
        _events = [.. events];
        _tagIds = _tags.Select((tag, i) => (tag, i)).ToDictionary(x => x.tag, x => x.i, StringComparer.Ordinal);
        var eventIds = _events.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var titleRank = titleOrder.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var tieRank = tieOrder.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

        _talks = new Entry[talks.Count];
        var postings = new Dictionary<string, (List<int> Talks, List<ushort[]> Positions)>(StringComparer.Ordinal);
        for (var i = 0; i < talks.Count; i++)
        {
            var talk = talks[i];
            _talks[i] = new Entry(TalkResponse.From(talk), talk.Status, talk.Format, talk.Year, talk.EventId,
                [.. talk.Tags.Select(t => _tagIds[t])], eventIds[talk.EventName],
                talk.SpeakerNames.ToLowerInvariant(), talk.EventName.ToLowerInvariant(),
                titleRank[talk.Id], tieRank[talk.Id], talk.SearchVector.Count == 0);
            foreach (var lexeme in talk.SearchVector)
            {
                if (!postings.TryGetValue(lexeme.Text, out var list))
                {
                    postings[lexeme.Text] = list = ([], []);
                }
                var positions = new ushort[lexeme.Count];
                for (var p = 0; p < positions.Length; p++)
                {
                    positions[p] = (ushort)(((int)lexeme[p].Weight << 14) | lexeme[p].Pos);
                }
                list.Talks.Add(i);
                list.Positions.Add(positions);
            }
        }
        var tagged = Enumerable.Range(0, _tags.Length).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < _talks.Length; i++)
        {
            foreach (var tag in _talks[i].TagIds.Distinct())
            {
                tagged[tag].Add(i);
            }
        }
        _tagged = [.. tagged.Select(list => list.ToArray())];
        _lexemes = postings.ToDictionary(p => p.Key, p => new Postings([.. p.Value.Talks], [.. p.Value.Positions]), StringComparer.Ordinal);
        Vocabulary = SearchVocabulary.Build(talks.Select(t => $"{t.Title} {t.Abstract} {t.SpeakerNames} {t.TagWords} {t.EventName}"));
    }

    /// <summary>The library's version (bumped by every change to the talks table) this snapshot was read at.</summary>
    public long Version { get; }

    public int Count => _talks.Length;

    /// <summary>The words of the talks, for correcting what a visitor typed.</summary>
    public SearchVocabulary.Snapshot Vocabulary { get; }

    private sealed record Entry(
        TalkResponse Talk, TalkStatus Status, TalkFormat Format, int Year, Guid? EventId, int[] TagIds, int EventNameId,
        string SpeakerNamesLower, string EventNameLower, int TitleRank, int TieRank, bool EmptyDocument);

    /// <summary>The talks holding a lexeme (ascending) and its positions in each.</summary>
    private sealed record Postings(int[] Talks, ushort[][] Positions);

    /// <summary>
    /// One page of the talks matching the query, with facets over all matches. <paramref name="text"/> is the compiled
    /// text query, or null when no text was searched; <paramref name="nothingSearchable"/> says text was typed but none
    /// of it is searchable (only punctuation), which matches nothing.
    /// </summary>
    public TalkSearchPage Search(TalkQuery query, TextQuery? text, bool nothingSearchable, string? didYouMean)
    {
        var matches = nothingSearchable ? [] : Filter(query, text?.Matches(_talks.Length, DocumentsWith(text)));
        var facets = Facets(matches);
        var skip = (query.Page - 1) * query.PageSize;
        var page = matches.Count <= skip ? []
            : Sorted(matches, query.Sort ?? (text is null ? "date" : "relevance"), text).Skip(skip).Take(query.PageSize)
                .Select(i => _talks[i].Talk).ToList();
        return new TalkSearchPage(page, matches.Count, query.Page, query.PageSize, facets, didYouMean);
    }

    private Func<int, ReadOnlySpan<int>> DocumentsWith(TextQuery? text) =>
        item => _lexemes.TryGetValue(text!.Items[item], out var postings) ? postings.Talks : [];

    /// <summary>The matching talks' indexes, ascending (so in the date order).</summary>
    private List<int> Filter(TalkQuery query, ulong[]? textMatches)
    {
        var tagIds = new List<int>();
        foreach (var tag in query.Tags)
        {
            if (!_tagIds.TryGetValue(tag, out var id))
            {
                return [];
            }
            tagIds.Add(id);
        }
        var speaker = string.IsNullOrWhiteSpace(query.Speaker) ? null : query.Speaker.Trim().ToLowerInvariant();
        Guid? eventId = Guid.TryParse(query.Event, out var parsedEvent) ? parsedEvent : null;
        var eventName = eventId is null && !string.IsNullOrWhiteSpace(query.Event) ? query.Event.Trim().ToLowerInvariant() : null;
        var status = query.StatusFilter;
        var format = query.ParsedFormat;

        // A tag filter narrows the candidates to that tag's talks (the rarest of the tags asked for) before any is looked at.
        var candidates = tagIds.Count == 0 ? Candidates(textMatches)
            : _tagged[tagIds.MinBy(id => _tagged[id].Length)].Where(i => textMatches is null || (textMatches[i >> 6] & (1UL << (i & 63))) != 0);
        var matches = new List<int>();
        foreach (var i in candidates)
        {
            var talk = _talks[i];
            if ((status is null || talk.Status == status)
                && (format is null || talk.Format == format)
                && (query.Year is null || talk.Year == query.Year)
                && (eventId is null || talk.EventId == eventId)
                && (eventName is null || talk.EventNameLower.Contains(eventName, StringComparison.Ordinal))
                && (speaker is null || talk.SpeakerNamesLower.Contains(speaker, StringComparison.Ordinal))
                && HasTags(talk, tagIds))
            {
                matches.Add(i);
            }
        }
        return matches;
    }

    private static bool HasTags(Entry talk, List<int> tagIds)
    {
        foreach (var id in tagIds)
        {
            if (Array.IndexOf(talk.TagIds, id) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private IEnumerable<int> Candidates(ulong[]? set)
    {
        if (set is null)
        {
            for (var i = 0; i < _talks.Length; i++)
            {
                yield return i;
            }
            yield break;
        }
        for (var word = 0; word < set.Length; word++)
        {
            for (var bits = set[word]; bits != 0; bits &= bits - 1)
            {
                yield return (word << 6) + BitOperations.TrailingZeroCount(bits);
            }
        }
    }

    /// <summary>
    /// The four facets as the SQL search counts them: the 30 most used tags and the 20 events with most talks (ties in
    /// collation order), every year (newest first) and every format.
    /// </summary>
    private TalkFacets Facets(List<int> matches)
    {
        var tags = new int[_tags.Length];
        var events = new int[_events.Length];
        var years = new Dictionary<int, int>();
        var formats = new Dictionary<TalkFormat, int>();
        foreach (var i in matches)
        {
            var talk = _talks[i];
            foreach (var tag in talk.TagIds)
            {
                tags[tag]++;
            }
            events[talk.EventNameId]++;
            years[talk.Year] = years.GetValueOrDefault(talk.Year) + 1;
            formats[talk.Format] = formats.GetValueOrDefault(talk.Format) + 1;
        }
        static List<FacetCount> Top(int[] counts, string[] values, int limit) =>
            [.. Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).OrderByDescending(i => counts[i]).ThenBy(i => i)
                .Take(limit).Select(i => new FacetCount(values[i], counts[i]))];
        return new TalkFacets(
            Top(tags, _tags, TalkSearch.TagFacetLimit),
            [.. years.OrderByDescending(y => y.Key).Select(y => new FacetCount(y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), y.Value))],
            [.. formats.Select(f => new FacetCount(WireEnum.Name(f.Key), f.Value)).OrderByDescending(x => x.Count).ThenBy(x => x.Value)],
            Top(events, _events, TalkSearch.EventFacetLimit));
    }

    /// <summary>What the relevance order ranks a talk by for this text query (ts_rank), or null for a talk not in the library.</summary>
    public float? RankOf(Guid talkId, TextQuery text)
    {
        var i = Array.FindIndex(_talks, t => t.Talk.Id == talkId);
        return i < 0 ? null : Rank(i, text, text.Items.Select(item => _lexemes.GetValueOrDefault(item)).ToArray(), new ushort[]?[text.Items.Count]);
    }

    private float Rank(int talk, TextQuery text, Postings?[] postings, ushort[]?[] positions)
    {
        for (var item = 0; item < postings.Length; item++)
        {
            var at = postings[item] is { } p ? Array.BinarySearch(p.Talks, talk) : -1;
            positions[item] = at >= 0 ? postings[item]!.Positions[at] : null;
        }
        return text.Rank(positions, _talks[talk].EmptyDocument);
    }

    private IEnumerable<int> Sorted(List<int> matches, string sort, TextQuery? text)
    {
        switch (sort)
        {
            case "relevance":
                var ranked = new (float Rank, int Tie, int Talk)[matches.Count];
                var positions = new ushort[]?[text!.Items.Count];
                var postings = text.Items.Select(item => _lexemes.GetValueOrDefault(item)).ToArray();
                for (var m = 0; m < matches.Count; m++)
                {
                    ranked[m] = (Rank(matches[m], text, postings, positions), _talks[matches[m]].TieRank, matches[m]);
                }
                // ts_rank DESC, then year DESC and id: the tie order.
                Array.Sort(ranked, (a, b) => a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.Tie.CompareTo(b.Tie));
                return ranked.Select(r => r.Talk);
            case "title":
                return matches.OrderBy(i => _talks[i].TitleRank);
            default:
                return matches;
        }
    }
}
