using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// Someone left an event (cancelled their registration): everything they held there is released. Their upcoming
/// matches and meetings are called off and the partner is told (<see cref="MatchDeclined"/>, reason "left-event"),
/// their seats at topic tables are given back, and the tables they host are taken down. Past meetings stay as history.
/// </summary>
public static class EventDeparture
{
    public static async Task ReleaseAsync(this MatchmakingDbContext db, Guid eventId, Guid attendeeId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var matches = await db.Matches.FromSql($"""
            SELECT * FROM matches
            WHERE event_id = {eventId} AND (attendee_a = {attendeeId} OR attendee_b = {attendeeId}) AND ends_at > {now}
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        foreach (var match in matches.Where(m => m.CallOff(attendeeId, now)))
        {
            db.Publish(new MatchDeclined
            {
                MatchId = match.Id, EventId = eventId, AttendeeId = attendeeId, PartnerId = match.PartnerOf(attendeeId), Reason = MatchEndings.LeftEvent,
                OccurredAt = now,
            });
        }

        // Seats at other people's tables go back (the count moves in the same statement, so a table never shows a ghost).
        await db.Database.ExecuteSqlAsync($"""
            WITH freed AS (
                DELETE FROM table_seats s USING topic_tables t
                WHERE s.table_id = t.id AND t.event_id = {eventId} AND s.attendee_id = {attendeeId}
                  AND t.host_id <> {attendeeId} AND t.ends_at > {now}
                RETURNING s.table_id)
            UPDATE topic_tables SET taken = taken - 1 WHERE id IN (SELECT table_id FROM freed)
            """, cancellationToken);
        // A table whose host left has nobody to host it; its seats go with it.
        await db.TopicTables.Where(t => t.EventId == eventId && t.HostId == attendeeId && t.EndsAt > now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The people among <paramref name="attendees"/> who already have a meeting (proposed or confirmed, at any event) overlapping the slot.</summary>
    public static async Task<HashSet<Guid>> BusyDuringAsync(this MatchmakingDbContext db, IReadOnlyCollection<Guid> attendees,
        DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        var overlapping = await db.Matches.AsNoTracking()
            .Where(m => m.Status != MatchStatus.Declined && m.StartsAt < endsAt && m.EndsAt > startsAt
                && (attendees.Contains(m.AttendeeA) || attendees.Contains(m.AttendeeB)))
            .Select(m => new { m.AttendeeA, m.AttendeeB })
            .ToListAsync(cancellationToken);
        var inGroups = await db.GroupMembers.AsNoTracking()
            .Where(g => attendees.Contains(g.AttendeeId) && g.StartsAt < endsAt && g.EndsAt > startsAt)
            .Select(g => g.AttendeeId)
            .ToListAsync(cancellationToken);
        return [.. overlapping.SelectMany(m => new[] { m.AttendeeA, m.AttendeeB }).Where(attendees.Contains), .. inGroups];
    }
}
