using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>
/// Networking beyond pairs: everyone in a group a round formed hears of it (with the room), and a table proposed on an
/// open question reaches its asker (invited to host) and its upvoters (invited to sit first).
/// </summary>
public sealed class NetworkingInvitationConsumer(NotificationsDbContext db, ILogger<NetworkingInvitationConsumer> logger) :
    IConsumer<GroupFormed>, IConsumer<QuestionTableProposed>
{
    public Task Consume(ConsumeContext<GroupFormed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(NetworkingInvitationConsumer)}.{nameof(GroupFormed)}", cancellationToken =>
        {
            var m = context.Message;
            var details = new NotificationDetails { GroupSize = m.MemberIds.Count, StartsAt = m.StartsAt, EndsAt = m.EndsAt, RoomUrl = m.RoomUrl };
            return db.NotifyAsync([.. m.MemberIds.Select(member => Notification.Create(member, NotificationKind.GroupFormed, m.OccurredAt, m.EventId, details: details))],
                cancellationToken);
        }, logger);

    public Task Consume(ConsumeContext<QuestionTableProposed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(NetworkingInvitationConsumer)}.{nameof(QuestionTableProposed)}", cancellationToken =>
        {
            var m = context.Message;
            NotificationDetails Details(bool host) => new()
            {
                TalkTitle = m.TalkTitle, Question = m.Question, StartsAt = m.StartsAt, EndsAt = m.EndsAt, InvitedToHost = host,
            };
            return db.NotifyAsync(
            [
                Notification.Create(m.HostId, NotificationKind.QuestionTableProposed, m.OccurredAt, m.EventId, details: Details(host: true)),
                .. m.UpvoterIds.Where(u => u != m.HostId)
                    .Select(u => Notification.Create(u, NotificationKind.QuestionTableProposed, m.OccurredAt, m.EventId, details: Details(host: false))),
            ], cancellationToken);
        }, logger);
}
