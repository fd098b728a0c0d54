namespace EventPlatform.Talks.Domain;

/// <summary>What Talks knows about an event on this platform, kept from the Events service's messages.</summary>
public sealed class TalkEvent
{
    private TalkEvent() { }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Status { get; private set; } = "published";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>Who may put talks on the event's programme and moderate its questions: its owner and co-organizers.</summary>
    public List<Guid> OrganizerIds { get; private set; } = [];

    /// <summary>The programme is built while the event is a draft and at any moment until it ends.</summary>
    public bool AcceptsTalks => Status is "draft" or "published" or "live";

    public bool IsOrganizedBy(Guid attendeeId) => OrganizerIds.Contains(attendeeId);

    public static TalkEvent From(Contracts.Events.EventSnapshot snapshot)
    {
        var ev = new TalkEvent { Id = snapshot.EventId };
        ev.Apply(snapshot);
        return ev;
    }

    /// <summary>Applies a newer snapshot; an older or repeated one changes nothing (messages may arrive out of order).</summary>
    public bool Apply(Contracts.Events.EventSnapshot snapshot)
    {
        if (snapshot.Version < Version)
        {
            return false;
        }
        Title = snapshot.Title;
        Status = snapshot.Status;
        StartsAt = snapshot.StartsAt;
        EndsAt = snapshot.EndsAt;
        OrganizerIds = [.. snapshot.OrganizerIds];
        Version = snapshot.Version;
        return true;
    }

    public bool ChangeStatus(string status, long version)
    {
        if (version < Version)
        {
            return false;
        }
        Status = status;
        Version = version;
        return true;
    }
}
