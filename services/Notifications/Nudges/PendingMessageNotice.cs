namespace EventPlatform.Notifications.Nudges;

/// <summary>
/// Private messages a person has not read yet, from one partner: if they are still unread when <see cref="DueAt"/>
/// comes (the person is away), one notice says so; reading them first withdraws it. One row per match and recipient,
/// however many messages arrive meanwhile.
/// </summary>
public sealed class PendingMessageNotice
{
    private PendingMessageNotice()
    {
    }

    public Guid MatchId { get; private set; }
    public Guid RecipientId { get; private set; }
    public Guid SenderId { get; private set; }
    public Guid EventId { get; private set; }
    public int Messages { get; private set; }
    public DateTimeOffset FirstSentAt { get; private set; }
    public DateTimeOffset LastSentAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }

    public static PendingMessageNotice Create(Guid matchId, Guid recipientId, Guid senderId, Guid eventId, DateTimeOffset sentAt, TimeSpan awayAfter) => new()
    {
        MatchId = matchId, RecipientId = recipientId, SenderId = senderId, EventId = eventId, Messages = 1,
        FirstSentAt = sentAt, LastSentAt = sentAt, DueAt = sentAt + awayAfter,
    };

    /// <summary>Another message before the notice went out: counted, and the notice still comes when the first one is due.</summary>
    public void Add(DateTimeOffset sentAt)
    {
        Messages++;
        if (sentAt > LastSentAt)
        {
            LastSentAt = sentAt;
        }
    }

    /// <summary>Whether reading up to <paramref name="readAt"/> covers every message this notice is about.</summary>
    public bool ReadBy(DateTimeOffset readAt) => LastSentAt <= readAt;
}

/// <summary>
/// How far a person has read a match's messages (from <c>DirectMessagesRead</c>): a message that arrives here after
/// the read that covered it (messages are not ordered) starts no notice.
/// </summary>
public sealed class ReadMarker
{
    private ReadMarker()
    {
    }

    public Guid MatchId { get; private set; }
    public Guid ReaderId { get; private set; }
    public DateTimeOffset ReadAt { get; private set; }

    public static ReadMarker Create(Guid matchId, Guid readerId, DateTimeOffset readAt) => new() { MatchId = matchId, ReaderId = readerId, ReadAt = readAt };

    public void MoveTo(DateTimeOffset readAt)
    {
        if (readAt > ReadAt)
        {
            ReadAt = readAt;
        }
    }
}
