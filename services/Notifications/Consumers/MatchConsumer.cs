using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>
/// Networking: a proposed match reaches both people (with why they were matched), an acceptance or a match called off
/// reaches the partner, a confirmed meeting reaches everyone in it with an invite carrying the room link.
/// </summary>
public sealed class MatchConsumer(NotificationsDbContext db, ILogger<MatchConsumer> logger) :
    IConsumer<MatchProposed>, IConsumer<MatchAccepted>, IConsumer<MatchDeclined>, IConsumer<MeetingConfirmed>
{
    public Task Consume(ConsumeContext<MatchProposed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchProposed)}", cancellationToken =>
        {
            var m = context.Message;
            var details = new NotificationDetails { Reasons = m.Reasons };
            return db.NotifyAsync(
            [
                Notification.Create(m.AttendeeAId, NotificationKind.MatchProposed, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeBId, details),
                Notification.Create(m.AttendeeBId, NotificationKind.MatchProposed, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeAId, details),
            ], cancellationToken);
        }, logger);

    public Task Consume(ConsumeContext<MatchAccepted> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchAccepted)}", cancellationToken =>
        {
            var m = context.Message;
            return m.PartnerId is { } partner
                ? db.NotifyAsync(Notification.Create(partner, NotificationKind.MatchAccepted, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeId), cancellationToken)
                : Task.CompletedTask;
        }, logger);

    public Task Consume(ConsumeContext<MatchDeclined> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchDeclined)}", cancellationToken =>
        {
            var m = context.Message;
            // The partner learns that the match is off, never why (a block or a decline is the other person's business).
            return m.PartnerId is { } partner
                ? db.NotifyAsync(Notification.Create(partner, NotificationKind.MatchCalledOff, m.OccurredAt, m.EventId, m.MatchId), cancellationToken)
                : Task.CompletedTask;
        }, logger);

    public Task Consume(ConsumeContext<MeetingConfirmed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MeetingConfirmed)}", cancellationToken =>
        {
            var m = context.Message;
            db.Meetings.Add(Meeting.Create(m.MeetingId, m.MatchId, m.EventId, m.AttendeeIds, m.StartsAt, m.EndsAt, m.RoomUrl));
            var details = new NotificationDetails { StartsAt = m.StartsAt, EndsAt = m.EndsAt, RoomUrl = m.RoomUrl, InviteSequence = 0 };
            return db.NotifyAsync([.. m.AttendeeIds.Select(attendee =>
            {
                var partner = m.AttendeeIds.FirstOrDefault(a => a != attendee);
                return Notification.Create(attendee, NotificationKind.MeetingConfirmed, m.OccurredAt, m.EventId, m.MatchId,
                    partner == Guid.Empty ? null : partner, details with { });
            })], cancellationToken);
        }, logger);
}
