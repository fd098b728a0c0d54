using EventPlatform.Contracts.Events;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using EventPlatform.ServiceDefaults.Data;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>Keeps the networking window of each event from the Events service's messages.</summary>
public sealed class NetworkingEventConsumer(MatchmakingDbContext db, ILogger<NetworkingEventConsumer> logger) :
    IConsumer<EventPublished>, IConsumer<EventUpdated>, IConsumer<EventCancelled>, IConsumer<EventEnded>
{
    public Task Consume(ConsumeContext<EventPublished> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventUpdated> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        ChangeStatus(context, context.Message.EventId, "cancelled", context.Message.Version);

    public Task Consume(ConsumeContext<EventEnded> context) =>
        ChangeStatus(context, context.Message.EventId, "ended", context.Message.Version);

    private Task Upsert<T>(ConsumeContext<T> context, EventSnapshot snapshot) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(NetworkingEventConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            await db.LockReplicaAsync(snapshot.EventId, cancellationToken);
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == snapshot.EventId, cancellationToken);
            if (ev is null)
            {
                db.Events.Add(NetworkingEvent.From(snapshot));
            }
            else if (!ev.Apply(snapshot))
            {
                logger.LogInformation("Ignored version {Version} of event {EventId}: replica is newer", snapshot.Version, snapshot.EventId);
            }
        }, logger);

    private Task ChangeStatus<T>(ConsumeContext<T> context, Guid eventId, string status, long version) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(NetworkingEventConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            ev?.ChangeStatus(status, version);
        }, logger);
}
