using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Endpoints;

public sealed record HostTableRequest(
    [Required, SingleLine(TopicListAttribute.MaxTopicLength, minLength: 1)] string Topic,
    [SingleLine(TopicTable.MaxTitleLength)] string? Title,
    [Required] DateTimeOffset? StartsAt,
    [Range(10, 240)] int? DurationMinutes,
    [Required, Range(TopicTable.MinSeats, TopicTable.MaxSeats)] int? Seats);

/// <summary>
/// A topic table; <c>roomUrl</c>, the table's own video room, is given to the people seated at it. A table born from an
/// open question carries it (<c>questionId</c>, <c>questionText</c>, <c>talkId</c>): <c>awaitingHost</c> until its asker
/// accepts to host, and until <c>upvotersFirstUntil</c> only the asker and the question's upvoters (<c>invited</c>) sit.
/// </summary>
public sealed record TableResponse(Guid Id, Guid EventId, string Topic, string Title, Guid HostId, string HostName,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Seats, int SeatsLeft, bool Seated, string? RoomUrl,
    Guid? QuestionId = null, string? QuestionText = null, Guid? TalkId = null, bool AwaitingHost = false, DateTimeOffset? UpvotersFirstUntil = null,
    bool Invited = false)
{
    public static TableResponse From(TopicTable t, bool seated, bool invited = false) =>
        new(t.Id, t.EventId, t.Topic, t.Title, t.HostId, t.HostName, t.StartsAt, t.EndsAt, t.Seats, t.Seats - t.Taken, seated,
            seated ? t.RoomUrl : null, t.QuestionId, t.QuestionText, t.TalkId, t.AwaitingHost, t.UpvotersFirstUntil, invited);
}

/// <summary>Topic tables: attendees host a topic at a slot with a seat limit; others join until it is full.</summary>
public static class TablesApi
{
    public const int DefaultMinutes = 30;

