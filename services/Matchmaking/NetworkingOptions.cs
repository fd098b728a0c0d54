namespace EventPlatform.Matchmaking;

/// <summary>Configuration section "Networking".</summary>
public sealed class NetworkingOptions
{
    public const string Section = "Networking";

    /// <summary>How many of their most compatible peers each attendee brings into a round's candidate graph.</summary>
    public int CandidatesPerAttendee { get; set; } = 30;

    /// <summary>Two people who met (or were proposed) at one event are not paired again at another within this time.</summary>
    public TimeSpan PairCooldown { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Meeting rooms are this URL plus "/" and the meeting id.</summary>
    public string VideoRoomBaseUrl { get; set; } = "https://meet.eventplatform.dev/rooms";

    /// <summary>A round scheduled in the agenda is matched this long before its slot, so people can accept in time.</summary>
    public TimeSpan RoundLeadTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the scheduler looks for rounds that are due.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The slot of a round an organizer starts by hand, when they do not give one.</summary>
    public TimeSpan DefaultSlotLength { get; set; } = TimeSpan.FromMinutes(15);
}
