using EventPlatform.Contracts.Talks;
using EventPlatform.Events.Data;
using EventPlatform.Events.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Events.Consumers;

/// <summary>
/// Shows the talks of the talk library in their event's agenda. Each message writes one agenda row (an upsert keyed
/// by event and talk) without loading the event, so thousands of talks scheduled at once are applied in time linear
/// in their number and never conflict with each other or with an organizer's edit of the event. Messages about one
/// talk may arrive out of order; the row keeps the newest.
/// </summary>
public sealed class TalkScheduledConsumer(EventsDbContext db, ILogger<TalkScheduledConsumer> logger) : IConsumer<TalkScheduled>, IConsumer<TalkWithdrawn>
{
    public Task Consume(ConsumeContext<TalkScheduled> context) =>
        db.ConsumeOnceAsync(context, nameof(TalkScheduledConsumer), async cancellationToken =>
        {
            var talk = context.Message;
            var kind = (talk.Format switch
            {
                "panel" => AgendaItemKind.Panel,
                "keynote" => AgendaItemKind.Keynote,
                _ => AgendaItemKind.Talk,
            }).ToString();
            var title = talk.Title.Length > 300 ? talk.Title[..300] : talk.Title;
            var speakers = talk.Speakers.Take(20).ToList();
            var written = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO agenda_items (id, event_id, kind, title, starts_at, ends_at, speakers, talk_id, talk_changed_at)
                SELECT {Guid.CreateVersion7()}, e.id, {kind}, {title},
                       coalesce({talk.StartsAt}, e.starts_at, {talk.OccurredAt}), coalesce({talk.EndsAt}, e.ends_at, {talk.OccurredAt}),
                       {speakers}, {talk.TalkId}, {talk.OccurredAt}
                FROM events e WHERE e.id = {talk.EventId}
                ON CONFLICT (event_id, talk_id) WHERE talk_id IS NOT NULL DO UPDATE
                SET kind = excluded.kind, title = excluded.title, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                    speakers = excluded.speakers, talk_changed_at = excluded.talk_changed_at
                WHERE agenda_items.talk_changed_at IS NULL OR agenda_items.talk_changed_at <= excluded.talk_changed_at
                """, cancellationToken);
            if (written == 0 && !await db.Events.AnyAsync(e => e.Id == talk.EventId, cancellationToken))
            {
                throw new UnprocessableMessageException($"Talk {talk.TalkId} was scheduled at unknown event {talk.EventId}.");
            }
        }, logger);

    public Task Consume(ConsumeContext<TalkWithdrawn> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(TalkScheduledConsumer)}.{nameof(TalkWithdrawn)}", cancellationToken =>
            db.Database.ExecuteSqlAsync(
                $"DELETE FROM agenda_items WHERE event_id = {context.Message.EventId} AND talk_id = {context.Message.TalkId}", cancellationToken), logger);
}
