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

/// <summary>Optional slot of a round started by hand: when the pairs meet (default: in five minutes, for the default length).</summary>
public sealed record StartRoundRequest(DateTimeOffset? StartsAt, int? DurationMinutes);

public sealed record RoundResponse(
    Guid Id, Guid EventId, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PoolSize, int Pairs, double TotalScore,
    int Unmatched, DateTimeOffset? CompletedAt)
{
    public static RoundResponse From(NetworkingRound r) => new(r.Id, r.EventId, WireEnum.Name(r.Status), r.StartsAt, r.EndsAt,
        r.PoolSize, r.Pairs, r.TotalScore, r.Unmatched.Count, r.CompletedAt);
}

public static class RoundsApi
{
    public static IEndpointRouteBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/networking/events/{eventId:guid}/rounds").WithTags("Networking rounds")
            .RequireAuthorization(Policies.Organizer);
        rounds.MapPost("/", StartRound).WithSummary("Pair the event's networking pool now (maximum total compatibility)");
        rounds.MapGet("/", ListRounds).WithSummary("The event's rounds, scheduled and completed");
        return app;
    }

    public static async Task<Created<RoundResponse>> StartRound(Guid eventId, StartRoundRequest? request, MatchmakingDbContext db,
        RoundPlanner planner, IOptions<NetworkingOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ev = await db.OpenNetworkingAsync(eventId, now, cancellationToken);
        if (request?.DurationMinutes is < 5 or > 240)
        {
            throw new DomainRuleException("slot-length", "A round's slot lasts 5 to 240 minutes.", RuleViolation.Unprocessable);
        }
        var startsAt = request?.StartsAt ?? now.AddMinutes(5);
        var endsAt = startsAt + (request?.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : options.Value.DefaultSlotLength);
        if (endsAt <= now || startsAt > ev.EndsAt)
        {
            throw new DomainRuleException("slot-outside-networking", "The slot must end in the future and start before the event ends.", RuleViolation.Unprocessable);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var round = NetworkingRound.Schedule(eventId, "manual:" + Guid.NewGuid().ToString("N"), startsAt, endsAt, now);
        db.Rounds.Add(round);
        await planner.MatchAsync(round, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/events/{eventId}/rounds", RoundResponse.From(round));
    }

    public static async Task<Ok<List<RoundResponse>>> ListRounds(Guid eventId, MatchmakingDbContext db, CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.StartsAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rounds.Select(RoundResponse.From).ToList());
    }
}
