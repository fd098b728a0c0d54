using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventPlatform.Contracts.Events;
using EventPlatform.Events.Data;
using EventPlatform.Events.Domain;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Events.Endpoints;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");
        events.MapGet("/", ListEvents).WithSummary("Published events (and, for an organizer, their own drafts), filtered and paged");
        events.MapGet("/{id:guid}", GetEvent).WithSummary("An event with its agenda");

        var organizer = events.MapGroup("/").RequireAuthorization(Policies.Organizer);
        organizer.MapPost("/", CreateEvent).WithSummary("Create a draft event; its creator owns it");
        organizer.MapPut("/{id:guid}", UpdateEvent).WithSummary("Replace every field of an event");
        organizer.MapPatch("/{id:guid}", PatchEvent).Accepts<EventRequest>("application/merge-patch+json")
            .WithSummary("Change some fields of an event (JSON merge patch: fields left out stay as they are)");
        organizer.MapPost("/{id:guid}/publish", PublishEvent).WithSummary("Publish a draft: registration and networking open");
        organizer.MapPost("/{id:guid}/start", StartEvent)
            .WithSummary("Go live (from 15 minutes before the start; up to two hours before with early=true)");
        organizer.MapPost("/{id:guid}/end", EndEvent).WithSummary("End a live event: its talks join the library");
        organizer.MapPost("/{id:guid}/cancel", CancelEvent).WithSummary("Cancel the event: every registration is cancelled");
        organizer.MapPost("/{id:guid}/agenda", AddAgendaItem).WithSummary("Add a break, networking round, topic-table slot or session");
        organizer.MapPut("/{id:guid}/agenda/{itemId:guid}", ChangeAgendaItem).WithSummary("Move or rename an agenda item");
        organizer.MapDelete("/{id:guid}/agenda/{itemId:guid}", RemoveAgendaItem).WithSummary("Remove an agenda item");
        organizer.MapGet("/{id:guid}/organizers", ListOrganizers).WithSummary("The event's owner and co-organizers");
        organizer.MapPut("/{id:guid}/organizers/{attendeeId:guid}", AddCoOrganizer).WithSummary("The owner adds a co-organizer");
        organizer.MapDelete("/{id:guid}/organizers/{attendeeId:guid}", RemoveCoOrganizer).WithSummary("The owner removes a co-organizer");
        return app;
    }

    public static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem>> ListEvents(
        EventsDbContext db, ClaimsPrincipal user,
        string? status, string? topic, DateTimeOffset? from, DateTimeOffset? to, bool mine = false,
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
        if (topic is { Length: > ServiceDefaults.Validation.TopicListAttribute.MaxTopicLength })
        {
            errors["topic"] = [$"topic is at most {ServiceDefaults.Validation.TopicListAttribute.MaxTopicLength} characters."];
        }
        var viewer = Viewer(user);
        if (mine && viewer is null)
        {
            errors["mine"] = ["mine=true lists the events you organize; sign in first."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Events.AsNoTracking().AsQueryable();
        if (mine)
        {
            query = query.Where(e => e.OrganizerId == viewer || e.CoOrganizerIds.Contains(viewer!.Value));
        }
        else
        {
            // Drafts are seen by their own organizers only.
            query = viewer is { } me
                ? query.Where(e => e.Status != EventStatus.Draft || e.OrganizerId == me || e.CoOrganizerIds.Contains(me))
                : query.Where(e => e.Status != EventStatus.Draft);
        }
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
        return TypedResults.Ok(new Page<EventResponse>([.. items.Select(e => EventResponse.From(e, viewer))], total, page, pageSize));
    }

    public static async Task<Results<Ok<EventResponse>, NotFound>> GetEvent(Guid id, EventsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var viewer = Viewer(user);
        return ev is not null && (ev.IsVisibleToPublic || (viewer is { } me && ev.IsOrganizedBy(me)))
            ? TypedResults.Ok(EventResponse.From(ev, viewer))
            : TypedResults.NotFound();
    }

    public static async Task<Created<EventResponse>> CreateEvent(EventRequest request, EventsDbContext db, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var ev = Event.Create(request.ToDetails(), user.AttendeeId(), clock.GetUtcNow());
        db.Events.Add(ev);
        if (ev.HasSchedule)
        {
            // Talks and breaks can be put on the programme while the event is still a draft.
            db.Publish(new EventCreated { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/events/{ev.Id}", EventResponse.From(ev, user.AttendeeId()));
    }

    public static Task<Ok<EventResponse>> UpdateEvent(Guid id, EventRequest request, EventsDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, user, http, ev => ApplyDetails(ev, request, db, clock), cancellationToken);

    /// <summary>JSON merge patch (RFC 7396) onto the event as it stands; the result is validated like a full edit.</summary>
    public static async Task<Results<Ok<EventResponse>, ValidationProblem>> PatchEvent(Guid id, HttpRequest request, EventsDbContext db,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var patch = await ReadMergePatchAsync(request, cancellationToken);
        var options = json.Value.SerializerOptions;
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var ev = await FindManagedAsync(id, db, user, cancellationToken);

        var merged = (JsonObject)JsonSerializer.SerializeToNode(EventRequest.From(ev), options)!;
        var known = merged.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in patch)
        {
            if (!known.Contains(name))
            {
                errors[ServiceDefaults.Validation.TextRules.Problem(name, allowLineBreaks: false) is null ? name : "?"] = ["This is not a field of an event."];
            }
            else if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value.DeepClone();
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var edited = merged.Deserialize<EventRequest>(options)!;
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(edited, new ValidationContext(edited), results, validateAllProperties: true))
        {
            return TypedResults.ValidationProblem(results
                .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(member => (Member: JsonNamingPolicy.CamelCase.ConvertName(member), r.ErrorMessage)))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "is not valid").ToArray()));
        }
        ApplyDetails(ev, edited, db, clock);
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(EventResponse.From(ev, user.AttendeeId()));
    }

    public static Task<Ok<EventResponse>> PublishEvent(Guid id, EventsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken) =>
        Change(id, db, user, http, ev =>
        {
            ev.Publish(clock.GetUtcNow());
            db.Publish(new EventPublished { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
            foreach (var round in ev.NetworkingRounds(ev.Agenda, ev.UpdatedAt))
            {
                db.Publish(round);
            }
        }, cancellationToken);

    public static Task<Ok<EventResponse>> StartEvent(Guid id, EventsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken, bool early = false) =>
        Change(id, db, user, http, ev =>
        {
            ev.Start(clock.GetUtcNow(), early);
            db.Publish(new EventStarted { EventId = ev.Id, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static Task<Ok<EventResponse>> EndEvent(Guid id, EventsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken) =>
        Change(id, db, user, http, ev =>
        {
            ev.End(clock.GetUtcNow());
            db.Publish(new EventEnded { EventId = ev.Id, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static Task<Ok<EventResponse>> CancelEvent(Guid id, CancelEventRequest? request, EventsDbContext db, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        Change(id, db, user, http, ev =>
        {
            ev.Cancel(request?.Reason, clock.GetUtcNow());
            db.Publish(new EventCancelled { EventId = ev.Id, Reason = ev.CancellationReason, Version = ev.Version, OccurredAt = ev.UpdatedAt });
        }, cancellationToken);

    public static async Task<Created<AgendaItemResponse>> AddAgendaItem(Guid id, AgendaItemRequest request, EventsDbContext db,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        AgendaItem? item = null;
        await Change(id, db, user, http, ev =>
        {
            item = ev.AddAgendaItem(request.Kind, request.Title, request.StartsAt!.Value, request.EndsAt!.Value, request.Speakers, clock.GetUtcNow());
            AnnounceRoundChange(ev, item, db);
        }, cancellationToken);
        return TypedResults.Created($"/api/events/{id}", AgendaItemResponse.From(item!));
    }

    public static async Task<Ok<AgendaItemResponse>> ChangeAgendaItem(Guid id, Guid itemId, AgendaItemRequest request, EventsDbContext db,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        AgendaItem? item = null;
        await Change(id, db, user, http, ev =>
        {
            item = ev.ChangeAgendaItem(itemId, request.Kind, request.Title, request.StartsAt!.Value, request.EndsAt!.Value, request.Speakers, clock.GetUtcNow());
            AnnounceRoundChange(ev, item, db);
        }, cancellationToken);
        return TypedResults.Ok(AgendaItemResponse.From(item!));
    }

    public static async Task<NoContent> RemoveAgendaItem(Guid id, Guid itemId, EventsDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await Change(id, db, user, http, ev =>
        {
            var item = ev.RemoveAgendaItem(itemId, clock.GetUtcNow());
            if (item.Kind == AgendaItemKind.NetworkingRound && ev.Status is EventStatus.Published or EventStatus.Live)
            {
                db.Publish(new NetworkingRoundCancelled { EventId = ev.Id, AgendaItemId = item.Id, OccurredAt = ev.UpdatedAt });
            }
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<OrganizersResponse>> ListOrganizers(Guid id, EventsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ev = await FindManagedAsync(id, db, user, cancellationToken);
        return TypedResults.Ok(new OrganizersResponse(ev.OrganizerId, ev.CoOrganizerIds));
    }

    public static async Task<Ok<OrganizersResponse>> AddCoOrganizer(Guid id, Guid attendeeId, EventsDbContext db, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await Change(id, db, user, http, ev => ChangeOrganizers(ev, db, () => ev.AddCoOrganizer(user.AttendeeId(), attendeeId, clock.GetUtcNow())),
            cancellationToken);
        return TypedResults.Ok(new OrganizersResponse(result.Value!.OrganizerIds[0], [.. result.Value.OrganizerIds.Skip(1)]));
    }

    public static async Task<Ok<OrganizersResponse>> RemoveCoOrganizer(Guid id, Guid attendeeId, EventsDbContext db, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await Change(id, db, user, http, ev => ChangeOrganizers(ev, db, () => ev.RemoveCoOrganizer(user.AttendeeId(), attendeeId, clock.GetUtcNow())),
            cancellationToken);
        return TypedResults.Ok(new OrganizersResponse(result.Value!.OrganizerIds[0], [.. result.Value.OrganizerIds.Skip(1)]));
    }

    private static void ChangeOrganizers(Event ev, EventsDbContext db, Action change)
    {
        var version = ev.Version;
        change();
        if (ev.Version != version && ev.HasSchedule)
        {
            // The other services check who may manage the event against their replica of it.
            db.Publish(new EventUpdated { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
        }
    }

    private static void ApplyDetails(Event ev, EventRequest request, EventsDbContext db, TimeProvider clock)
    {
        ev.Update(request.ToDetails(), clock.GetUtcNow());
        if (ev.HasSchedule)
        {
            db.Publish(new EventUpdated { Event = ev.ToSnapshot(), OccurredAt = ev.UpdatedAt });
        }
    }

    private static void AnnounceRoundChange(Event ev, AgendaItem item, EventsDbContext db)
    {
        if (ev.Status is EventStatus.Published or EventStatus.Live)
        {
            foreach (var round in ev.NetworkingRounds([item], ev.UpdatedAt))
            {
                db.Publish(round);
            }
        }
    }

    /// <summary>Loads the event for one of its organizers (404 when unknown, 403 for other organizers).</summary>
    private static async Task<Event> FindManagedAsync(Guid id, EventsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw DomainRuleException.NotFound("Event", id);
        ev.EnsureOrganizedBy(user.AttendeeId());
        return ev;
    }

    /// <summary>Loads the event, checks the caller organizes it, applies one change and saves it with the messages it caused in one transaction.</summary>
    private static async Task<Ok<EventResponse>> Change(Guid id, EventsDbContext db, ClaimsPrincipal user, HttpContext http, Action<Event> change,
        CancellationToken cancellationToken)
    {
        db.CorrelationId = CorrelationIdMiddleware.Get(http);
        var ev = await FindManagedAsync(id, db, user, cancellationToken);
        change(ev);
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(EventResponse.From(ev, user.AttendeeId()));
    }

    private static async Task SaveAsync(EventsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainRuleException("event-changed-concurrently", "The event was changed by someone else at the same time; reload and try again.");
        }
    }

    private static async Task<JsonObject> ReadMergePatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Send the patch as JSON (Content-Type: application/merge-patch+json).");
        }
        var node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken: cancellationToken);
        if (node is not JsonObject patch)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "A merge patch is a JSON object of the fields to change.");
        }
        try
        {
            // Strings are unescaped only when written: an escaped lone surrogate fails here, not halfway through the merge.
            _ = patch.ToJsonString();
        }
        catch (InvalidOperationException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "The patch holds text that is not valid UTF-16 (a lone surrogate).");
        }
        return patch;
    }

    private static Guid? Viewer(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.AttendeeId() : null;
}
