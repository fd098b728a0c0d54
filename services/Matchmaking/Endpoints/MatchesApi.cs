using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Endpoints;

public sealed record PeerResponse(Guid AttendeeId, string DisplayName, string? Headline, string? Company);

/// <summary>A match as one of its two people sees it: the other person, why, and where things stand.</summary>
public sealed record MyMatchResponse(
    Guid Id, Guid EventId, Guid? RoundId, PeerResponse Partner, double Score, IReadOnlyList<string> Reasons, string Status,
    string MyResponse, string PartnerResponse, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? RoomUrl, int UnreadMessages = 0);

/// <summary>What needs the signed-in attendee: matches waiting for their answer, and messages they have not read.</summary>
public sealed record AttentionResponse(int AwaitingAnswer, int UnreadMessages);

public sealed record SendMessageRequest([Required, StringLength(DirectMessage.MaxLength * 2)] string Text);

public sealed record MessageResponse(Guid Id, Guid MatchId, Guid SenderId, string Text, DateTimeOffset SentAt);

/// <summary>Matches, consent and private messages. A match is visible to its two people only: anyone else gets 404.</summary>
public static class MatchesApi
{
    public static IEndpointRouteBuilder MapMatchesApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Matches").RequireAuthorization(Policies.Attendee);
        networking.MapGet("/me/matches", MyMatches).WithSummary("Your matches, with the reasons you were paired");
        networking.MapPost("/matches/{id:guid}/accept", Accept).WithSummary("Say yes; when both say yes the meeting is confirmed");
        networking.MapPost("/matches/{id:guid}/decline", Decline).WithSummary("Say no; the pair is never proposed again");
        networking.MapGet("/matches/{id:guid}/messages", Messages).WithSummary("Private messages of a confirmed match, oldest first");
        networking.MapPost("/matches/{id:guid}/messages", SendMessage).WithSummary("Write to the other person of a confirmed match");
        networking.MapPost("/matches/{id:guid}/read", MarkRead).WithSummary("Mark every message of the match read");
        networking.MapGet("/me/attention", Attention).WithSummary("How many matches wait for your answer, and how many messages you have not read");
        return app;
    }

    public static async Task<Ok<List<MyMatchResponse>>> MyMatches(ClaimsPrincipal user, MatchmakingDbContext db, Guid? eventId,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var matches = await db.Matches.AsNoTracking()
            .Where(m => (m.AttendeeA == me || m.AttendeeB == me) && (eventId == null || m.EventId == eventId))
            .OrderByDescending(m => m.StartsAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var partnerIds = matches.Select(m => m.PartnerOf(me)).Distinct().ToList();
        var eventIds = matches.Select(m => m.EventId).Distinct().ToList();
        var partners = await db.PoolMembers.AsNoTracking()
            .Where(p => partnerIds.Contains(p.AttendeeId) && eventIds.Contains(p.EventId))
            .ToDictionaryAsync(p => (p.EventId, p.AttendeeId), cancellationToken);
        var unread = await UnreadAsync(db, me, eventId, cancellationToken);
        return TypedResults.Ok(matches.Select(m => Describe(m, me, partners.GetValueOrDefault((m.EventId, m.PartnerOf(me))))
            with { UnreadMessages = unread.GetValueOrDefault(m.Id) }).ToList());
    }

    public static async Task<NoContent> MarkRead(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var match = await db.Matches.FirstOrDefaultAsync(m => m.Id == id && (m.AttendeeA == me || m.AttendeeB == me), cancellationToken)
            ?? throw DomainRuleException.NotFound("Match", id);
        var now = clock.GetUtcNow();
        match.MarkRead(me, now);
        db.Publish(new DirectMessagesRead { MatchId = match.Id, ReaderId = me, ReadAt = now, OccurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<AttentionResponse>> Attention(ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        var awaiting = await db.Matches.CountAsync(m => (m.AttendeeA == me && m.ResponseA == MatchResponse.Pending
                || m.AttendeeB == me && m.ResponseB == MatchResponse.Pending)
            && m.Status == MatchStatus.Proposed && m.EndsAt > now, cancellationToken);
        var unread = await UnreadAsync(db, me, null, cancellationToken);
        return TypedResults.Ok(new AttentionResponse(awaiting, unread.Values.Sum()));
    }

    /// <summary>Per match of <paramref name="me"/>: messages from the other person after <paramref name="me"/> last read.</summary>
    private static Task<Dictionary<Guid, int>> UnreadAsync(MatchmakingDbContext db, Guid me, Guid? eventId, CancellationToken cancellationToken) =>
        db.DirectMessages.AsNoTracking()
            .Where(d => d.SenderId != me)
            .Join(db.Matches.Where(m => (m.AttendeeA == me || m.AttendeeB == me) && (eventId == null || m.EventId == eventId)),
                d => d.MatchId, m => m.Id, (d, m) => new { d.MatchId, d.SentAt, ReadAt = m.AttendeeA == me ? m.ReadByAAt : m.ReadByBAt })
            .Where(x => x.ReadAt == null || x.SentAt > x.ReadAt)
            .GroupBy(x => x.MatchId)
            .Select(g => new { MatchId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.MatchId, x => x.Count, cancellationToken);

    /// <summary>One match as <paramref name="me"/> sees it, with the partner's profile from the event's pool.</summary>
    public static async Task<MyMatchResponse> DescribeAsync(MatchmakingDbContext db, Match match, Guid me, CancellationToken cancellationToken)
    {
        var partnerId = match.PartnerOf(me);
        var partner = await db.PoolMembers.AsNoTracking()
            .FirstOrDefaultAsync(p => p.EventId == match.EventId && p.AttendeeId == partnerId, cancellationToken);
        return Describe(match, me, partner);
    }

    private static MyMatchResponse Describe(Match m, Guid me, PoolMember? partner)
    {
        var partnerId = m.PartnerOf(me);
        return new MyMatchResponse(m.Id, m.EventId, m.RoundId,
            new PeerResponse(partnerId, partner?.DisplayName ?? "Attendee", partner?.Headline, partner?.Company),
            m.Score, m.ReasonsFor(me), WireEnum.Name(m.Status), WireEnum.Name(m.ResponseOf(me)), WireEnum.Name(m.ResponseOf(partnerId)),
            m.StartsAt, m.EndsAt, m.Status == MatchStatus.Confirmed ? m.RoomUrl : null);
    }

    public static async Task<Ok<MyMatchResponse>> Accept(Guid id, ClaimsPrincipal user, MatchmakingDbContext db,
        IOptions<NetworkingOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var match = await LockMineAsync(db, id, me, cancellationToken);
        var now = clock.GetUtcNow();
        var alreadyAccepted = match.ResponseOf(me) == MatchResponse.Accepted;
        var confirmed = match.Accept(me, options.Value.VideoRoomBaseUrl, now);
        if (!alreadyAccepted)
        {
            db.Publish(new MatchAccepted { MatchId = match.Id, EventId = match.EventId, AttendeeId = me, PartnerId = match.PartnerOf(me), OccurredAt = now });
        }
        if (confirmed)
        {
            db.Publish(new MeetingConfirmed
            {
                MeetingId = match.MeetingId!.Value,
                MatchId = match.Id,
                EventId = match.EventId,
                AttendeeIds = [match.AttendeeA, match.AttendeeB],
                StartsAt = match.StartsAt,
                EndsAt = match.EndsAt,
                RoomUrl = match.RoomUrl!,
                OccurredAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, match, me, cancellationToken));
    }

    public static async Task<Ok<MyMatchResponse>> Decline(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var match = await LockMineAsync(db, id, me, cancellationToken);
        if (match.ResponseOf(me) != MatchResponse.Declined)
        {
            var now = clock.GetUtcNow();
            match.Decline(me, now);
            db.Publish(new MatchDeclined { MatchId = match.Id, EventId = match.EventId, AttendeeId = me, PartnerId = match.PartnerOf(me), OccurredAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, match, me, cancellationToken));
    }

    public static async Task<Results<Ok<Page<MessageResponse>>, ValidationProblem>> Messages(Guid id, ClaimsPrincipal user,
        MatchmakingDbContext db, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (Paging.Validate(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var match = await FindMineAsync(db, id, user.AttendeeId(), cancellationToken);
        var messages = db.DirectMessages.AsNoTracking().Where(m => m.MatchId == match.Id);
        var total = await messages.CountAsync(cancellationToken);
        var items = await messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new MessageResponse(m.Id, m.MatchId, m.SenderId, m.Text, m.SentAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MessageResponse>(items, total, page, pageSize));
    }

    public static async Task<Created<MessageResponse>> SendMessage(Guid id, SendMessageRequest request, ClaimsPrincipal user, HttpContext http,
        MatchmakingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = ServiceDefaults.CorrelationIdMiddleware.Get(http);
        var me = user.AttendeeId();
        var match = await FindMineAsync(db, id, me, cancellationToken);
        if (match.Status != MatchStatus.Confirmed)
        {
            throw new DomainRuleException("meeting-not-confirmed", "Messages open once both of you have accepted the match.");
        }
        var message = DirectMessage.Write(match.Id, me, request.Text, clock.GetUtcNow());
        db.DirectMessages.Add(message);
        db.Publish(new DirectMessageSent
        {
            MessageId = message.Id, MatchId = match.Id, EventId = match.EventId, SenderId = me, RecipientId = match.PartnerOf(me),
            OccurredAt = message.SentAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/matches/{id}/messages",
            new MessageResponse(message.Id, message.MatchId, message.SenderId, message.Text, message.SentAt));
    }

    /// <summary>The match if the attendee is one of its two people; otherwise 404, so that a stranger learns nothing.</summary>
    private static async Task<Match> FindMineAsync(MatchmakingDbContext db, Guid id, Guid me, CancellationToken cancellationToken) =>
        await db.Matches.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && (m.AttendeeA == me || m.AttendeeB == me), cancellationToken)
        ?? throw DomainRuleException.NotFound("Match", id);

    /// <summary>As <see cref="FindMineAsync"/>, row-locked for the transaction, so two answers at once are applied one after the other.</summary>
    private static async Task<Match> LockMineAsync(MatchmakingDbContext db, Guid id, Guid me, CancellationToken cancellationToken) =>
        await db.Matches.FromSql($"SELECT * FROM matches WHERE id = {id} FOR UPDATE")
            .FirstOrDefaultAsync(m => m.AttendeeA == me || m.AttendeeB == me, cancellationToken)
        ?? throw DomainRuleException.NotFound("Match", id);
}
