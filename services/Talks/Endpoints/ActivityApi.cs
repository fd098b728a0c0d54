using System.Security.Claims;
using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Talks.Endpoints;

/// <summary>What the caller did with a talk: watched or read it for a while, saved it.</summary>
public sealed record TalkActivityResponse(Guid TalkId, bool Viewed, bool Bookmarked);

/// <summary>
/// A person's own activity in the library: the talks they watched (recorded by the web app once they have stayed on a
/// talk a while) and saved. Each change is told to Matchmaking through the outbox (a networking signal the person can
/// turn off there); repeating a call changes nothing and tells nothing.
/// </summary>
public static class ActivityApi
{
    public static IEndpointRouteBuilder MapActivityApi(this IEndpointRouteBuilder app)
    {
        var talks = app.MapGroup("/api/talks").WithTags("My library").RequireAuthorization(Policies.Attendee);
        talks.MapGet("/saved", Saved).WithSummary("The talks you saved, most recently saved first");
        talks.MapGet("/{idOrSlug}/me", Mine).WithSummary("Whether you watched and saved this talk");
        talks.MapPost("/{idOrSlug}/views", RecordView).WithSummary("You watched or read this talk for a while (once per talk; repeating it changes nothing)");
        talks.MapPut("/{idOrSlug}/bookmark", Save).WithSummary("Save the talk to your list (repeating it changes nothing)");
        talks.MapDelete("/{idOrSlug}/bookmark", Unsave).WithSummary("Take the talk off your list (repeating it changes nothing)");
        return app;
    }

    public static async Task<Results<Ok<Page<TalkResponse>>, ValidationProblem>> Saved(ClaimsPrincipal user, TalksDbContext db, int page = 1,
        int pageSize = 20, CancellationToken cancellationToken = default)
    {
        if (Paging.Validate(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var me = user.AttendeeId();
        var saved = db.Bookmarks.AsNoTracking().Where(b => b.AttendeeId == me);
        var total = await saved.CountAsync(cancellationToken);
        var talks = await saved.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.TalkId)
            .Join(db.Talks.AsNoTracking(), b => b.TalkId, t => t.Id, (b, t) => t)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<TalkResponse>([.. talks.Select(TalkResponse.From)], total, page, pageSize));
    }

    public static async Task<Ok<TalkActivityResponse>> Mine(string idOrSlug, ClaimsPrincipal user, TalksDbContext db, CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        return TypedResults.Ok(await ActivityAsync(db, talk.Id, user.AttendeeId(), cancellationToken));
    }

    public static async Task<Ok<TalkActivityResponse>> RecordView(string idOrSlug, ClaimsPrincipal user, TalksDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        await ChangeAsync(db, async () => await db.Database.ExecuteSqlAsync(
            $"INSERT INTO talk_views (talk_id, attendee_id, viewed_at) VALUES ({talk.Id}, {me}, {now}) ON CONFLICT DO NOTHING", cancellationToken) == 1,
            new TalkViewed { TalkId = talk.Id, TalkTitle = talk.Title, AttendeeId = me, OccurredAt = now }, cancellationToken);
        return TypedResults.Ok(await ActivityAsync(db, talk.Id, me, cancellationToken));
    }

    public static async Task<Ok<TalkActivityResponse>> Save(string idOrSlug, ClaimsPrincipal user, TalksDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        await ChangeAsync(db, async () => await db.Database.ExecuteSqlAsync(
            $"INSERT INTO talk_bookmarks (talk_id, attendee_id, created_at) VALUES ({talk.Id}, {me}, {now}) ON CONFLICT DO NOTHING", cancellationToken) == 1,
            Bookmark(talk, me, true, now), cancellationToken);
        return TypedResults.Ok(await ActivityAsync(db, talk.Id, me, cancellationToken));
    }

    public static async Task<Ok<TalkActivityResponse>> Unsave(string idOrSlug, ClaimsPrincipal user, TalksDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var me = user.AttendeeId();
        await ChangeAsync(db, async () => await db.Database.ExecuteSqlAsync(
            $"DELETE FROM talk_bookmarks WHERE talk_id = {talk.Id} AND attendee_id = {me}", cancellationToken) == 1,
            Bookmark(talk, me, false, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(await ActivityAsync(db, talk.Id, me, cancellationToken));
    }

    private static TalkBookmarkChanged Bookmark(Talk talk, Guid attendee, bool bookmarked, DateTimeOffset now) =>
        new() { TalkId = talk.Id, TalkTitle = talk.Title, AttendeeId = attendee, Bookmarked = bookmarked, OccurredAt = now };

    /// <summary>The row decides whether anything changed; the message goes out with it in one transaction, or not at all.</summary>
    private static async Task ChangeAsync<T>(TalksDbContext db, Func<Task<bool>> change, T message, CancellationToken cancellationToken) where T : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await change())
        {
            db.Publish(message);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<TalkActivityResponse> ActivityAsync(TalksDbContext db, Guid talkId, Guid me, CancellationToken cancellationToken) =>
        new(talkId,
            await db.Views.AnyAsync(v => v.TalkId == talkId && v.AttendeeId == me, cancellationToken),
            await db.Bookmarks.AnyAsync(b => b.TalkId == talkId && b.AttendeeId == me, cancellationToken));
}
