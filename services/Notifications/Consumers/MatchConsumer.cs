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
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchProposed)}", _ =>
        {
            var m = context.Message;
            var details = new NotificationDetails { Reasons = m.Reasons };
            db.Notify(Notification.Create(m.AttendeeAId, NotificationKind.MatchProposed, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeBId, details));
            db.Notify(Notification.Create(m.AttendeeBId, NotificationKind.MatchProposed, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeAId, details));
            return Task.CompletedTask;
        }, logger);

    public Task Consume(ConsumeContext<MatchAccepted> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchAccepted)}", _ =>
        {
            var m = context.Message;
            if (m.PartnerId is { } partner)
            {
                db.Notify(Notification.Create(partner, NotificationKind.MatchAccepted, m.OccurredAt, m.EventId, m.MatchId, m.AttendeeId));
            }
            return Task.CompletedTask;
        }, logger);

    public Task Consume(ConsumeContext<MatchDeclined> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MatchDeclined)}", _ =>
        {
            var m = context.Message;
            // The partner learns that the match is off, never why (a block or a decline is the other person's business).
            if (m.PartnerId is { } partner)
            {
                db.Notify(Notification.Create(partner, NotificationKind.MatchCalledOff, m.OccurredAt, m.EventId, m.MatchId));
            }
            return Task.CompletedTask;
        }, logger);

    public Task Consume(ConsumeContext<MeetingConfirmed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MatchConsumer)}.{nameof(MeetingConfirmed)}", _ =>
        {
            var m = context.Message;
            db.Meetings.Add(Meeting.Create(m.MeetingId, m.MatchId, m.EventId, m.AttendeeIds, m.StartsAt, m.EndsAt, m.RoomUrl));
            var details = new NotificationDetails { StartsAt = m.StartsAt, EndsAt = m.EndsAt, RoomUrl = m.RoomUrl, InviteSequence = 0 };
            foreach (var attendee in m.AttendeeIds)
            {
                var partner = m.AttendeeIds.FirstOrDefault(a => a != attendee);
                db.Notify(Notification.Create(attendee, NotificationKind.MeetingConfirmed, m.OccurredAt, m.EventId, m.MatchId,
                    partner == Guid.Empty ? null : partner, details with { }));
            }
            return Task.CompletedTask;
        }, logger);
}
