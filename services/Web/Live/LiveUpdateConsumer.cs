using System.Collections.Concurrent;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Contracts.Notifications;
using MassTransit;

namespace EventPlatform.Web.Live;

/// <summary>
/// Hears what a person must see live and tells their open pages. Each Web replica has its own temporary queue (see
/// Extensions), so every replica hears every message. A redelivered message is recognised by its id and told once.
/// </summary>
public sealed class LiveUpdateConsumer(LiveUpdates live) :
    IConsumer<MatchProposed>, IConsumer<MatchAccepted>, IConsumer<MatchDeclined>, IConsumer<MeetingConfirmed>,
    IConsumer<RegistrationPromoted>, IConsumer<DirectMessageSent>, IConsumer<NotificationsAdded>, IConsumer<NotificationAdded>
{
    private static readonly ConcurrentDictionary<Guid, DateTimeOffset> Told = new();

    public Task Consume(ConsumeContext<MatchProposed> context) => Tell(context,
        (context.Message.AttendeeAId, new LiveUpdate(LiveUpdate.MatchProposed, context.Message.EventId, context.Message.MatchId, "You have a new match to answer.")),
        (context.Message.AttendeeBId, new LiveUpdate(LiveUpdate.MatchProposed, context.Message.EventId, context.Message.MatchId, "You have a new match to answer.")));

    public Task Consume(ConsumeContext<MatchAccepted> context) => Tell(context,
        (context.Message.AttendeeId, new LiveUpdate(LiveUpdate.MatchAnswered, context.Message.EventId, context.Message.MatchId, null)),
        (context.Message.PartnerId, new LiveUpdate(LiveUpdate.MatchAnswered, context.Message.EventId, context.Message.MatchId, "Your match said yes.")));

    // Whoever declined (or blocked) knows it; the other person is told only that the match is off, never that they were blocked.
    public Task Consume(ConsumeContext<MatchDeclined> context) => Tell(context,
        (context.Message.AttendeeId, new LiveUpdate(LiveUpdate.MatchEnded, context.Message.EventId, context.Message.MatchId, null)),
        (context.Message.PartnerId, new LiveUpdate(LiveUpdate.MatchEnded, context.Message.EventId, context.Message.MatchId,
            context.Message.Reason == MatchEndings.LeftEvent ? "A match was called off: the other person left the event." : "A match was called off.")));

    public Task Consume(ConsumeContext<MeetingConfirmed> context) => Tell(context, [.. context.Message.AttendeeIds.Select(id =>
        ((Guid?)id, new LiveUpdate(LiveUpdate.MeetingConfirmed, context.Message.EventId, context.Message.MatchId, "Your meeting is confirmed: you both accepted.")))]);

    public Task Consume(ConsumeContext<RegistrationPromoted> context) => Tell(context,
        (context.Message.AttendeeId, new LiveUpdate(LiveUpdate.SeatGranted, context.Message.EventId, null, "A seat freed up: you are off the waitlist and registered.")));

    public Task Consume(ConsumeContext<DirectMessageSent> context) => Tell(context,
        (context.Message.SenderId, new LiveUpdate(LiveUpdate.MessageReceived, context.Message.EventId, context.Message.MatchId, null)),
        (context.Message.RecipientId, new LiveUpdate(LiveUpdate.MessageReceived, context.Message.EventId, context.Message.MatchId, "You have a new message.")));

    // The notification badge and feed refresh; the toast, if any, came with the message the notification is about.
    public Task Consume(ConsumeContext<NotificationsAdded> context) => Tell(context, [.. context.Message.Notifications
        .Select(n => n.RecipientId).Distinct().Select(id => ((Guid?)id, new LiveUpdate(LiveUpdate.NotificationAdded, null, null, null)))]);

    // What an earlier Notifications published, one notification a message.
    public Task Consume(ConsumeContext<NotificationAdded> context) => Tell(context,
        (context.Message.RecipientId, new LiveUpdate(LiveUpdate.NotificationAdded, null, null, null)));

    private async Task Tell<T>(ConsumeContext<T> context, params (Guid? Attendee, LiveUpdate Update)[] updates) where T : class
    {
        var now = DateTimeOffset.UtcNow;
        if (context.MessageId is { } id && !Told.TryAdd(id, now))
        {
            return;
        }
        if (Told.Count > 10_000)
        {
            foreach (var old in Told.Where(t => t.Value < now.AddMinutes(-10)).Select(t => t.Key))
            {
                Told.TryRemove(old, out _);
            }
        }
        foreach (var (attendee, update) in updates)
        {
            if (attendee is { } person)
            {
                await live.PublishAsync([person], update);
            }
        }
    }
}
