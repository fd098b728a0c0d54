using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Endpoints;

public sealed record TalkResponse(
    Guid Id, string Slug, string Title, string Abstract, IReadOnlyList<Speaker> Speakers, TalkFormat Format, TalkStatus Status,
    IReadOnlyList<string> Tags, IReadOnlyList<TalkLink> Links, string Language, string EventName, string? EventCity,
    Guid? EventId, DateOnly? Date, int Year)
{
    public static TalkResponse From(Talk t) => new(t.Id, t.Slug, t.Title, t.Abstract, t.Speakers, t.Format, t.Status, t.Tags,
        t.Links, t.Language, t.EventName, t.EventCity, t.EventId, t.Date, t.Year);
}

public static class TalksApi
{
    public static IEndpointRouteBuilder MapTalksApi(this IEndpointRouteBuilder app)
    {
        var talks = app.MapGroup("/api/talks").WithTags("Talks");
        talks.MapGet("/", ListTalks);
        talks.MapGet("/{idOrSlug}", GetTalk);
        return app;
    }

    public static async Task<Results<Ok<Page<TalkResponse>>, ValidationProblem>> ListTalks(TalksDbContext db, int page = 1, int pageSize = 20,
        CancellationToken cancellationToken = default)
    {
        if (Paging.Validate(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var query = db.Talks.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(t => t.Year).ThenBy(t => t.Title)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<TalkResponse>([.. items.Select(TalkResponse.From)], total, page, pageSize));
    }

    public static async Task<Ok<TalkResponse>> GetTalk(string idOrSlug, TalksDbContext db, CancellationToken cancellationToken)
    {
        var talk = Guid.TryParse(idOrSlug, out var id)
            ? await db.Talks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : await db.Talks.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == idOrSlug, cancellationToken);
        return talk is null ? throw DomainRuleException.NotFound("Talk", idOrSlug) : TypedResults.Ok(TalkResponse.From(talk));
    }
}
