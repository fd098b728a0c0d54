using System.Globalization;
using System.Security.Claims;
using System.Text;
using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Vocabulary;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using EventPlatform.Talks.Search;
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
            .WithSummary("Put a talk on the programme of one of your events, a draft or upcoming (publishes TalkScheduled)");
        talks.MapPatch("/{idOrSlug}", ChangeTalk).RequireAuthorization(Policies.Organizer)
            .WithSummary("Change a talk on the programme of one of your events; fields left out stay as they are");
        talks.MapDelete("/{idOrSlug}", WithdrawTalk).RequireAuthorization(Policies.Organizer)
            .WithSummary("Take a talk off the programme of one of your events (publishes TalkWithdrawn)");
        return app;
    }

    public static async Task<Results<Ok<TalkSearchPage>, ValidationProblem>> SearchTalks(
        [AsParameters] TalkQuery query, TalksDbContext db, LibraryIndex index, CancellationToken cancellationToken)
    {
        if (query.Validate() is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await new TalkSearch(db, index).RunAsync(query, cancellationToken));
    }

    public static async Task<Ok<TalkDetailResponse>> GetTalk(string idOrSlug, TalksDbContext db, CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var tags = talk.Tags;
        // A library talk's related talks are library talks: nothing upcoming, without a recording, beside a 2018 talk.
        var related = await db.Talks.AsNoTracking()
            .Where(t => t.Id != talk.Id && (talk.Status != TalkStatus.Library || t.Status == TalkStatus.Library) && t.Tags.Any(tag => tags.Contains(tag)))
            .Select(t => new { t.Id, t.Slug, t.Title, t.Year, Shared = t.Tags.Where(tag => tags.Contains(tag)).ToList() })
            .OrderByDescending(t => t.Shared.Count).ThenByDescending(t => t.Year).ThenBy(t => t.Title)
            .Take(5)
            .ToListAsync(cancellationToken);
        var questions = await db.Questions.CountAsync(q => q.TalkId == talk.Id && q.Status != QuestionStatus.Hidden, cancellationToken);
        return TypedResults.Ok(new TalkDetailResponse(
            TalkResponse.From(talk), [.. related.Select(r => new RelatedTalk(r.Id, r.Slug, r.Title, r.Year, r.Shared))], questions));
    }

    public static async Task<Created<TalkResponse>> ScheduleTalk(
        ScheduleTalkRequest request, ClaimsPrincipal user, HttpContext http, TalksDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var format = ParseFormat(request.Format);
        var ev = await ProgrammeOfAsync(db, request.EventId!.Value, user, cancellationToken);
        EnsureSlot(ev, request.StartsAt, request.EndsAt);

        var now = clock.GetUtcNow();
        var talk = Talk.ForEvent(ev, "", request.StartsAt, request.EndsAt, now);
        talk.ChangeSlug($"{Slugs.From(request.Title)}-{talk.Id.ToString("N")[^6..]}");
        talk.Describe(request.Title, request.Abstract, request.Speakers.Select(s => new Speaker(s.Name, s.Affiliation)), format,
            request.Tags ?? [], (request.Links ?? []).Select(l => new TalkLink(l.Kind, l.Url)), request.Language ?? "en", now);
        db.Talks.Add(talk);
        db.Publish(Scheduled(talk, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/talks/{talk.Slug}", TalkResponse.From(talk));
    }

    /// <summary>Changes a talk on an event's programme; fields left out stay as they are. Its agenda entry follows.</summary>
    public static async Task<Ok<TalkResponse>> ChangeTalk(string idOrSlug, ChangeTalkRequest request, ClaimsPrincipal user, HttpContext http,
        TalksDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var talk = await db.Talks.FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var ev = await ScheduledTalkEventAsync(db, talk, user, cancellationToken);
        var startsAt = request.StartsAt ?? talk.StartsAt;
        var endsAt = request.EndsAt ?? talk.EndsAt;
        EnsureSlot(ev, startsAt, endsAt);
        var now = clock.GetUtcNow();
        talk.Describe(request.Title ?? talk.Title, request.Abstract ?? talk.Abstract,
            request.Speakers?.Select(s => new Speaker(s.Name, s.Affiliation)) ?? talk.Speakers,
            request.Format is null ? talk.Format : ParseFormat(request.Format), request.Tags ?? talk.Tags,
            request.Links?.Select(l => new TalkLink(l.Kind, l.Url)) ?? talk.Links, request.Language ?? talk.Language, now);
        talk.Reschedule(startsAt, endsAt, now);
        db.Publish(Scheduled(talk, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TalkResponse.From(talk));
    }

    /// <summary>Takes a talk off an event's programme (before the event ends): it and its questions are deleted.</summary>
    public static async Task<NoContent> WithdrawTalk(string idOrSlug, ClaimsPrincipal user, HttpContext http, TalksDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var talk = await db.Talks.FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var ev = await ScheduledTalkEventAsync(db, talk, user, cancellationToken);
        db.Talks.Remove(talk);
        db.Publish(new TalkWithdrawn { TalkId = talk.Id, EventId = ev.Id, OccurredAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The event a talk is being put on, for one of its organizers. An event created or published a moment ago may not
    /// have reached the talk library yet: the request waits for it (briefly) instead of failing.
    /// </summary>
    private static async Task<TalkEvent> ProgrammeOfAsync(TalksDbContext db, Guid eventId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReplicaWait;
        TalkEvent? ev;
        while ((ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)) is null
            && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
        if (ev is null)
        {
            throw new DomainRuleException("event-unknown",
                $"Event '{eventId}' is not known to the talk library: it does not exist, or it has no start and end yet.", RuleViolation.Unprocessable);
        }
        EnsureOrganizes(ev, user);
        if (!ev.AcceptsTalks)
        {
            throw new DomainRuleException("event-closed", $"Event '{eventId}' is {ev.Status}; its programme can no longer change.");
        }
        return ev;
    }

    private static async Task<TalkEvent> ScheduledTalkEventAsync(TalksDbContext db, Talk talk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (talk.Status != TalkStatus.Scheduled || talk.EventId is not { } eventId)
        {
            throw new DomainRuleException("talk-in-library", "This talk is in the library of past talks; it is no longer on a programme.");
        }
        return await ProgrammeOfAsync(db, eventId, user, cancellationToken);
    }

    private static void EnsureOrganizes(TalkEvent ev, ClaimsPrincipal user)
    {
        if (!ev.IsOrganizedBy(user.AttendeeId()))
        {
            throw new DomainRuleException("not-an-organizer-of-event",
                "Only the organizers of this event may change its programme.", RuleViolation.Forbidden);
        }
    }

    private static void EnsureSlot(TalkEvent ev, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        if (startsAt.HasValue != endsAt.HasValue)
        {
            throw new DomainRuleException("slot-incomplete", "Give both startsAt and endsAt for the slot, or neither.", RuleViolation.Unprocessable);
        }
        if (startsAt is { } start && endsAt is { } end && (end <= start || start < ev.StartsAt || end > ev.EndsAt))
        {
            throw new DomainRuleException("slot-outside-event",
                $"The slot must end after it starts and lie within the event ({ev.StartsAt:O} – {ev.EndsAt:O}).", RuleViolation.Unprocessable);
        }
    }

    private static TalkFormat ParseFormat(string format) =>
        WireEnum.Parse<TalkFormat>(format)
        ?? throw new DomainRuleException("unknown-format", $"Format '{format}' is not one of {WireEnum.Names<TalkFormat>()}.", RuleViolation.Unprocessable);

    private static TalkScheduled Scheduled(Talk talk, DateTimeOffset now) => new()
    {
        TalkId = talk.Id,
        EventId = talk.EventId!.Value,
        Title = talk.Title,
        Speakers = [.. talk.Speakers.Select(s => s.Name)],
        Format = WireEnum.Name(talk.Format),
        StartsAt = talk.StartsAt,
        EndsAt = talk.EndsAt,
        OccurredAt = now,
    };

    /// <summary>How long a request waits for an event that was created a moment ago to reach the talk library.</summary>
    private static readonly TimeSpan ReplicaWait = TimeSpan.FromSeconds(5);

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
