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

    public TalkStatus? ParsedStatus => WireEnum.Parse<TalkStatus>(Status);

    /// <summary>Which talks to search: the library unless the caller asks for upcoming ones or all.</summary>
    public TalkStatus? StatusFilter => Status == AllStatuses ? null : ParsedStatus ?? TalkStatus.Library;
}

/// <summary>
/// Full-text search over the weighted search document (<see cref="Talk.SearchVector"/>, GIN-indexed) with the query
/// made forgiving by <see cref="QueryRewriter"/> (typos, plurals, compounds, accents), the filters, ranking, paging and
/// facet counts over every match.
/// </summary>
public sealed class TalkSearch(TalksDbContext db, SearchVocabulary vocabulary)
{
    private const int TagFacetLimit = 30;
    private const int EventFacetLimit = 20;

    public async Task<TalkSearchPage> RunAsync(TalkQuery query, CancellationToken cancellationToken)
    {
        var rewritten = string.IsNullOrWhiteSpace(query.Q) ? null
            : QueryRewriter.Rewrite(query.Q, await vocabulary.CurrentAsync(cancellationToken));
        var text = rewritten?.TextQuery;
        var matches = Filter(query, text);
        if (rewritten is not null && text is null)
        {
            // Only punctuation was typed: nothing can match.
            matches = matches.Where(_ => false);
        }

        var total = await matches.CountAsync(cancellationToken);
        var sorted = (query.Sort ?? (text is null ? "date" : "relevance")) switch
        {
            "relevance" => matches
                .OrderByDescending(t => t.SearchVector.Rank(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text!)))
                .ThenByDescending(t => t.Year).ThenBy(t => t.Id),
            "title" => matches.OrderBy(t => t.Title).ThenBy(t => t.Id),
            _ => matches.OrderByDescending(t => t.Year).ThenByDescending(t => t.Date).ThenBy(t => t.Title).ThenBy(t => t.Id),
        };
        var items = total == 0 ? [] : await sorted.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var facets = total == 0 ? new TalkFacets([], [], [], []) : await FacetsAsync(matches, cancellationToken);
        return new TalkSearchPage([.. items.Select(TalkResponse.From)], total, query.Page, query.PageSize, facets, rewritten?.DidYouMean);
    }

    private IQueryable<Talk> Filter(TalkQuery query, string? text)
    {
        var talks = db.Talks.AsNoTracking();
        if (text is not null)
        {
            talks = talks.Where(t => t.SearchVector.Matches(EF.Functions.ToTsQuery(TalksDbContext.SearchConfig, text)));
        }
        foreach (var tag in (query.Tag ?? []).Select(Topics.Normalize).Where(t => t.Length > 0).Distinct())
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

    private static async Task<TalkFacets> FacetsAsync(IQueryable<Talk> matches, CancellationToken cancellationToken)
    {
        var tags = await matches.SelectMany(t => t.Tags).GroupBy(tag => tag)
            .Select(g => new { Value = g.Key, Count = g.Count() })
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value).Take(TagFacetLimit)
            .ToListAsync(cancellationToken);
        var years = await matches.GroupBy(t => t.Year).Select(g => new { Value = g.Key, Count = g.Count() })
            .OrderByDescending(f => f.Value).ToListAsync(cancellationToken);
        var formats = await matches.GroupBy(t => t.Format).Select(g => new { Value = g.Key, Count = g.Count() })
            .OrderByDescending(f => f.Count).ToListAsync(cancellationToken);
        var events = await matches.GroupBy(t => t.EventName).Select(g => new { Value = g.Key, Count = g.Count() })
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value).Take(EventFacetLimit).ToListAsync(cancellationToken);
        return new TalkFacets(
            [.. tags.Select(f => new FacetCount(f.Value, f.Count))],
            [.. years.Select(f => new FacetCount(f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Count))],
            [.. formats.Select(f => new FacetCount(WireEnum.Name(f.Value), f.Count))],
            [.. events.Select(f => new FacetCount(f.Value, f.Count))]);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
