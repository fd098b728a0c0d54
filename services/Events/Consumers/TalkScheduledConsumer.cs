using EventPlatform.Contracts.Talks;
using EventPlatform.Events.Data;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Events.Consumers;

/// <summary>Shows talks scheduled in the Talks service in the event's agenda.</summary>
public sealed class TalkScheduledConsumer(EventsDbContext db, TimeProvider clock, ILogger<TalkScheduledConsumer> logger) : IConsumer<TalkScheduled>
{
    public Task Consume(ConsumeContext<TalkScheduled> context) =>
        db.ConsumeOnceAsync(context, nameof(TalkScheduledConsumer), async cancellationToken =>
        {
            var talk = context.Message;
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == talk.EventId, cancellationToken)
                ?? throw new UnprocessableMessageException($"Talk {talk.TalkId} was scheduled at unknown event {talk.EventId}.");
            ev.ShowScheduledTalk(talk.TalkId, talk.Title, talk.Speakers, talk.Format, talk.StartsAt, talk.EndsAt, clock.GetUtcNow());
        }, logger);
}
