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
public sealed record StartRoundRequest(DateTimeOffset? StartsAt, [Range(5, 240)] int? DurationMinutes);

public sealed record RoundResponse(
    Guid Id, Guid EventId, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PoolSize, int Pairs, double TotalScore,
    int Unmatched, DateTimeOffset? CompletedAt)
{
    public static RoundResponse From(NetworkingRound r) => new(r.Id, r.EventId, WireEnum.Name(r.Status), r.StartsAt, r.EndsAt,
        r.PoolSize, r.Pairs, r.TotalScore, r.Unmatched.Count, r.CompletedAt);
}

/// <summary>A pair of a round, as its organizers see it.</summary>
public sealed record RoundPair(Guid MatchId, PeerResponse A, PeerResponse B, double Score, string Status);

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
        if (request?.StartsAt is { } startsAt)
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
