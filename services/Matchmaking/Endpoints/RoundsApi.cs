using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.Matchmaking.Rounds;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>
/// The slot of a round started by hand: when the pairs meet. Without one, the next networking break of the agenda is
/// paired now (its round is brought forward rather than run twice).
/// </summary>
/// <param name="GroupSize">2 (the default) pairs people, who each accept or decline; 3 or 4 puts them in small groups that meet in a room of their own.</param>
public sealed record StartRoundRequest(DateTimeOffset? StartsAt, [Range(5, 240)] int? DurationMinutes,
    [Range(NetworkingRound.MinGroupSize, NetworkingRound.MaxGroupSize)] int? GroupSize = null);

public sealed record RoundResponse(
    Guid Id, Guid EventId, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PoolSize, int Pairs, double TotalScore,
    int Unmatched, DateTimeOffset? CompletedAt, int GroupSize = 2, int Groups = 0)
{
    public static RoundResponse From(NetworkingRound r) => new(r.Id, r.EventId, WireEnum.Name(r.Status), r.StartsAt, r.EndsAt,
        r.PoolSize, r.Pairs, r.TotalScore, r.Unmatched.Count, r.CompletedAt, r.GroupSize, r.Groups);
}

/// <summary>A pair of a round, as its organizers see it.</summary>
public sealed record RoundPair(Guid MatchId, PeerResponse A, PeerResponse B, double Score, string Status);

/// <summary>A group of a small-group round, as its organizers see it.</summary>
public sealed record RoundGroup(Guid GroupId, IReadOnlyList<PeerResponse> Members, double Score);

public sealed record RoundGroupsResponse(RoundResponse Round, IReadOnlyList<RoundGroup> Groups, IReadOnlyList<PeerResponse> Unplaced);

public sealed record RoundPairsResponse(RoundResponse Round, IReadOnlyList<RoundPair> Pairs, IReadOnlyList<PeerResponse> Unmatched);

public static class RoundsApi
{
    public static IEndpointRouteBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/networking/events/{eventId:guid}/rounds").WithTags("Networking rounds")
            .RequireAuthorization(Policies.Organizer);
        rounds.MapPost("/", StartRound)
            .WithSummary("Pair the event's networking pool now (maximum total compatibility), for a slot you choose or the next networking break");
        rounds.MapGet("/", ListRounds).WithSummary("The event's rounds, scheduled and completed");
        rounds.MapGet("/{roundId:guid}/pairs", RoundPairs).WithSummary("A round's pairs with their scores and answers, and who was left unmatched");
        rounds.MapGet("/{roundId:guid}/groups", RoundGroups).WithSummary("A small-group round's groups with their scores, and who was left unplaced");
        return app;
    }

    public static async Task<Created<RoundResponse>> StartRound(Guid eventId, StartRoundRequest? request, ClaimsPrincipal user,
        MatchmakingDbContext db, RoundPlanner planner, IOptions<NetworkingOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await EnsureOrganizerAsync(db, eventId, user, cancellationToken);
        var ev = await db.OpenNetworkingAsync(eventId, now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        NetworkingRound round;
        if (request?.StartsAt?.ToUniversalTime() is { } startsAt)
        {
            var endsAt = startsAt + (request.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : options.Value.DefaultSlotLength);
            if (startsAt < now.AddMinutes(-1) || startsAt >= ev.EndsAt)
            {
                throw new DomainRuleException("slot-outside-networking", "The slot must start now or later, and before the event ends.",
                    RuleViolation.Unprocessable);
            }
            round = NetworkingRound.Schedule(eventId, "manual:" + Guid.NewGuid().ToString("N"), startsAt, endsAt, now);
            db.Rounds.Add(round);
        }
        else
        {
            round = await db.Rounds.FromSql($"""
                    SELECT * FROM networking_rounds
                    WHERE event_id = {eventId} AND status = {nameof(RoundStatus.Scheduled)} AND ends_at > {now}
                    ORDER BY starts_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException("slot-required",
                    "The agenda has no networking break ahead: choose the slot the pairs meet in (startsAt, durationMinutes).",
                    RuleViolation.Unprocessable);
        }
        // Asked for, or (a break brought forward) the format chosen for the event's breaks, or pairs.
        round.InGroupsOf(request?.GroupSize ?? (request?.StartsAt is null ? ev.BreakGroupSize : 2));
        await planner.MatchAsync(round, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/events/{eventId}/rounds", RoundResponse.From(round));
    }

    public static async Task<Ok<List<RoundResponse>>> ListRounds(Guid eventId, ClaimsPrincipal user, MatchmakingDbContext db,
        CancellationToken cancellationToken)
    {
        await EnsureOrganizerAsync(db, eventId, user, cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.StartsAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rounds.Select(RoundResponse.From).ToList());
    }

    public static async Task<Ok<RoundPairsResponse>> RoundPairs(Guid eventId, Guid roundId, ClaimsPrincipal user, MatchmakingDbContext db,
        CancellationToken cancellationToken)
    {
        await EnsureOrganizerAsync(db, eventId, user, cancellationToken);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.EventId == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Round", roundId);
        var matches = await db.Matches.AsNoTracking().Where(m => m.RoundId == roundId).OrderByDescending(m => m.Score).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var people = matches.SelectMany(m => new[] { m.AttendeeA, m.AttendeeB }).Concat(round.Unmatched).Distinct().ToList();
        var names = await db.PoolMembers.AsNoTracking().Where(p => p.EventId == eventId && people.Contains(p.AttendeeId))
            .ToDictionaryAsync(p => p.AttendeeId, cancellationToken);
        PeerResponse Peer(Guid id) => names.TryGetValue(id, out var p)
            ? new PeerResponse(id, p.DisplayName, p.Headline, p.Company)
            : new PeerResponse(id, "Attendee", null, null);
        return TypedResults.Ok(new RoundPairsResponse(RoundResponse.From(round),
            [.. matches.Select(m => new RoundPair(m.Id, Peer(m.AttendeeA), Peer(m.AttendeeB), m.Score, WireEnum.Name(m.Status)))],
            [.. round.Unmatched.Select(Peer)]));
    }

    public static async Task<Ok<RoundGroupsResponse>> RoundGroups(Guid eventId, Guid roundId, ClaimsPrincipal user, MatchmakingDbContext db,
        CancellationToken cancellationToken)
    {
        await EnsureOrganizerAsync(db, eventId, user, cancellationToken);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.EventId == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Round", roundId);
        var groups = await db.Groups.AsNoTracking().Where(g => g.RoundId == roundId).OrderByDescending(g => g.Score).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var members = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).ToListAsync(cancellationToken);
        var peers = await GroupsApi.PeersAsync(db, eventId, members.Select(m => m.AttendeeId).Concat(round.Unmatched), cancellationToken);
        return TypedResults.Ok(new RoundGroupsResponse(RoundResponse.From(round),
            [.. groups.Select(g => new RoundGroup(g.Id, [.. members.Where(m => m.GroupId == g.Id).Select(m => peers(m.AttendeeId)).OrderBy(p => p.DisplayName)], g.Score))],
            [.. round.Unmatched.Select(peers)]));
    }

    private static async Task EnsureOrganizerAsync(MatchmakingDbContext db, Guid eventId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organizers = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => e.OrganizerIds).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", eventId);
        if (!organizers.Contains(user.AttendeeId()))
        {
            throw new DomainRuleException("not-an-organizer-of-event", "Only the organizers of this event may run its networking rounds.",
                RuleViolation.Forbidden);
        }
    }
}
