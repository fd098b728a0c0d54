using System.Globalization;
using System.Security.Claims;
using System.Text;
using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Vocabulary;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Endpoints;

public static class TalksApi
{
    public const int MaxTagLength = 50;

    public static IEndpointRouteBuilder MapTalksApi(this IEndpointRouteBuilder app)
    {
        var talks = app.MapGroup("/api/talks").WithTags("Talks");
        talks.MapGet("/", SearchTalks)
            .WithSummary("Browse and search the library: full-text q, filters tag/speaker/event/year/format/status, sort, facets");
        talks.MapGet("/{idOrSlug}", GetTalk).WithSummary("A talk with related talks (shared tags)");
        talks.MapPost("/", ScheduleTalk).RequireAuthorization(Policies.Organizer)
            .WithSummary("Put a talk on the agenda of an upcoming event (publishes TalkScheduled)");
        return app;
    }

    public static async Task<Results<Ok<TalkSearchPage>, ValidationProblem>> SearchTalks(
        [AsParameters] TalkQuery query, TalksDbContext db, CancellationToken cancellationToken)
    {
        if (query.Validate() is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await new TalkSearch(db).RunAsync(query, cancellationToken));
    }

    public static async Task<Ok<TalkDetailResponse>> GetTalk(string idOrSlug, TalksDbContext db, CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var tags = talk.Tags;
        var related = await db.Talks.AsNoTracking()
            .Where(t => t.Id != talk.Id && t.Tags.Any(tag => tags.Contains(tag)))
            .Select(t => new { t.Id, t.Slug, t.Title, t.Year, Shared = t.Tags.Where(tag => tags.Contains(tag)).ToList() })
            .OrderByDescending(t => t.Shared.Count).ThenByDescending(t => t.Year).ThenBy(t => t.Title)
            .Take(5)
            .ToListAsync(cancellationToken);
        var questions = await db.Questions.CountAsync(q => q.TalkId == talk.Id && q.Status != QuestionStatus.Hidden, cancellationToken);
        return TypedResults.Ok(new TalkDetailResponse(
            TalkResponse.From(talk), [.. related.Select(r => new RelatedTalk(r.Id, r.Slug, r.Title, r.Year, r.Shared))], questions));
    }

    public static async Task<Created<TalkResponse>> ScheduleTalk(
        ScheduleTalkRequest request, TalksDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var format = WireEnum.Parse<TalkFormat>(request.Format)
            ?? throw new DomainRuleException("unknown-format", $"Format '{request.Format}' is not one of {WireEnum.Names<TalkFormat>()}.",
                RuleViolation.Unprocessable);
        if (request.Tags?.FirstOrDefault(t => t.Length > MaxTagLength) is { } longTag)
        {
            throw new DomainRuleException("tag-too-long", $"Tag '{longTag[..20]}…' is longer than {MaxTagLength} characters.", RuleViolation.Unprocessable);
        }
        var eventId = request.EventId!.Value;
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw new DomainRuleException("event-unknown",
                $"Event '{eventId}' is not known to the talk library: it is not published (or was published a moment ago and is still on its way).",
                RuleViolation.Unprocessable);
        if (!ev.AcceptsTalks)
        {
            throw new DomainRuleException("event-not-upcoming", $"Event '{eventId}' is {ev.Status}; talks can only be added to upcoming or live events.", RuleViolation.Conflict);
        }
        if (request.StartsAt is { } startsAt && request.EndsAt is { } endsAt
            && (endsAt <= startsAt || startsAt < ev.StartsAt || endsAt > ev.EndsAt))
        {
            throw new DomainRuleException("slot-outside-event",
                $"The slot must end after it starts and lie within the event ({ev.StartsAt:O} – {ev.EndsAt:O}).", RuleViolation.Unprocessable);
        }
        if (request.StartsAt.HasValue != request.EndsAt.HasValue)
        {
            throw new DomainRuleException("slot-incomplete", "Give both startsAt and endsAt for the slot, or neither.", RuleViolation.Unprocessable);
        }

        var now = clock.GetUtcNow();
        var talk = Talk.ForEvent(ev, "", request.StartsAt, request.EndsAt, now);
        talk.ChangeSlug($"{Slugs.From(request.Title)}-{talk.Id.ToString("N")[^6..]}");
        talk.Describe(request.Title, request.Abstract, request.Speakers.Select(s => new Speaker(s.Name, s.Affiliation)), format,
            request.Tags ?? [], (request.Links ?? []).Select(l => new TalkLink(l.Kind, l.Url)), request.Language ?? "en", now);
        db.Talks.Add(talk);
        db.Publish(new TalkScheduled
        {
            TalkId = talk.Id,
            EventId = ev.Id,
            Title = talk.Title,
            Speakers = [.. talk.Speakers.Select(s => s.Name)],
            Format = WireEnum.Name(talk.Format),
            StartsAt = talk.StartsAt,
            EndsAt = talk.EndsAt,
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/talks/{talk.Slug}", TalkResponse.From(talk));
    }

    /// <summary>A talk by id or slug, or a 404 problem.</summary>
    public static async Task<Talk> FindBySlugOrIdAsync(this IQueryable<Talk> talks, string idOrSlug, CancellationToken cancellationToken) =>
        (Guid.TryParse(idOrSlug, out var id)
            ? await talks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : await talks.FirstOrDefaultAsync(t => t.Slug == idOrSlug, cancellationToken))
        ?? throw DomainRuleException.NotFound("Talk", idOrSlug);

    internal static bool IsOrganizer(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsOrganizer();
}

public static class Slugs
{
    /// <summary>"Why ML Models Crash & Burn" → "why-ml-models-crash-burn" (ASCII letters and digits, at most 80 characters).</summary>
    public static string From(string title)
    {
        var normalized = title.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder();
        foreach (var c in normalized.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        text = text.Length > 80 ? text[..80].TrimEnd('-') : text;
        return text.Length == 0 ? "talk" : text;
    }
}
