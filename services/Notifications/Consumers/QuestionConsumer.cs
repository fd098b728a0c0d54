using EventPlatform.Contracts.Talks;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;

namespace EventPlatform.Notifications.Consumers;

/// <summary>The person who asked a question on a talk hears when it is answered.</summary>
public sealed class QuestionConsumer(NotificationsDbContext db, ILogger<QuestionConsumer> logger) : IConsumer<QuestionAnswered>
{
    public Task Consume(ConsumeContext<QuestionAnswered> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(QuestionConsumer)}.{nameof(QuestionAnswered)}", cancellationToken =>
        {
            var m = context.Message;
            return db.NotifyAsync(Notification.Create(m.AuthorId, NotificationKind.QuestionAnswered, m.OccurredAt, m.EventId, details: new NotificationDetails
            {
                TalkSlug = m.TalkSlug,
                TalkTitle = m.TalkTitle,
                Question = m.Text,
            }), cancellationToken);
        }, logger);
}
