using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Vocabulary;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using EventPlatform.Talks.Search;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Endpoints;

/// <summary>The query string of <c>GET /api/talks</c>.</summary>
public sealed record TalkQuery(
    string? Q, string[]? Tag, string? Speaker, string? Event, int? Year, string? Format, string? Status, string? Sort,
    int Page = 1, int PageSize = 20)
{
    public const int MaxQueryLength = 200;

    /// <summary>The status that asks for library and upcoming talks alike; without a status the library is searched.</summary>
    public const string AllStatuses = "all";

    public Dictionary<string, string[]>? Validate()
    {
        var errors = Paging.Validate(Page, PageSize) ?? [];
        if (Q?.Length > MaxQueryLength)
        {
            errors["q"] = [$"q is at most {MaxQueryLength} characters."];
        }
        if (Year is < 1900 or > 2200)
        {
            errors["year"] = ["year must be between 1900 and 2200."];
        }
        if (Format is not null && ParsedFormat is null)
        {
            errors["format"] = [$"format must be one of {WireEnum.Names<TalkFormat>()}."];
        }
        if (Status is not null && Status != AllStatuses && ParsedStatus is null)
        {
            errors["status"] = ["status must be library (past talks, the default), scheduled (at upcoming events) or all."];
        }
        if (Sort is not null and not ("relevance" or "date" or "title"))
        {
            errors["sort"] = ["sort must be relevance, date or title."];
        }
        if (Sort == "relevance" && string.IsNullOrWhiteSpace(Q))
        {
            errors["sort"] = ["sort=relevance needs a search text q."];
        }
        return errors.Count == 0 ? null : errors;
    }

    public TalkFormat? ParsedFormat => WireEnum.Parse<TalkFormat>(Format);

    /// <summary>The tags asked for, as topics are written (all must match).</summary>
    public IEnumerable<string> Tags => (Tag ?? []).Select(Topics.Normalize).Where(t => t.Length > 0).Distinct();

    public TalkStatus? ParsedStatus => WireEnum.Parse<TalkStatus>(Status);

    /// <summary>Which talks to search: the library unless the caller asks for upcoming ones or all.</summary>
    public TalkStatus? StatusFilter => Status == AllStatuses ? null : ParsedStatus ?? TalkStatus.Library;
}

/// <summary>
/// Full-text search over the weighted search document (<see cref="Talk.SearchVector"/>) with the query made forgiving
/// by <see cref="QueryRewriter"/> (typos, plurals, compounds, accents), the filters, ranking, paging and facet counts
/// over every match. It runs in memory over the current <see cref="LibrarySnapshot"/>; a text query the snapshot does
/// not evaluate (phrases, prefixes — nothing the rewriter writes) runs as SQL over the GIN-indexed column, with the
/// same results (tests/EventPlatform.Talks.Tests/InMemorySearchTests.cs holds the two to the same answers).
/// </summary>
public sealed class TalkSearch(TalksDbContext db, LibraryIndex index)
{
    /// <summary>How many tags and events the facets list (the most used first).</summary>
    public const int TagFacetLimit = 30;
    public const int EventFacetLimit = 20;

    public async Task<TalkSearchPage> RunAsync(TalkQuery query, CancellationToken cancellationToken)
    {
        var library = await index.CurrentAsync(db, cancellationToken);
        var rewritten = string.IsNullOrWhiteSpace(query.Q) ? null : QueryRewriter.Rewrite(query.Q, library.Vocabulary);
        var text = rewritten?.TextQuery;
        var compiled = text is null ? null : await index.CompileAsync(db, text, cancellationToken);
        if (text is null || compiled is not null)
        {
            return library.Search(query, compiled, nothingSearchable: rewritten is not null && text is null, rewritten?.DidYouMean);
        }
        return await InSqlAsync(query, text, rewritten?.DidYouMean, cancellationToken);
    }

