using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>One of my small groups: who is in it, why (each reason names the member it is about), when, its room, and unread messages.</summary>
public sealed record MyGroupResponse(Guid Id, Guid EventId, Guid RoundId, IReadOnlyList<PeerResponse> Members, IReadOnlyList<string> Reasons,
    double Score, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string RoomUrl, int UnreadMessages);

public sealed record GroupMessageResponse(Guid Id, Guid GroupId, Guid SenderId, string SenderName, string Text, DateTimeOffset SentAt);

/// <summary>Small groups from group rounds: each member sees the group, joins its room and writes in its chat.</summary>
public static class GroupsApi
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Groups").RequireAuthorization(Policies.Attendee);
        networking.MapGet("/me/groups", MyGroups).WithSummary("The small groups you were put in (optionally at one event), soonest first");
        networking.MapGet("/groups/{id:guid}/messages", Messages).WithSummary("A group's chat, oldest first (its members only)");
        networking.MapPost("/groups/{id:guid}/messages", Send).WithSummary("Write to your group");
        networking.MapPost("/groups/{id:guid}/read", MarkRead).WithSummary("You have read the group's chat up to now");
        return app;
    }

    public static async Task<Ok<List<MyGroupResponse>>> MyGroups(ClaimsPrincipal user, MatchmakingDbContext db, Guid? eventId,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var mine = await db.GroupMembers.AsNoTracking().Where(m => m.AttendeeId == me && (eventId == null || m.EventId == eventId))
            .OrderBy(m => m.StartsAt).ThenBy(m => m.GroupId).Take(100).ToListAsync(cancellationToken);
        var ids = mine.Select(m => m.GroupId).ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        var members = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).ToListAsync(cancellationToken);
        var unread = await (
                from message in db.GroupMessages.AsNoTracking()
                join member in db.GroupMembers.AsNoTracking() on message.GroupId equals member.GroupId
                where member.AttendeeId == me && ids.Contains(message.GroupId) && message.SenderId != me
                    && (member.ReadAt == null || message.SentAt > member.ReadAt)
                group message by message.GroupId into g
                select new { GroupId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.GroupId, x => x.Count, cancellationToken);
        // One query per event for the names, not per group.
        var peersAt = new Dictionary<Guid, Func<Guid, PeerResponse>>();
        foreach (var ev in groups.Values.GroupBy(g => g.EventId))
        {
            var groupIds = ev.Select(g => g.Id).ToHashSet();
            peersAt[ev.Key] = await PeersAsync(db, ev.Key, members.Where(m => groupIds.Contains(m.GroupId)).Select(m => m.AttendeeId), cancellationToken);
        }
        var result = new List<MyGroupResponse>();
        foreach (var membership in mine)
        {
            var group = groups[membership.GroupId];
            var peers = peersAt[group.EventId];
            result.Add(new MyGroupResponse(group.Id, group.EventId, group.RoundId,
                [.. members.Where(m => m.GroupId == group.Id && m.AttendeeId != me).Select(m => peers(m.AttendeeId)).OrderBy(p => p.DisplayName)],
                membership.Reasons, group.Score, group.StartsAt, group.EndsAt, group.RoomUrl, unread.GetValueOrDefault(group.Id)));
        }
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<Page<GroupMessageResponse>>, ValidationProblem>> Messages(Guid id, ClaimsPrincipal user, MatchmakingDbContext db,
        int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (Paging.Validate(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await MembershipAsync(db, id, user.AttendeeId(), cancellationToken);
        var messages = db.GroupMessages.AsNoTracking().Where(m => m.GroupId == id);
        var total = await messages.CountAsync(cancellationToken);
        var items = await messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new GroupMessageResponse(m.Id, m.GroupId, m.SenderId, m.SenderName, m.Text, m.SentAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<GroupMessageResponse>(items, total, page, pageSize));
    }

    public static async Task<Created<GroupMessageResponse>> Send(Guid id, SendMessageRequest request, ClaimsPrincipal user, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var membership = await MembershipAsync(db, id, me, cancellationToken);
        var name = await db.PoolMembers.AsNoTracking().Where(p => p.EventId == membership.EventId && p.AttendeeId == me).Select(p => p.DisplayName)
            .FirstOrDefaultAsync(cancellationToken) ?? "Attendee";
        var message = GroupMessage.Write(id, me, name, request.Text, clock.GetUtcNow());
        db.GroupMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/groups/{id}/messages",
            new GroupMessageResponse(message.Id, id, me, message.SenderName, message.Text, message.SentAt));
    }

    public static async Task<NoContent> MarkRead(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        await MembershipAsync(db, id, me, cancellationToken);
        var now = clock.GetUtcNow();
        await db.GroupMembers.Where(m => m.GroupId == id && m.AttendeeId == me).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Names of people at an event as its pool knows them ("Attendee" for anyone it does not).</summary>
    public static async Task<Func<Guid, PeerResponse>> PeersAsync(MatchmakingDbContext db, Guid eventId, IEnumerable<Guid> attendees,
        CancellationToken cancellationToken)
    {
        var ids = attendees.Distinct().ToList();
        var known = await db.PoolMembers.AsNoTracking().Where(p => p.EventId == eventId && ids.Contains(p.AttendeeId))
            .ToDictionaryAsync(p => p.AttendeeId, cancellationToken);
        return id => known.TryGetValue(id, out var p) ? new PeerResponse(id, p.DisplayName, p.Headline, p.Company) : new PeerResponse(id, "Attendee", null, null);
    }

    /// <summary>My membership of the group; 404 for anyone else, so a stranger learns nothing.</summary>
    private static async Task<GroupMember> MembershipAsync(MatchmakingDbContext db, Guid id, Guid me, CancellationToken cancellationToken) =>
        await db.GroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == id && m.AttendeeId == me, cancellationToken)
        ?? throw DomainRuleException.NotFound("Group", id);
}
