using EventPlatform.Contracts.Events;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// Matchmaking's replica of an event: when networking opens (weeks before the start) and closes (at the end).
/// </summary>
public sealed class NetworkingEvent
{
    private NetworkingEvent() { }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Status { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public DateTimeOffset NetworkingOpensAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public List<string> Topics { get; private set; } = [];
    public long Version { get; private set; }

    /// <summary>Who may run the event's rounds: its owner and co-organizers.</summary>
    public List<Guid> OrganizerIds { get; private set; } = [];

    public bool IsOrganizedBy(Guid attendeeId) => OrganizerIds.Contains(attendeeId);

    /// <summary>
    /// Whether people on the waitlist network before the event (directory, requests, rounds before the start): on
    /// unless the organizer turns it off. Matchmaking's own setting, not part of the event's replica.
    /// </summary>
    public bool WaitlistNetworking { get; private set; } = true;

    public void SetWaitlistNetworking(bool on) => WaitlistNetworking = on;

    /// <summary>The upvotes an open question on one of the event's talks needs before a table is proposed on it; 0: never.</summary>
    public int QuestionTableThreshold { get; private set; } = DefaultQuestionTableThreshold;

    public const int DefaultQuestionTableThreshold = 5;

    public void SetQuestionTableThreshold(int upvotes) => QuestionTableThreshold = Math.Max(0, upvotes);

    /// <summary>How the agenda's networking breaks put people together: pairs (2) or groups of 3 or 4.</summary>
    public int BreakGroupSize { get; private set; } = 2;

    public void SetBreakGroupSize(int size) => BreakGroupSize = NetworkingRound.EnsureGroupSize(size);

    /// <summary>The waitlist networks now: the organizer allows it and the event has not started.</summary>
    public bool WaitlistNetworksAt(DateTimeOffset at) => WaitlistNetworking && at < StartsAt;

    public bool IsNetworkingOpen(DateTimeOffset now) =>
        Status is "published" or "live" && now >= NetworkingOpensAt && now < EndsAt;

    public static NetworkingEvent From(EventSnapshot snapshot)
    {
        var ev = new NetworkingEvent { Id = snapshot.EventId };
        ev.Apply(snapshot);
        return ev;
    }

    public bool Apply(EventSnapshot snapshot)
    {
        if (snapshot.Version < Version)
        {
            return false;
        }
        Title = snapshot.Title;
        Status = snapshot.Status;
        StartsAt = snapshot.StartsAt;
        EndsAt = snapshot.EndsAt;
        NetworkingOpensAt = snapshot.NetworkingOpensAt;
        TimeZone = snapshot.TimeZone;
        Topics = [.. snapshot.Topics];
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
