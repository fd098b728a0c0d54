using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.Contracts.Events;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Consumers;

/// <summary>Keeps the local replica of events that registrations are decided against.</summary>
public sealed class EventReplicaConsumer(AttendeesDbContext db, ILogger<EventReplicaConsumer> logger) :
    IConsumer<EventPublished>, IConsumer<EventUpdated>, IConsumer<EventCancelled>
{
    public Task Consume(ConsumeContext<EventPublished> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventUpdated> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(EventReplicaConsumer)}.{nameof(EventCancelled)}", async cancellationToken =>
        {
            var replica = await db.Events.FirstOrDefaultAsync(e => e.Id == context.Message.EventId, cancellationToken);
            if (replica is null)
            {
                // A draft cancelled before publication was never replicated: nothing to cancel here.
                logger.LogInformation("Event {EventId} cancelled before it was published here", context.Message.EventId);
                return;
            }
            replica.Cancel(context.Message.Version);
        }, logger);

    private Task Upsert<T>(ConsumeContext<T> context, EventSnapshot snapshot) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(EventReplicaConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            var replica = await db.Events.FirstOrDefaultAsync(e => e.Id == snapshot.EventId, cancellationToken);
            if (replica is null)
            {
                db.Events.Add(EventReplica.From(snapshot));
            }
            else if (!replica.Apply(snapshot))
            {
                logger.LogInformation("Ignored version {Version} of event {EventId}: replica is newer", snapshot.Version, snapshot.EventId);
            }
        }, logger);
}
