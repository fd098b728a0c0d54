using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Talks;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using EventPlatform.ServiceDefaults.Data;

namespace EventPlatform.Talks.Consumers;

/// <summary>
/// Keeps the events talks can be scheduled at, and archives an event's talks into the library when it ends
/// (publishing <see cref="TalkArchived"/> for each; their questions stay).
/// </summary>
public sealed class TalkEventConsumer(TalksDbContext db, TimeProvider clock, ILogger<TalkEventConsumer> logger) :
    IConsumer<EventCreated>, IConsumer<EventPublished>, IConsumer<EventUpdated>, IConsumer<EventCancelled>, IConsumer<EventEnded>
{
    public Task Consume(ConsumeContext<EventCreated> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventPublished> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventUpdated> context) => Upsert(context, context.Message.Event);

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(TalkEventConsumer)}.{nameof(EventCancelled)}", async cancellationToken =>
        {
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == context.Message.EventId, cancellationToken);
            ev?.ChangeStatus("cancelled", context.Message.Version);
        }, logger);

    public Task Consume(ConsumeContext<EventEnded> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(TalkEventConsumer)}.{nameof(EventEnded)}", async cancellationToken =>
        {
            var message = context.Message;
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == message.EventId, cancellationToken);
            ev?.ChangeStatus("ended", message.Version);
            var now = clock.GetUtcNow();
            var talks = await db.Talks.Where(t => t.EventId == message.EventId && t.Status == TalkStatus.Scheduled).ToListAsync(cancellationToken);
            foreach (var talk in talks.Where(t => t.Archive(now)))
            {
                db.Publish(new TalkArchived { TalkId = talk.Id, EventId = message.EventId, OccurredAt = now });
            }
        }, logger);

    private Task Upsert<T>(ConsumeContext<T> context, EventSnapshot snapshot) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(TalkEventConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            await db.LockReplicaAsync(snapshot.EventId, cancellationToken);
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == snapshot.EventId, cancellationToken);
            if (ev is null)
            {
                db.Events.Add(TalkEvent.From(snapshot));
            }
            else
            {
                ev.Apply(snapshot);
            }
        }, logger);
}
