using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>
/// A networking break in the agenda schedules a round for its slot; the scheduler runs it shortly before. A break
/// moved before its round ran moves the round; a break removed drops it. Messages about one break may arrive out of
/// order: each round remembers the time of the message that last set it.
/// </summary>
public sealed class NetworkingRoundConsumer(MatchmakingDbContext db, TimeProvider clock, ILogger<NetworkingRoundConsumer> logger)
    : IConsumer<NetworkingRoundScheduled>, IConsumer<NetworkingRoundCancelled>
{
    public static string KeyFor(Guid agendaItemId) => $"agenda:{agendaItemId}";

    public Task Consume(ConsumeContext<NetworkingRoundScheduled> context) =>
        db.ConsumeOnceAsync(context, nameof(NetworkingRoundConsumer), async cancellationToken =>
        {
            var m = context.Message;
            if (m.EndsAt <= m.StartsAt)
            {
                throw new UnprocessableMessageException($"Networking round {m.AgendaItemId} ends before it starts.");
            }
            var key = KeyFor(m.AgendaItemId);
            var added = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO networking_rounds (id, event_id, key, status, starts_at, ends_at, created_at, scheduled_at, pool_size, pairs, total_score, unmatched)
                VALUES ({Guid.CreateVersion7()}, {m.EventId}, {key}, {nameof(RoundStatus.Scheduled)}, {m.StartsAt}, {m.EndsAt}, {clock.GetUtcNow()},
                        {m.OccurredAt}, 0, 0, 0, {Array.Empty<Guid>()})
                ON CONFLICT (event_id, key) DO NOTHING
                """, cancellationToken);
            if (added == 0)
            {
                // Moved: only a round that has not run, and only by a newer message. The row lock makes this wait for a
                // scheduler that is running the round right now, and then see that it ran.
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE networking_rounds SET starts_at = {m.StartsAt}, ends_at = {m.EndsAt}, scheduled_at = {m.OccurredAt}
                    WHERE event_id = {m.EventId} AND key = {key} AND status = {nameof(RoundStatus.Scheduled)} AND scheduled_at < {m.OccurredAt}
                    """, cancellationToken);
            }
        }, logger);

    public Task Consume(ConsumeContext<NetworkingRoundCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(NetworkingRoundConsumer)}.{nameof(NetworkingRoundCancelled)}", async cancellationToken =>
        {
            var m = context.Message;
            var key = KeyFor(m.AgendaItemId);
            var round = await db.Rounds.FromSql($"SELECT * FROM networking_rounds WHERE event_id = {m.EventId} AND key = {key} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (round is null)
            {
                db.Rounds.Add(NetworkingRound.Cancelled(m.EventId, key, m.OccurredAt, clock.GetUtcNow()));
            }
            else if (round.Status == RoundStatus.Scheduled)
            {
                round.Cancel();
            }
        }, logger);
}
