using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace EventPlatform.Web.Live;

/// <summary>
/// What changed for a person, as a live page needs to know: the kind (to decide what to reload) and a sentence to
/// announce, or none when the person caused the change themselves (their other pages only refresh).
/// </summary>
public sealed record LiveUpdate(string Kind, Guid? EventId, Guid? MatchId, string? Sentence)
{
    public const string MatchProposed = "match-proposed";
    public const string MatchAnswered = "match-answered";
    public const string MatchEnded = "match-ended";
    public const string MeetingConfirmed = "meeting-confirmed";
    public const string SeatGranted = "seat-granted";
    public const string MessageReceived = "message-received";
    public const string NotificationAdded = "notification-added";

    /// <summary>The person read notifications on one of their pages (this replica only, not from the bus).</summary>
    public const string NotificationsRead = "notifications-read";

    /// <summary>The person read a conversation on one of their pages (this replica only, not from the bus).</summary>
    public const string MessagesRead = "messages-read";
}

/// <summary>
/// The people with a page open on this Web replica, and what each page listens for. Every replica hears every
/// live-update message (each has a queue of its own), and tells only the pages it holds.
/// </summary>
public sealed class LiveUpdates(ILogger<LiveUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Func<LiveUpdate, Task>>> _listeners = new();

    public IDisposable Subscribe(Guid attendeeId, Func<LiveUpdate, Task> listener)
    {
        _listeners.AddOrUpdate(attendeeId, [listener], (_, existing) => existing.Add(listener));
        return new Subscription(() => _listeners.AddOrUpdate(attendeeId, [], (_, existing) => existing.Remove(listener)));
    }

    public async Task PublishAsync(IEnumerable<Guid> attendees, LiveUpdate update)
    {
        foreach (var attendee in attendees.Distinct())
        {
            if (!_listeners.TryGetValue(attendee, out var listeners))
            {
                continue;
            }
            foreach (var listener in listeners)
            {
                try
                {
                    await listener(update);
                }
                catch (Exception exception)
                {
                    // One closed page must not keep the others of the person from hearing.
                    logger.LogWarning(exception, "A live page of {AttendeeId} could not take {Kind}", attendee, update.Kind);
                }
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
