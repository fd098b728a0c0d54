using EventPlatform.Contracts.Events;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Notifications.Consumers;

/// <summary>
/// Keeps what notifications say about events, and tells everyone holding a place when the event moves (new times, a
/// new title or join link: an updated invite) or is cancelled (the invite withdrawn).
/// </summary>
public sealed class EventConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<EventConsumer> logger) :
    IConsumer<EventPublished>, IConsumer<EventUpdated>, IConsumer<EventCancelled>
{
    public Task Consume(ConsumeContext<EventPublished> context) => Upsert(context, context.Message.Event, announceChange: false);

    public Task Consume(ConsumeContext<EventUpdated> context) => Upsert(context, context.Message.Event, announceChange: true);

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(EventConsumer)}.{nameof(EventCancelled)}", async cancellationToken =>
        {
            var message = context.Message;
            await db.LockReplicaAsync(message.EventId, cancellationToken);
            var ev = await db.Events.FindAsync([message.EventId], cancellationToken);
            if (ev is null || ev.Status == "cancelled")
            {
                return;
            }
            ev.Cancel(message.Version, message.Reason);
            // Attendees cancels every registration with the event; those already applied here are told too, once, by this message.
            var holders = await db.Registrations
                .Where(r => r.EventId == message.EventId && (r.State != RegistrationState.Cancelled || r.CancelledWithEvent))
                .ToListAsync(cancellationToken);
            await NotifyHoldersAsync(ev, holders, NotificationKind.EventCancelled, registration => new NotificationDetails
            {
                InviteSequence = Sequence(ev, registration),
                Reason = message.Reason,
                WasConfirmed = registration.State == RegistrationState.Confirmed || registration.WasConfirmed,
            }, cancellationToken);
        }, logger);

    private Task Upsert<T>(ConsumeContext<T> context, EventSnapshot snapshot, bool announceChange) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(EventConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            await db.LockReplicaAsync(snapshot.EventId, cancellationToken);
            var ev = await db.Events.FindAsync([snapshot.EventId], cancellationToken);
            if (ev is null)
            {
                db.Events.Add(NotifiedEvent.From(snapshot));
                return;
            }
            var changed = ev.InviteDiffersFrom(snapshot);
            if (!ev.Apply(snapshot) || !changed || !announceChange || ev.Status == "cancelled")
            {
                return;
            }
            var holders = await db.Registrations
                .Where(r => r.EventId == snapshot.EventId && r.State != RegistrationState.Cancelled)
                .ToListAsync(cancellationToken);
            await NotifyHoldersAsync(ev, holders, NotificationKind.EventUpdated, registration => new NotificationDetails
            {
                InviteSequence = Sequence(ev, registration),
                WasConfirmed = registration.State == RegistrationState.Confirmed,
            }, cancellationToken);
        }, logger);

    /// <summary>Tells each holder of a place about the event, each with the next revision of their invite.</summary>
    private Task NotifyHoldersAsync(NotifiedEvent ev, IEnumerable<Registration> holders, string kind, Func<Registration, NotificationDetails> details,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.NotifyAsync([.. holders.Select(registration =>
        {
            registration.ReviseInvite();
            return Notification.Create(registration.AttendeeId, kind, now, ev.Id, details: details(registration));
        })], cancellationToken);
    }

    /// <summary>The invite's SEQUENCE: the event's version plus this person's invite revision, both only ever growing.</summary>
    public static int Sequence(NotifiedEvent ev, Registration registration) => (int)Math.Min(int.MaxValue, ev.Version + registration.InviteRevision);
}
