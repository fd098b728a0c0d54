using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Endpoints;

public sealed record EventAvailability(
    Guid EventId, string Title, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int Capacity,
    int SeatsTaken, int Waitlisted, DateTimeOffset? RegistrationOpensAt, DateTimeOffset RegistrationClosesAt, long Version);

public sealed record RegisterRequest
{
    [Required]
    public Guid? EventId { get; init; }
}

/// <summary>A registration as its attendee sees it; <c>joinUrl</c> is there once the seat is confirmed, and only then.</summary>
public sealed record RegistrationResponse(
    Guid Id, Guid EventId, string EventTitle, DateTimeOffset StartsAt, DateTimeOffset EndsAt, RegistrationStatus Status,
    int? WaitlistPosition, DateTimeOffset RegisteredAt, DateTimeOffset? PromotedAt, DateTimeOffset? CancelledAt, string? JoinUrl,
    string EventStatus, string TimeZone);

public sealed record RegistrantResponse(
    Guid Id, Guid AttendeeId, string DisplayName, string Email, string? Company, RegistrationStatus Status,
    int? WaitlistPosition, DateTimeOffset RegisteredAt);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var registrations = app.MapGroup("/api/registrations").WithTags("Registrations");
        registrations.MapGet("/events/{eventId:guid}/availability", GetEventAvailability)
            .WithSummary("Seats taken, waitlist length and registration window of a published event");

        var attendee = registrations.MapGroup("/").RequireAuthorization(Policies.Attendee);
        attendee.MapPost("/", Register).WithSummary("Register for an event: a confirmed seat, or a place on the waitlist");
        attendee.MapGet("/me", ListMine).WithSummary("Your registrations, soonest event first, with waitlist positions");
        attendee.MapGet("/{id:guid}", GetRegistration).WithSummary("One of your registrations (with the join link once confirmed)");
        attendee.MapDelete("/{id:guid}", Cancel).WithSummary("Cancel your registration; the first on the waitlist takes the seat");
        attendee.MapGet("/{id:guid}/calendar.ics", CalendarInvite)
            .WithSummary("The RFC 5545 invite of your registration (METHOD:CANCEL once it is cancelled)");

        registrations.MapGet("/", ListForEvent).RequireAuthorization(Policies.Organizer)
            .WithSummary("Who registered for one of your events: confirmed first, then the waitlist in order");
        return app;
    }

    /// <summary>What registration knows of an event (from the replica): seats, waitlist, window, status.</summary>
    public static async Task<Results<Ok<EventAvailability>, NotFound>> GetEventAvailability(Guid eventId, AttendeesDbContext db, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        return ev is null || ev.Status == "draft"
            ? TypedResults.NotFound()
            : TypedResults.Ok(new EventAvailability(ev.Id, ev.Title, ev.Status, ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Capacity,
                ev.ConfirmedCount, ev.WaitlistedCount, ev.RegistrationOpensAt, ev.RegistrationClosesAtOrEnd, ev.Version));
    }

    /// <summary>201 with a new registration (confirmed or waitlisted); 200 with the existing one when already registered.</summary>
    public static async Task<Results<Created<RegistrationResponse>, Ok<RegistrationResponse>>> Register(
        RegisterRequest request, ClaimsPrincipal user, HttpContext http, AttendeesDbContext db, RegistrationDesk desk, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var outcome = await desk.RegisterAsync(request.EventId!.Value, user.AttendeeId(), cancellationToken);
        var response = ToResponse(outcome.Registration, outcome.Event, outcome.WaitlistPosition);
        return outcome.Created
            ? TypedResults.Created($"/api/registrations/{response.Id}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Ok<List<RegistrationResponse>>> ListMine(ClaimsPrincipal user, AttendeesDbContext db, RegistrationDesk desk, CancellationToken cancellationToken)
    {
        var attendeeId = user.AttendeeId();
        var mine = await db.Registrations.AsNoTracking()
            .Where(r => r.AttendeeId == attendeeId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { Registration = r, Event = e })
            .OrderBy(x => x.Event.StartsAt)
            .ToListAsync(cancellationToken);
        var responses = new List<RegistrationResponse>(mine.Count);
        foreach (var item in mine)
        {
            responses.Add(ToResponse(item.Registration, item.Event, await desk.WaitlistPositionAsync(item.Registration, cancellationToken)));
        }
        return TypedResults.Ok(responses);
    }

    public static async Task<Ok<RegistrationResponse>> GetRegistration(Guid id, ClaimsPrincipal user, AttendeesDbContext db, RegistrationDesk desk, CancellationToken cancellationToken)
    {
        var (registration, ev) = await FindOwnAsync(id, user, db, cancellationToken);
        return TypedResults.Ok(ToResponse(registration, ev, await desk.WaitlistPositionAsync(registration, cancellationToken)));
    }

    public static async Task<Ok<RegistrationResponse>> Cancel(Guid id, ClaimsPrincipal user, HttpContext http, AttendeesDbContext db, RegistrationDesk desk, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var registration = await desk.CancelAsync(id, user.AttendeeId(), cancellationToken);
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == registration.EventId, cancellationToken);
        return TypedResults.Ok(ToResponse(registration, ev, null));
    }

    public static async Task<FileContentHttpResult> CalendarInvite(Guid id, ClaimsPrincipal user, AttendeesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (registration, ev) = await FindOwnAsync(id, user, db, cancellationToken);
        // A cancelled registration gets a METHOD:CANCEL invite, which takes the event out of the attendee's calendar.
        var ics = CalendarInvites.For(registration, ev, clock.GetUtcNow());
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{Slug(ev.Title)}.ics");
    }

    /// <summary>Who registered for an event (its organizers only): confirmed first, then the waitlist in order.</summary>
    public static async Task<Results<Ok<Page<RegistrantResponse>>, ValidationProblem>> ListForEvent(
        Guid? eventId, ClaimsPrincipal user, AttendeesDbContext db, string? q = null, int page = 1, int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Validate(page, pageSize) ?? [];
        if (q is { Length: > 200 })
        {
            errors["q"] = ["q is at most 200 characters."];
        }
        if (eventId is null)
        {
            errors["eventId"] = ["eventId is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", eventId!.Value);
        if (!ev.IsOrganizedBy(user.AttendeeId()))
        {
            throw new DomainRuleException("not-an-organizer-of-event", "Only the organizers of this event may see who registered.", RuleViolation.Forbidden);
        }
        var active = db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled);
        var joined = active.Join(db.Attendees, r => r.AttendeeId, a => a.Id, (r, a) => new { Registration = r, a.DisplayName, a.Email, a.Company });
        if (!string.IsNullOrWhiteSpace(q))
        {
            // A search by name, email or company; positions stay those of the whole list.
            var pattern = $"%{q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            joined = joined.Where(x => EF.Functions.ILike(x.DisplayName, pattern, "\\") || EF.Functions.ILike(x.Email, pattern, "\\")
                || (x.Company != null && EF.Functions.ILike(x.Company, pattern, "\\")));
        }
        var total = await joined.CountAsync(cancellationToken);
        var rows = await joined
            .OrderBy(x => x.Registration.Status).ThenBy(x => x.Registration.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Registration, x.DisplayName, x.Email, x.Company,
                // The place on the whole waitlist (a correlated count in the same query), whatever the search.
                Position = active.Count(o => o.Status == RegistrationStatus.Waitlisted && o.Sequence <= x.Registration.Sequence),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(row => new RegistrantResponse(row.Registration.Id, row.Registration.AttendeeId, row.DisplayName, row.Email,
            row.Company, row.Registration.Status, row.Registration.Status == RegistrationStatus.Waitlisted ? row.Position : null,
            row.Registration.RegisteredAt)).ToList();
        return TypedResults.Ok(new Page<RegistrantResponse>(items, total, page, pageSize));
    }

    /// <summary>Someone else's registration is 404, not 403: its existence is not theirs to know.</summary>
    private static async Task<(Registration Registration, EventReplica Event)> FindOwnAsync(Guid id, ClaimsPrincipal user, AttendeesDbContext db, CancellationToken cancellationToken)
    {
        var attendeeId = user.AttendeeId();
        var found = await db.Registrations.AsNoTracking()
            .Where(r => r.Id == id && r.AttendeeId == attendeeId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { Registration = r, Event = e })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Registration", id);
        return (found.Registration, found.Event);
    }

    private static RegistrationResponse ToResponse(Registration r, EventReplica ev, int? position) =>
        new(r.Id, r.EventId, ev.Title, ev.StartsAt, ev.EndsAt, r.Status, position, r.RegisteredAt, r.PromotedAt, r.CancelledAt,
            r.Status == RegistrationStatus.Confirmed && ev.Status is "published" or "live" ? ev.JoinUrl : null, ev.Status, ev.TimeZone);

    private static string Slug(string title)
    {
        var slug = new string([.. title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length == 0 ? "event" : slug[..Math.Min(slug.Length, 60)];
    }
}
