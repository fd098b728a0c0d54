using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>A networking break in the agenda schedules a round for its slot; the scheduler runs it shortly before.</summary>
public sealed class NetworkingRoundConsumer(MatchmakingDbContext db, TimeProvider clock, ILogger<NetworkingRoundConsumer> logger)
    : IConsumer<NetworkingRoundScheduled>
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
            if (!await db.Rounds.AnyAsync(r => r.EventId == m.EventId && r.Key == key, cancellationToken))
            {
                db.Rounds.Add(NetworkingRound.Schedule(m.EventId, key, m.StartsAt, m.EndsAt, clock.GetUtcNow()));
            }
        }, logger);
}
