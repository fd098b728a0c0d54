using System.Security.Claims;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Delivery;
using EventPlatform.Notifications.Letters;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Notifications.Endpoints;

/// <summary>One entry of a person's feed: the facts and the words, and whether it was read.</summary>
public sealed record NotificationResponse(
    Guid Id, string Kind, string Title, string Text, string Link, Guid? EventId, Guid? MatchId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>A page of the feed with the number of unread notifications (for the badge).</summary>
public sealed record NotificationFeed(IReadOnlyList<NotificationResponse> Items, int Total, int Page, int PageSize, int Unread);

public sealed record UnreadCount(int Unread);

/// <summary>Each person's notifications, newest first; only ever their own.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Attendee);
        feed.MapGet("/", List).WithSummary("Your notifications, newest first (unreadOnly=true for the unread ones), with the unread count");
        feed.MapGet("/unread-count", Unread).WithSummary("How many of your notifications are unread (the badge)");
        feed.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark one notification read; repeating it changes nothing");
        feed.MapPost("/read-all", MarkAllRead).WithSummary("Mark every notification read");
        return app;
    }

    public static async Task<Results<Ok<NotificationFeed>, ValidationProblem>> List(ClaimsPrincipal user, NotificationsDbContext db,
        IOptions<EmailDeliveryOptions> delivery, TimeProvider clock, bool unreadOnly = false, int page = 1, int pageSize = 20,
        CancellationToken cancellationToken = default)
    {
        if (Paging.Validate(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var me = user.AttendeeId();
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me && n.ShowInFeed);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var listed = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unreadOnly ? unread : await listed.CountAsync(cancellationToken);
        var items = await listed.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);

        // Written now, from what is known of the events and the people now (a renamed event reads with its new title).
        var eventIds = items.Select(n => n.EventId).OfType<Guid>().Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var partnerIds = items.Select(n => n.PartnerId).OfType<Guid>().Distinct().ToList();
        var names = await db.Contacts.AsNoTracking().Where(c => partnerIds.Contains(c.AttendeeId))
            .ToDictionaryAsync(c => c.AttendeeId, c => c.DisplayName, cancellationToken);
        var writer = new LetterWriter(delivery.Value.PublicUrl);
        var now = clock.GetUtcNow();
        var responses = items.Select(n =>
        {
            var letter = writer.Write(n, me, n.EventId is { } e ? events.GetValueOrDefault(e) : null,
                n.PartnerId is { } p ? names.GetValueOrDefault(p) : null, now);
            return new NotificationResponse(n.Id, n.Kind, letter.Title, letter.Text, letter.Link, n.EventId, n.MatchId, n.CreatedAt, n.ReadAt);
        }).ToList();
        return TypedResults.Ok(new NotificationFeed(responses, total, page, pageSize, unread));
    }

    public static async Task<Ok<UnreadCount>> Unread(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        return TypedResults.Ok(new UnreadCount(await db.Notifications.CountAsync(n => n.RecipientId == me && n.ShowInFeed && n.ReadAt == null, cancellationToken)));
    }

    [ProblemResponses(404)]
    public static async Task<NoContent> MarkRead(Guid id, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        // Someone else's notification is as absent as one that does not exist.
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == me, cancellationToken)
            ?? throw DomainRuleException.NotFound("Notification", id);
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<UnreadCount>> MarkAllRead(ClaimsPrincipal user, NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.Ok(new UnreadCount(0));
    }
}
