using System.Security.Claims;
using EventPlatform.Contracts.Events;
using EventPlatform.Events.Data;
using EventPlatform.Events.Domain;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Events.Endpoints;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");
        events.MapGet("/", ListEvents);
        events.MapGet("/{id:guid}", GetEvent);

        var organizer = events.MapGroup("/").RequireAuthorization(Policies.Organizer);
        organizer.MapPost("/", CreateEvent);
        organizer.MapPut("/{id:guid}", UpdateEvent);
        organizer.MapPost("/{id:guid}/publish", PublishEvent);
        organizer.MapPost("/{id:guid}/start", StartEvent);
        organizer.MapPost("/{id:guid}/end", EndEvent);
        organizer.MapPost("/{id:guid}/cancel", CancelEvent);
        organizer.MapPost("/{id:guid}/agenda", AddAgendaItem);
        return app;
    }

    public static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem>> ListEvents(
        EventsDbContext db, ClaimsPrincipal user,
        string? status, string? topic, DateTimeOffset? from, DateTimeOffset? to,
        int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Validate(page, pageSize) ?? [];
        EventStatus? wanted = null;
        if (status is not null)
        {
            wanted = WireEnum.Parse<EventStatus>(status);
            if (wanted is null)
            {
                errors["status"] = [$"status must be one of: {WireEnum.Names<EventStatus>()}."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Events.AsNoTracking().AsQueryable();
        query = user.IsOrganizer() ? query : query.Where(e => e.Status != EventStatus.Draft);
        if (wanted is { } s)
        {
            query = query.Where(e => e.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(topic))
        {
            var t = ServiceDefaults.Vocabulary.Topics.Normalize(topic);
            query = query.Where(e => e.Topics.Contains(t));
        }
        if (from is { } f)
        {
            query = query.Where(e => e.EndsAt >= f);
        }
        if (to is { } until)
        {
            query = query.Where(e => e.StartsAt <= until);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<EventResponse>([.. items.Select(EventResponse.From)], total, page, pageSize));
    }

    public static async Task<Results<Ok<EventResponse>, NotFound>> GetEvent(Guid id, EventsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return ev is not null && (ev.IsVisibleToPublic || user.IsOrganizer())
            ? TypedResults.Ok(EventResponse.From(ev))
            : TypedResults.NotFound();
    }

    public static async Task<Created<EventResponse>> CreateEvent(EventRequest request, EventsDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ev = Event.Create(request.ToDetails(), user.AttendeeId(), clock.GetUtcNow());
        db.Events.Add(ev);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/events/{ev.Id}", EventResponse.From(ev));
    }

    public static Task<Ok<EventResponse>> UpdateEvent(Guid id, EventRequest request, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, http, ev =>
        {
            ev.Update(request.ToDetails(), clock.GetUtcNow());
            if (ev.Status != EventStatus.Draft)
            {
                db.Publish(new EventUpdated { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
            }
        }, cancellationToken);

    public static Task<Ok<EventResponse>> PublishEvent(Guid id, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, http, ev =>
        {
            ev.Publish(clock.GetUtcNow());
            db.Publish(new EventPublished { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
            foreach (var round in ev.NetworkingRounds(ev.Agenda, ev.UpdatedAt))
            {
                db.Publish(round);
            }
        }, cancellationToken);

    public static Task<Ok<EventResponse>> StartEvent(Guid id, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, http, ev =>
        {
            ev.Start(clock.GetUtcNow());
            db.Publish(new EventStarted { EventId = ev.Id, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static Task<Ok<EventResponse>> EndEvent(Guid id, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, http, ev =>
        {
            ev.End(clock.GetUtcNow());
            db.Publish(new EventEnded { EventId = ev.Id, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static Task<Ok<EventResponse>> CancelEvent(Guid id, CancelEventRequest? request, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, http, ev =>
        {
            ev.Cancel(request?.Reason, clock.GetUtcNow());
            db.Publish(new EventCancelled { EventId = ev.Id, Reason = ev.CancellationReason, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static async Task<Created<AgendaItemResponse>> AddAgendaItem(Guid id, AgendaItemRequest request, EventsDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        AgendaItem? item = null;
        await Change(id, db, http, ev =>
        {
            item = ev.AddAgendaItem(request.Kind, request.Title, request.StartsAt, request.EndsAt, request.Speakers, clock.GetUtcNow());
            if (ev.Status is EventStatus.Published or EventStatus.Live)
            {
                foreach (var round in ev.NetworkingRounds([item], ev.UpdatedAt))
                {
                    db.Publish(round);
                }
            }
        }, cancellationToken);
        return TypedResults.Created($"/api/events/{id}",
            new AgendaItemResponse(item!.Id, item.Kind, item.Title, item.StartsAt, item.EndsAt, item.Speakers, item.TalkId));
    }

    /// <summary>Loads the event, applies one change and saves it with the messages it caused in one transaction.</summary>
    private static async Task<Ok<EventResponse>> Change(Guid id, EventsDbContext db, HttpContext http, Action<Event> change, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", id);
        change(ev);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainRuleException("event-changed-concurrently", "The event was changed by someone else at the same time; reload and try again.");
        }
        return TypedResults.Ok(EventResponse.From(ev));
    }
}
