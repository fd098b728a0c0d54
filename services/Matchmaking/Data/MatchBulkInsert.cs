using EventPlatform.Matchmaking.Domain;
using NpgsqlTypes;

namespace EventPlatform.Matchmaking.Data;

public static class MatchBulkInsert
{
    /// <summary>
    /// Inserts a round's matches with one COPY in the open transaction: a round of 10,000 attendees proposes
    /// 5,000 of them, which as tracked entities cost EF Core most of a second. Same columns and conversions as the
    /// model (enums by name); the database still enforces "never the same pair twice at an event".
    /// </summary>
    public static async Task InsertMatchesAsync(this MatchmakingDbContext db, IEnumerable<Match> matches, CancellationToken cancellationToken)
    {
        await using var writer = await db.BeginCopyAsync("""
            COPY matches (id, event_id, round_id, attendee_a, attendee_b, score, reasons_for_a, reasons_for_b, response_a, response_b,
                status, starts_at, ends_at, meeting_id, room_url, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var m in matches)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(m.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.EventId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.RoundId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.AttendeeA, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.AttendeeB, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.Score, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(m.ReasonsForA, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(m.ReasonsForB, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(m.ResponseA.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(m.ResponseB.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(m.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(m.StartsAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(m.EndsAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(m.MeetingId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(m.RoomUrl, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(m.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