    /// <summary>The search as PostgreSQL statements: facets over the matches, then the page.</summary>
    public async Task<TalkSearchPage> InSqlAsync(TalkQuery query, string? text, string? didYouMean, CancellationToken cancellationToken)
    {
        var matches = Filter(query, text);
        // Facets first: their year counts add up to the number of matches, so no separate count is needed.
        var facets = await FacetsAsync(matches, cancellationToken);
        var total = facets.Years.Sum(f => f.Count);
        var sorted = (query.Sort ?? (text is null ? "date" : "relevance")) switch
        {
            "relevance" => matches
                .OrderByDescending(t => t.SearchVector.Rank(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text!)))
                .ThenByDescending(t => t.Year).ThenBy(t => t.Id),
            "title" => matches.OrderBy(t => t.Title).ThenBy(t => t.Id),
            _ => matches.OrderByDescending(t => t.Year).ThenByDescending(t => t.Date).ThenBy(t => t.Title).ThenBy(t => t.Id),
        };
        var skip = (query.Page - 1) * query.PageSize;
        var items = total <= skip ? [] : await sorted.Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken);
        return new TalkSearchPage([.. items.Select(TalkResponse.From)], total, query.Page, query.PageSize, facets, didYouMean);
    }

    private IQueryable<Talk> Filter(TalkQuery query, string? text)
    {
        var talks = db.Talks.AsNoTracking();
        if (text is not null)
        {
            talks = talks.Where(t => t.SearchVector.Matches(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text)));
        }
        foreach (var tag in query.Tags)
        {
            talks = talks.Where(t => t.Tags.Contains(tag));
        }
        if (!string.IsNullOrWhiteSpace(query.Speaker))
        {
            var pattern = $"%{EscapeLike(query.Speaker.Trim())}%";
            talks = talks.Where(t => EF.Functions.ILike(t.SpeakerNames, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(query.Event))
        {
            if (Guid.TryParse(query.Event, out var eventId))
            {
                talks = talks.Where(t => t.EventId == eventId);
            }
            else
            {
                var pattern = $"%{EscapeLike(query.Event.Trim())}%";
                talks = talks.Where(t => EF.Functions.ILike(t.EventName, pattern, "\\"));
            }
        }
        if (query.Year is { } year)
        {
            talks = talks.Where(t => t.Year == year);
        }
        if (query.ParsedFormat is { } format)
        {
            talks = talks.Where(t => t.Format == format);
        }
        if (query.StatusFilter is { } status)
        {
            talks = talks.Where(t => t.Status == status);
        }
        return talks;
    }

    /// <summary>
    /// The four facets in one statement: the matches are found once (the filter EF Core builds for the page, taken as
    /// its SQL and parameters) and counted four ways.
    /// </summary>
    private async Task<TalkFacets> FacetsAsync(IQueryable<Talk> matches, CancellationToken cancellationToken)
    {
        await using var command = matches.Select(t => new { t.Tags, t.Year, t.Format, t.EventName }).CreateDbCommand();
        command.CommandText = $"""
            WITH m (tags, year, format, event_name) AS MATERIALIZED ({command.CommandText})
            (SELECT 0, tag, count(*)::int FROM m, unnest(m.tags) AS tag GROUP BY tag ORDER BY 3 DESC, 2 LIMIT {TagFacetLimit})
            UNION ALL (SELECT 1, year::text, count(*)::int FROM m GROUP BY year)
            UNION ALL (SELECT 2, format, count(*)::int FROM m GROUP BY format)
            UNION ALL (SELECT 3, event_name, count(*)::int FROM m GROUP BY event_name ORDER BY 3 DESC, 2 LIMIT {EventFacetLimit})
            """;
        var rows = new List<(int Kind, string Value, int Count)>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        List<FacetCount> Of(int kind, Func<IEnumerable<FacetCount>, IEnumerable<FacetCount>> order) =>
            [.. order(rows.Where(r => r.Kind == kind).Select(r => new FacetCount(r.Value, r.Count)))];
        return new TalkFacets(
            // PostgreSQL ordered each branch (count, then value in its collation); a stable sort keeps that.
            Of(0, f => f.OrderByDescending(x => x.Count)),
            Of(1, f => f.OrderByDescending(y => int.Parse(y.Value, System.Globalization.CultureInfo.InvariantCulture))),
            Of(2, f => f.Select(x => x with { Value = WireEnum.Name(Enum.Parse<TalkFormat>(x.Value)) }).OrderByDescending(x => x.Count).ThenBy(x => x.Value)),
            Of(3, f => f.OrderByDescending(x => x.Count)));
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
