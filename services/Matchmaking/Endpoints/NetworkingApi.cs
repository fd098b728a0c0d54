using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

public sealed record NetworkingStatus(
    Guid EventId, string Title, string Status, DateTimeOffset NetworkingOpensAt, DateTimeOffset NetworkingClosesAt,
    bool IsOpen, IReadOnlyList<string> Topics, long Version, int PoolSize);

/// <summary>Where the signed-in attendee stands in an event's networking pool, and why.</summary>
public sealed record PoolMembership(Guid EventId, bool InPool, bool Confirmed, bool NetworkingOptIn, string Reason,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Intents, string TimeZone);

public static class NetworkingApi
{
    public static IEndpointRouteBuilder MapNetworkingApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Networking");
        networking.MapGet("/events/{eventId:guid}", GetNetworkingStatus)
            .WithSummary("When networking opens and closes, and how many attendees are in the pool");
        networking.MapGet("/events/{eventId:guid}/me", GetMyMembership).RequireAuthorization(Policies.Attendee)
            .WithSummary("Whether the signed-in attendee is in the event's networking pool, and why (not)");
        return app;
    }

    /// <summary>When networking for an event opens and closes, as Matchmaking knows it.</summary>
    public static async Task<Ok<NetworkingStatus>> GetNetworkingStatus(Guid eventId, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", eventId);
        var poolSize = await db.PoolMembers.CountAsync(p => p.EventId == eventId && p.Confirmed && p.NetworkingOptIn, cancellationToken);
        return TypedResults.Ok(new NetworkingStatus(ev.Id, ev.Title, ev.Status, ev.NetworkingOpensAt, ev.EndsAt,
            ev.IsNetworkingOpen(clock.GetUtcNow()), ev.Topics, ev.Version, poolSize));
    }

    public static async Task<Ok<PoolMembership>> GetMyMembership(Guid eventId, ClaimsPrincipal user, MatchmakingDbContext db,
        CancellationToken cancellationToken)
    {
        var attendeeId = user.AttendeeId();
        var member = await db.PoolMembers.AsNoTracking().FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == attendeeId, cancellationToken)
            ?? throw new DomainRuleException("not-registered",
                $"You hold no confirmed seat at event '{eventId}' (waitlisted attendees join the pool when promoted).", RuleViolation.NotFound);
        var reason = (member.Confirmed, member.NetworkingOptIn) switch
        {
            (true, true) => "You are in the networking pool: rounds will pair you with a peer.",
            (true, false) => "You turned networking off in your profile; turn it on to be paired.",
            _ => "Your registration was cancelled, so you are not paired.",
        };
        return TypedResults.Ok(new PoolMembership(eventId, member.IsInPool, member.Confirmed, member.NetworkingOptIn, reason,
            member.Interests, member.Intents, member.TimeZone));
    }
}
