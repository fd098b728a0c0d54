using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>
/// A free period: <c>from</c> and <c>to</c> are wall-clock times in the request's time zone ("2026-12-01T09:00"); a
/// time with an offset ("…Z", "…+01:00") is taken as that instant.
/// </summary>
public sealed record FreePeriod([Required, StringLength(40)] string? From, [Required, StringLength(40)] string? To);

/// <summary>The times to mark; <c>timeZone</c> defaults to the one in the profile. No periods: free whenever networking is open.</summary>
public sealed record AvailabilityRequest([StringLength(64)] string? TimeZone, [Required, MaxLength(Availability.MaxSlots)] List<FreePeriod>? Periods);

/// <summary>One free period, as instants and as the person's wall clock.</summary>
public sealed record FreePeriodResponse(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string From, string To);

/// <summary>When the signed-in person is free around the event; <c>marked</c> false means free whenever networking is open.</summary>
public sealed record AvailabilityResponse(Guid EventId, bool Marked, string TimeZone, IReadOnlyList<FreePeriodResponse> Periods);

public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        var availability = app.MapGroup("/api/networking/events/{eventId:guid}/availability").WithTags("Availability").RequireAuthorization(Policies.Attendee);
        availability.MapGet("/", Get).WithSummary("When you are free for networking around the event (rounds and meeting requests keep to it)");
        availability.MapPut("/", Put).WithSummary("Mark when you are free, in your own time zone; an empty list means any time networking is open");
        return app;
    }

    public static async Task<Ok<AvailabilityResponse>> Get(Guid eventId, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var member = await db.NetworkingMemberAsync(eventId, user, clock.GetUtcNow(), cancellationToken);
        var marked = await db.Availabilities.AsNoTracking().FirstOrDefaultAsync(a => a.EventId == eventId && a.AttendeeId == member.AttendeeId, cancellationToken);
        return TypedResults.Ok(Describe(eventId, marked, member.TimeZone));
    }

    [ProblemResponses(422)]
    public static async Task<Results<Ok<AvailabilityResponse>, ValidationProblem>> Put(Guid eventId, AvailabilityRequest request, ClaimsPrincipal user,
        MatchmakingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var periods = request.Periods ?? [];
        var read = new List<(DateTimeOffset?, DateTime, DateTimeOffset?, DateTime)>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i] is null || !TryRead(periods[i].From, out var start, out var startLocal) | !TryRead(periods[i]?.To, out var end, out var endLocal))
            {
                errors[$"periods[{i}]"] = ["from and to are times such as 2026-12-01T09:00 (your wall clock) or 2026-12-01T08:00Z (an instant)."];
                continue;
            }
            read.Add((start, startLocal, end, endLocal));
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var member = await db.NetworkingMemberAsync(eventId, user, clock.GetUtcNow(), cancellationToken);
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) ?? throw DomainRuleException.NotFound("Event", eventId);
        var existing = await db.Availabilities.FirstOrDefaultAsync(a => a.EventId == eventId && a.AttendeeId == member.AttendeeId, cancellationToken);
        if (read.Count == 0)
        {
            if (existing is not null)
            {
                db.Availabilities.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
            return TypedResults.Ok(Describe(eventId, null, member.TimeZone));
        }
        var availability = existing ?? Availability.For(eventId, member.AttendeeId);
        availability.Mark(request.TimeZone ?? member.TimeZone, read, ev.NetworkingOpensAt, ev.EndsAt, clock.GetUtcNow());
        if (existing is null)
        {
            db.Availabilities.Add(availability);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(eventId, availability, member.TimeZone));
    }

    private static readonly string[] WallClock = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];
    private static readonly string[] WithOffset = ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>A time written with its offset is an instant; one without is a wall-clock time in the request's zone.</summary>
    private static bool TryRead(string? text, out DateTimeOffset? instant, out DateTime local)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        instant = null;
        if (DateTime.TryParseExact(text, WallClock, invariant, System.Globalization.DateTimeStyles.None, out local))
        {
            return local.Year is >= 1970 and < 2200;
        }
        if (DateTimeOffset.TryParseExact(text, WithOffset, invariant, System.Globalization.DateTimeStyles.None, out var at))
        {
            instant = at;
            return at.Year is >= 1970 and < 2200;
        }
        return false;
    }

    private static AvailabilityResponse Describe(Guid eventId, Availability? marked, string fallbackZone)
    {
        var zoneId = marked?.TimeZone ?? fallbackZone;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        string Wall(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new AvailabilityResponse(eventId, marked is not null, zone.Id,
            [.. (marked?.Slots ?? []).Select(s => new FreePeriodResponse(s.StartsAt, s.EndsAt, Wall(s.StartsAt), Wall(s.EndsAt)))]);
    }
}
