using EventPlatform.Matchmaking.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

public sealed record NetworkingStatus(
    Guid EventId, string Title, string Status, DateTimeOffset NetworkingOpensAt, DateTimeOffset NetworkingClosesAt,
    bool IsOpen, IReadOnlyList<string> Topics, long Version);

public static class NetworkingApi
{
    public static IEndpointRouteBuilder MapNetworkingApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Networking");
        networking.MapGet("/events/{eventId:guid}", GetNetworkingStatus);
        return app;
    }

    /// <summary>When networking for an event opens and closes, as Matchmaking knows it.</summary>
    public static async Task<Results<Ok<NetworkingStatus>, NotFound>> GetNetworkingStatus(Guid eventId, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        return ev is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new NetworkingStatus(ev.Id, ev.Title, ev.Status, ev.NetworkingOpensAt, ev.EndsAt,
                ev.IsNetworkingOpen(clock.GetUtcNow()), ev.Topics, ev.Version));
    }
}