    public static IEndpointRouteBuilder MapTablesApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Topic tables").RequireAuthorization(Policies.Attendee);
        networking.MapPost("/events/{eventId:guid}/tables", HostTable).WithSummary("Host a topic table (you take the first seat)");
        networking.MapGet("/events/{eventId:guid}/tables", ListTables).WithSummary("The event's topic tables, soonest first, with seats left");
        networking.MapPost("/tables/{id:guid}/join", Join).WithSummary("Take a seat; 409 when the table is full, no change when already seated");
        networking.MapDelete("/tables/{id:guid}/join", Leave).WithSummary("Give your seat back (the host keeps theirs)");
        networking.MapPost("/tables/{id:guid}/host", AcceptHosting).WithSummary("Host the table proposed on your question (you take the first seat)");
        networking.MapDelete("/tables/{id:guid}/host", DeclineHosting).WithSummary("Decline to host the table proposed on your question (it is withdrawn)");
        return app;
    }

    public static async Task<Created<TableResponse>> HostTable(Guid eventId, HostTableRequest request, ClaimsPrincipal user,
        MatchmakingDbContext db, IOptions<NetworkingOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var host = await db.AttendingAsync(eventId, user, cancellationToken);
        var ev = await db.OpenNetworkingAsync(eventId, now, cancellationToken);
        var startsAt = request.StartsAt!.Value.ToUniversalTime();
        if (startsAt < now.AddMinutes(-5) || startsAt >= ev.EndsAt)
        {
            throw new DomainRuleException("slot-outside-networking", "A table starts now or later, and before the event ends.", RuleViolation.Unprocessable);
        }
        var table = TopicTable.Host(eventId, host.AttendeeId, host.DisplayName, request.Topic, request.Title, startsAt,
            startsAt.AddMinutes(request.DurationMinutes ?? DefaultMinutes), request.Seats!.Value, options.Value.VideoRoomBaseUrl, now);
        db.TopicTables.Add(table);
        db.TableSeats.Add(new TableSeat { TableId = table.Id, AttendeeId = host.AttendeeId, JoinedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/events/{eventId}/tables", TableResponse.From(table, seated: true));
    }

    public static async Task<Ok<List<TableResponse>>> ListTables(Guid eventId, ClaimsPrincipal user, MatchmakingDbContext db,
        string? topic, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = (await db.AttendingAsync(eventId, user, cancellationToken)).AttendeeId;
        var now = clock.GetUtcNow();
        // Tables hosted by someone I blocked or who blocked me are not there for me.
        var blocked = db.BlockedWith(me);
        var tables = db.TopicTables.AsNoTracking().Where(t => t.EventId == eventId && t.EndsAt > now && !t.Withdrawn && !blocked.Contains(t.HostId));
        if (!string.IsNullOrWhiteSpace(topic))
        {
            var normalized = ServiceDefaults.Vocabulary.Topics.Normalize(topic);
            tables = tables.Where(t => t.Topic == normalized);
        }
        var list = await tables.OrderBy(t => t.StartsAt).ThenBy(t => t.Id).Take(200).ToListAsync(cancellationToken);
        var ids = list.Select(t => t.Id).ToList();
        var mine = (await db.TableSeats.Where(s => s.AttendeeId == me && ids.Contains(s.TableId)).Select(s => s.TableId).ToListAsync(cancellationToken)).ToHashSet();
        var invited = await InvitedToAsync(db, me, list, cancellationToken);
        return TypedResults.Ok(list.Select(t => TableResponse.From(t, mine.Contains(t.Id), invited.Contains(t.Id))).ToList());
    }

    public static async Task<Ok<TableResponse>> Join(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var table = await FindAsync(db, id, cancellationToken);
        var me = (await db.AttendingAsync(table.EventId, user, cancellationToken)).AttendeeId;
        if (await db.BlockedWith(me).ContainsAsync(table.HostId, cancellationToken))
        {
            throw DomainRuleException.NotFound("Table", id);
        }
        var now = clock.GetUtcNow();
        if (table.EndsAt <= now)
        {
            throw new DomainRuleException("table-over", "This table has already ended.");
        }
        if (table.AwaitingHost && me == table.HostId)
        {
            throw new DomainRuleException("host-invitation-open", "This table is proposed on your question: accept to host it (POST /host) to take your seat.");
        }
        if (table.UpvotersFirstUntil > now && !(await InvitedToAsync(db, me, [table], cancellationToken)).Contains(table.Id))
        {
            throw new DomainRuleException("upvoters-first",
                $"The people who upvoted this question sit first; seats open to everyone at {table.UpvotersFirstUntil:yyyy-MM-dd HH:mm} UTC.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TakeSeatAsync(db, table, me, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TableResponse.From(await FindAsync(db, id, cancellationToken), seated: true));
    }

    public static async Task<Ok<TableResponse>> Leave(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, CancellationToken cancellationToken)
    {
        var table = await FindAsync(db, id, cancellationToken);
        var me = (await db.AttendingAsync(table.EventId, user, cancellationToken)).AttendeeId;
        if (me == table.HostId)
        {
            throw new DomainRuleException("host-keeps-seat", "The host keeps their seat at their own table.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var left = await db.Database.ExecuteSqlAsync($"DELETE FROM table_seats WHERE table_id = {id} AND attendee_id = {me}", cancellationToken);
        if (left == 1)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE topic_tables SET taken = taken - 1 WHERE id = {id}", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TableResponse.From(await FindAsync(db, id, cancellationToken), seated: false));
    }

    public static async Task<Ok<TableResponse>> AcceptHosting(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var table = await InvitationAsync(db, id, user.AttendeeId(), cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The seat first (a full table has no room left for its host: 409), then the invitation is spent.
        await TakeSeatAsync(db, table, table.HostId, now, cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE topic_tables SET awaiting_host = false WHERE id = {id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TableResponse.From(await FindAsync(db, id, cancellationToken), seated: true, invited: true));
    }

    public static async Task<NoContent> DeclineHosting(Guid id, ClaimsPrincipal user, MatchmakingDbContext db, CancellationToken cancellationToken)
    {
        var table = await InvitationAsync(db, id, user.AttendeeId(), cancellationToken);
        // The table was the asker's to host: without them it is withdrawn (kept, so the question does not propose it again).
        await db.TopicTables.Where(t => t.Id == table.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Withdrawn, true), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Seats the person in the caller's transaction: the seat row (primary key: once per person) and the counter move
    /// together, the counter only while seats are left, so a table never overfills (409 when full; nothing when already seated).
    /// </summary>
    private static async Task TakeSeatAsync(MatchmakingDbContext db, TopicTable table, Guid attendee, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seated = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO table_seats (table_id, attendee_id, joined_at) VALUES ({table.Id}, {attendee}, {now}) ON CONFLICT DO NOTHING", cancellationToken);
        if (seated == 1 && await db.Database.ExecuteSqlAsync(
                $"UPDATE topic_tables SET taken = taken + 1 WHERE id = {table.Id} AND taken < seats", cancellationToken) == 0)
        {
            throw new DomainRuleException("table-full", $"All {table.Seats} seats at this table are taken.");
        }
    }

    /// <summary>A table proposed on the caller's question and still waiting for their answer; 404 for anyone else, 409 once answered.</summary>
    private static async Task<TopicTable> InvitationAsync(MatchmakingDbContext db, Guid id, Guid me, CancellationToken cancellationToken)
    {
        var table = await FindAsync(db, id, cancellationToken);
        if (table.QuestionId is null || table.HostId != me)
        {
            throw DomainRuleException.NotFound("Table invitation", id);
        }
        if (!table.AwaitingHost)
        {
            throw new DomainRuleException("host-invitation-answered", "You already host this table.");
        }
        return table;
    }

    /// <summary>Of these tables, those born from a question the person asked or upvoted.</summary>
    private static async Task<HashSet<Guid>> InvitedToAsync(MatchmakingDbContext db, Guid me, IReadOnlyCollection<TopicTable> tables,
        CancellationToken cancellationToken)
    {
        var questions = tables.Where(t => t.QuestionId is not null).ToDictionary(t => t.QuestionId!.Value, t => t.Id);
        if (questions.Count == 0)
        {
            return [];
        }
        var ids = questions.Keys.ToList();
        var mine = await db.LibrarySignals.AsNoTracking()
            .Where(s => s.AttendeeId == me && s.Active && s.Kind == Matching.SignalKind.Question && ids.Contains(s.SourceId))
            .Select(s => s.SourceId).ToListAsync(cancellationToken);
        return [.. mine.Select(q => questions[q])];
    }

    private static async Task<TopicTable> FindAsync(MatchmakingDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.TopicTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && !t.Withdrawn, cancellationToken)
        ?? throw DomainRuleException.NotFound("Table", id);
}
