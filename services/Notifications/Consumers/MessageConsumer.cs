using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Nudges;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventPlatform.Notifications.Consumers;

/// <summary>
/// Private messages between a matched pair: each one starts (or adds to) a notice that goes out only if the recipient
/// has not read them after a while (<see cref="NudgeOptions.AwayAfter"/>); reading them withdraws it.
/// </summary>
public sealed class MessageConsumer(NotificationsDbContext db, IOptions<NudgeOptions> options, ILogger<MessageConsumer> logger) :
    IConsumer<DirectMessageSent>, IConsumer<DirectMessagesRead>
{
    public Task Consume(ConsumeContext<DirectMessageSent> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MessageConsumer)}.{nameof(DirectMessageSent)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockReplicaAsync(m.MatchId, cancellationToken);
            var read = await db.ReadMarkers.FindAsync([m.MatchId, m.RecipientId], cancellationToken);
            if (read is not null && read.ReadAt >= m.OccurredAt)
            {
                // Read already: the read overtook the message on its way here.
                return;
            }
            var pending = await db.PendingMessageNotices.FindAsync([m.MatchId, m.RecipientId], cancellationToken);
            if (pending is null)
            {
                db.PendingMessageNotices.Add(PendingMessageNotice.Create(m.MatchId, m.RecipientId, m.SenderId, m.EventId, m.OccurredAt, options.Value.AwayAfter));
            }
            else
            {
                pending.Add(m.OccurredAt);
            }
        }, logger);

    public Task Consume(ConsumeContext<DirectMessagesRead> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(MessageConsumer)}.{nameof(DirectMessagesRead)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockReplicaAsync(m.MatchId, cancellationToken);
            var read = await db.ReadMarkers.FindAsync([m.MatchId, m.ReaderId], cancellationToken);
            if (read is null)
            {
                db.ReadMarkers.Add(ReadMarker.Create(m.MatchId, m.ReaderId, m.ReadAt));
            }
            else
            {
                read.MoveTo(m.ReadAt);
            }
            var pending = await db.PendingMessageNotices.FindAsync([m.MatchId, m.ReaderId], cancellationToken);
            if (pending is not null && pending.ReadBy(m.ReadAt))
            {
                db.PendingMessageNotices.Remove(pending);
            }
        }, logger);
}
