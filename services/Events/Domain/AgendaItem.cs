namespace EventPlatform.Events.Domain;

public enum AgendaItemKind { Talk, Keynote, Panel, Break, NetworkingRound, TopicTables }

/// <summary>
/// One slot of an event's agenda. A networking-round item is a break in which Matchmaking pairs attendees; an item
/// with a <see cref="TalkId"/> shows a talk from the talk library and follows it (it is written by the TalkScheduled
/// consumer, not edited here).
/// </summary>
public sealed class AgendaItem
{
    private AgendaItem() { }

    internal AgendaItem(Guid id, AgendaItemKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, List<string> speakers, Guid? talkId)
    {
        Id = id;
        Kind = kind;
        Title = title;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Speakers = speakers;
        TalkId = talkId;
    }

    public Guid Id { get; private set; }
    public AgendaItemKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public List<string> Speakers { get; private set; } = [];

    /// <summary>Set when the item shows a talk owned by the Talks service.</summary>
    public Guid? TalkId { get; private set; }

    /// <summary>For a talk's item: the time of the talk message that last wrote it (an older one arriving late changes nothing).</summary>
    public DateTimeOffset? TalkChangedAt { get; private set; }

    internal void Change(AgendaItemKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, IReadOnlyList<string> speakers)
    {
        Kind = kind;
        Title = title;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Speakers = [.. speakers];
    }
}
