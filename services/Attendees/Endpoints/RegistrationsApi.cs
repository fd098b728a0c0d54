using EventPlatform.Attendees.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Endpoints;

public sealed record EventAvailability(
    Guid EventId, string Title, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int Capacity,
    DateTimeOffset? RegistrationOpensAt, DateTimeOffset? RegistrationClosesAt, long Version);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var registrations = app.MapGroup("/api/registrations").WithTags("Registrations");
        registrations.MapGet("/events/{eventId:guid}", GetEventAvailability);
        return app;
    }

    /// <summary>What registration knows of an event (from the replica): capacity, window, status.</summary>
    public static async Task<Results<Ok<EventAvailability>, NotFound>> GetEventAvailability(Guid eventId, AttendeesDbContext db, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        return ev is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new EventAvailability(ev.Id, ev.Title, ev.Status, ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Capacity,
                ev.RegistrationOpensAt, ev.RegistrationClosesAt, ev.Version));
    }
}
