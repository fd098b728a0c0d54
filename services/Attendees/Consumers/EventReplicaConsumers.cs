using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.Contracts.Events;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Consumers;

/// <summary>
/// Keeps the local replica of events that registrations are decided against: a capacity increase promotes
/// from the waitlist, a cancellation cancels every registration, start and end change what may still change.
/// </summary>
public sealed class EventReplicaConsumer(AttendeesDbContext db, RegistrationDesk desk, ILogger<EventReplicaConsumer> logger) :
    IConsumer<EventPublished>, IConsumer<EventUpdated>, IConsumer<EventCancelled>, IConsumer<EventStarted>, IConsumer<EventEnded>
{
    public Task Consume(ConsumeContext<EventPublished> context) =>
        db.ConsumeOnceAsync(context, Name<EventPublished>(), token => desk.ApplyEventChangeAsync(context.Message.Event, token), logger);

    public Task Consume(ConsumeContext<EventUpdated> context) =>
        db.ConsumeOnceAsync(context, Name<EventUpdated>(), token => desk.ApplyEventChangeAsync(context.Message.Event, token), logger);

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        db.ConsumeOnceAsync(context, Name<EventCancelled>(),
            token => desk.CancelEventAsync(context.Message.EventId, context.Message.Version, token), logger);

    public Task Consume(ConsumeContext<EventStarted> context) =>
        ChangeStatus(context, context.Message.EventId, "live", context.Message.Version);

    public Task Consume(ConsumeContext<EventEnded> context) =>
        ChangeStatus(context, context.Message.EventId, "ended", context.Message.Version);

    private Task ChangeStatus<T>(ConsumeContext<T> context, Guid eventId, string status, long version) where T : class =>
        db.ConsumeOnceAsync(context, Name<T>(), async cancellationToken =>
        {
            var replica = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            replica?.ChangeStatus(status, version);
        }, logger);

    private static string Name<T>() => $"{nameof(EventReplicaConsumer)}.{typeof(T).Name}";
}
