using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Notifications.Consumers;

/// <summary>What a confirmation, a waitlisting or a promotion means here: the registration's new state and what the person is told.</summary>
public sealed record RegistrationChange(
    Guid RegistrationId, Guid EventId, Guid AttendeeId, RegistrationState State, string Kind, DateTimeOffset At, int? WaitlistPosition = null);

/// <summary>
/// A registration confirmed, waitlisted, promoted or cancelled: the person is told once each, and the registration is
/// kept so that later changes of the event reach everyone holding a place. Registrations come in bursts (a popular
/// event opening), so confirmations, waitlistings and promotions are applied in batches (<see cref="InboxBatches{TDb, TItem}"/>).
/// </summary>
public sealed class RegistrationConsumer(NotificationsDbContext db, InboxBatches<NotificationsDbContext, RegistrationChange> changes,
    ILogger<RegistrationConsumer> logger) :
    IConsumer<AttendeeRegistered>, IConsumer<RegistrationWaitlisted>, IConsumer<RegistrationPromoted>, IConsumer<RegistrationCancelled>
{
    public Task Consume(ConsumeContext<AttendeeRegistered> context)
    {
        var m = context.Message;
        return changes.ConsumeOnceAsync(context, $"{nameof(RegistrationConsumer)}.{nameof(AttendeeRegistered)}",
            new RegistrationChange(m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Confirmed, NotificationKind.RegistrationConfirmed, m.OccurredAt));
    }

    public Task Consume(ConsumeContext<RegistrationWaitlisted> context)
    {
        var m = context.Message;
        return changes.ConsumeOnceAsync(context, $"{nameof(RegistrationConsumer)}.{nameof(RegistrationWaitlisted)}",
            new RegistrationChange(m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Waitlisted, NotificationKind.RegistrationWaitlisted, m.OccurredAt,
                m.WaitlistPosition));
    }

    public Task Consume(ConsumeContext<RegistrationPromoted> context)
    {
        var m = context.Message;
        return changes.ConsumeOnceAsync(context, $"{nameof(RegistrationConsumer)}.{nameof(RegistrationPromoted)}",
            new RegistrationChange(m.RegistrationId, m.EventId, m.AttendeeId, RegistrationState.Confirmed, NotificationKind.RegistrationPromoted, m.OccurredAt));
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

    /// <summary>
    /// Applies a batch of changes in the order they arrived, as one message after another would: the registrations' replica
    /// locks in one round trip, the registrations and their events in one read each, and every notification at once.
    /// </summary>
    public static async Task ApplyAsync(NotificationsDbContext db, IReadOnlyList<Delivery<RegistrationChange>> deliveries, CancellationToken cancellationToken)
    {
        var registrationIds = deliveries.Select(d => d.Item.RegistrationId).Distinct().ToList();
        var eventIds = deliveries.Select(d => d.Item.EventId).Distinct().ToList();
        await db.LockReplicasAsync(registrationIds, cancellationToken);
        var registrations = await db.Registrations.Where(r => registrationIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);

        var notifications = new List<(Notification, string?)>(deliveries.Count);
        foreach (var (_, _, correlationId, change) in deliveries)
        {
            if (!registrations.TryGetValue(change.RegistrationId, out var registration))
            {
                registration = Registration.Create(change.RegistrationId, change.EventId, change.AttendeeId, change.State);
                db.Registrations.Add(registration);
                registrations.Add(registration.Id, registration);
            }
            else if (!registration.MoveTo(change.State))
            {
                // Cancelled already (the cancellation overtook this message): the cancellation was the person's last word.
                continue;
            }
            var ev = events.GetValueOrDefault(change.EventId);
            notifications.Add((Notification.Create(change.AttendeeId, change.Kind, change.At, change.EventId, details: new NotificationDetails
            {
                WaitlistPosition = change.WaitlistPosition,
                InviteSequence = ev is null ? registration.InviteRevision : EventConsumer.Sequence(ev, registration),
            }), correlationId));
        }
        await db.NotifyAsync(notifications, cancellationToken);
    }
}
