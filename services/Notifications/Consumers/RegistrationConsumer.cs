using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>
/// A registration confirmed, waitlisted, promoted or cancelled: the person is told once each, and the registration is
/// kept so that later changes of the event reach everyone holding a place.
/// </summary>
public sealed class RegistrationConsumer(NotificationsDbContext db, ILogger<RegistrationConsumer> logger) :
    IConsumer<AttendeeRegistered>, IConsumer<RegistrationWaitlisted>, IConsumer<RegistrationPromoted>, IConsumer<RegistrationCancelled>
{
    public Task Consume(ConsumeContext<AttendeeRegistered> context)
    {
        var m = context.Message;
        return Apply(context, m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Confirmed, NotificationKind.RegistrationConfirmed, m.OccurredAt);
    }

    public Task Consume(ConsumeContext<RegistrationWaitlisted> context)
    {
        var m = context.Message;
        return Apply(context, m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Waitlisted, NotificationKind.RegistrationWaitlisted, m.OccurredAt,
            m.WaitlistPosition);
    }

    public Task Consume(ConsumeContext<RegistrationPromoted> context)
    {
        var m = context.Message;
        return Apply(context, m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Confirmed, NotificationKind.RegistrationPromoted, m.OccurredAt);
    }

    public Task Consume(ConsumeContext<RegistrationCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(RegistrationConsumer)}.{nameof(RegistrationCancelled)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockReplicaAsync(m.RegistrationId, cancellationToken);
            var registration = await db.Registrations.FindAsync([m.RegistrationId], cancellationToken);
            if (registration is null)
            {
                registration = Registration.Create(m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Cancelled);
                db.Registrations.Add(registration);
            }
            registration.Cancel(m.EventWasCancelled, m.WasConfirmed);
            if (m.EventWasCancelled)
            {
                return;
            }
            var ev = await db.Events.FindAsync([m.EventId], cancellationToken);
            await db.NotifyAsync(Notification.Create(m.AttendeeId, NotificationKind.RegistrationCancelled, m.OccurredAt, m.EventId, details: new NotificationDetails
            {
                InviteSequence = ev is null ? registration.InviteRevision : EventConsumer.Sequence(ev, registration),
                WasConfirmed = registration.WasConfirmed,
            }), cancellationToken);
        }, logger);

    private Task Apply<T>(ConsumeContext<T> context, Guid registrationId, Guid eventId, Guid attendeeId, RegistrationState state, string kind,
        DateTimeOffset at, int? waitlistPosition = null) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(RegistrationConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            await db.LockReplicaAsync(registrationId, cancellationToken);
            var registration = await db.Registrations.FindAsync([registrationId], cancellationToken);
            if (registration is null)
            {
                registration = Registration.Create(registrationId, eventId, attendeeId, state);
                db.Registrations.Add(registration);
            }
            else if (!registration.MoveTo(state))
            {
                // Cancelled already (the cancellation overtook this message): the cancellation was the person's last word.
                return;
            }
            var ev = await db.Events.FindAsync([eventId], cancellationToken);
            await db.NotifyAsync(Notification.Create(attendeeId, kind, at, eventId, details: new NotificationDetails
            {
                WaitlistPosition = waitlistPosition,
                InviteSequence = ev is null ? registration.InviteRevision : EventConsumer.Sequence(ev, registration),
            }), cancellationToken);
        }, logger);
}
