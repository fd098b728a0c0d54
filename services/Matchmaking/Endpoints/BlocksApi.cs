using System.Security.Claims;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>A block; <c>displayName</c> is the name the person last had at an event (null if Matchmaking never learned it).</summary>
public sealed record BlockResponse(Guid AttendeeId, DateTimeOffset BlockedAt, string? DisplayName);

/// <summary>
/// An attendee blocks another, at every event: from then on they are never paired, neither sees the other in a
/// directory, meeting requests between them are refused as if the person were not listed, neither sees or joins the
/// other's topic tables, and their open matches and upcoming meetings are called off (declined by the blocker, which
/// also closes their messages).
/// </summary>
public static class BlocksApi
{
    public static IEndpointRouteBuilder MapBlocksApi(this IEndpointRouteBuilder app)
    {
        var blocks = app.MapGroup("/api/networking/blocks").WithTags("Blocks").RequireAuthorization(Policies.Attendee);
        blocks.MapGet("/", List).WithSummary("The people I blocked");
        blocks.MapPut("/{attendeeId:guid}", Block).WithSummary("Block someone: never paired or listed for each other again; open matches are called off");
        blocks.MapDelete("/{attendeeId:guid}", Unblock).WithSummary("Lift a block (matches called off by it stay declined)");
        return app;
    }

    public static async Task<Ok<List<BlockResponse>>> List(ClaimsPrincipal user, MatchmakingDbContext db, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var blocks = await db.Blocks.AsNoTracking().Where(b => b.BlockerId == me)
            .OrderByDescending(b => b.CreatedAt).ThenBy(b => b.BlockedId)
            .Select(b => new BlockResponse(b.BlockedId, b.CreatedAt, db.PoolMembers.Where(p => p.AttendeeId == b.BlockedId)
                .OrderByDescending(p => p.ProfileChangedAt).Select(p => p.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(blocks);
    }

    public static async Task<NoContent> Block(Guid attendeeId, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        if (attendeeId == me)
        {
            throw new DomainRuleException("block-self", "You cannot block yourself.", RuleViolation.Unprocessable);
        }
        // Only people Matchmaking has seen at an event (in a directory, a match or a table) can be blocked.
        if (!await db.PoolMembers.AnyAsync(p => p.AttendeeId == attendeeId, cancellationToken))
        {
            throw DomainRuleException.NotFound("Attendee", attendeeId);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Blocking twice (or twice at once) is one block, the first.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ({me}, {attendeeId}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        var (a, b) = me.CompareTo(attendeeId) < 0 ? (me, attendeeId) : (attendeeId, me);
        var open = await db.Matches
            .FromSql($"SELECT * FROM matches WHERE attendee_a = {a} AND attendee_b = {b} AND ends_at > {now} FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var match in open.Where(m => m.CallOff(me, now)))
        {
            db.Publish(new MatchDeclined
            {
                MatchId = match.Id, EventId = match.EventId, AttendeeId = me, PartnerId = match.PartnerOf(me), Reason = MatchEndings.Blocked, OccurredAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Unblock(Guid attendeeId, ClaimsPrincipal user, MatchmakingDbContext db, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        await db.Blocks.Where(b => b.BlockerId == me && b.BlockedId == attendeeId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
