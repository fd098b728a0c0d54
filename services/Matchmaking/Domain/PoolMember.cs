using EventPlatform.Contracts.Attendees;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// An attendee with a confirmed seat at an event, as Matchmaking knows them from the registration messages: the
/// networking pool of an event is its members that are still confirmed and opted into networking.
/// Messages may arrive out of order, so membership and profile each remember the time of the message that set them
/// and ignore anything older.
/// </summary>
public sealed class PoolMember
{
    private PoolMember() { }

    public Guid EventId { get; private set; }
    public Guid AttendeeId { get; private set; }
    public Guid RegistrationId { get; private set; }
    public bool Confirmed { get; private set; }

    /// <summary>On the event's waitlist: networks before the event when the organizer allows it (see <see cref="NetworkingEvent.WaitlistNetworking"/>).</summary>
    public bool Waitlisted { get; private set; }

    /// <summary>A confirmed attendee's choice to be paired with, and asked to meet by, people on the waitlist.</summary>
    public bool MeetsWaitlisted { get; private set; }
    public DateTimeOffset MembershipChangedAt { get; private set; }

    public string DisplayName { get; private set; } = "";
    public string? Headline { get; private set; }
    public string? Company { get; private set; }
    public List<string> Interests { get; private set; } = [];
    public List<string> Intents { get; private set; } = [];
    public string TimeZone { get; private set; } = "UTC";
    public bool DirectoryVisible { get; private set; }

    /// <summary>What the directory shows besides the name (<see cref="DirectoryField"/>).</summary>
    public List<string> DirectoryFields { get; private set; } = [.. DirectoryField.All];
    public bool NetworkingOptIn { get; private set; }
    public DateTimeOffset ProfileChangedAt { get; private set; }

    /// <summary>In the pool that rounds pair from.</summary>
    public bool IsInPool => Confirmed && NetworkingOptIn;

    public static PoolMember For(Guid eventId, Guid attendeeId, Guid registrationId) =>
        new() { EventId = eventId, AttendeeId = attendeeId, RegistrationId = registrationId, MembershipChangedAt = DateTimeOffset.MinValue, ProfileChangedAt = DateTimeOffset.MinValue };

    /// <summary>A confirmed seat (registered with a seat, or promoted from the waitlist). False when a newer message already spoke.</summary>
    public bool Confirm(Guid registrationId, DateTimeOffset occurredAt)
    {
        if (occurredAt < MembershipChangedAt)
        {
            return false;
        }
        RegistrationId = registrationId;
        Confirmed = true;
        Waitlisted = false;
        MembershipChangedAt = occurredAt;
        return true;
    }

    /// <summary>On the waitlist (a registration when the event was full). False when a newer message already spoke.</summary>
    public bool Wait(Guid registrationId, DateTimeOffset occurredAt)
    {
        if (occurredAt < MembershipChangedAt)
        {
            return false;
        }
        RegistrationId = registrationId;
        Confirmed = false;
        Waitlisted = true;
        MembershipChangedAt = occurredAt;
        return true;
    }

    public void ChooseToMeetWaitlisted(bool meet) => MeetsWaitlisted = meet;

    /// <summary>
    /// Whom a person finds in the event's directory (and may ask to meet), as far as the waitlist goes: someone on it
    /// finds the waitlist and the confirmed who chose to meet it; a confirmed person finds the confirmed and, while the
    /// waitlist networks, the waitlist.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<PoolMember, bool>> ListedFor(bool viewerWaitlisted, bool waitlistNetworks) =>
        viewerWaitlisted
            ? p => p.Waitlisted || (p.Confirmed && p.MeetsWaitlisted)
            : p => p.Confirmed || (waitlistNetworks && p.Waitlisted);

    /// <summary>Whether the two may be paired as far as the waitlist goes: both on it, both confirmed, or the confirmed one chose to.</summary>
    public bool MayMeet(PoolMember other) =>
        Waitlisted == other.Waitlisted || (Waitlisted ? other.MeetsWaitlisted : MeetsWaitlisted);

    /// <summary>The registration was cancelled: the member leaves the pool (future rounds only).</summary>
    public bool Leave(Guid registrationId, DateTimeOffset occurredAt)
    {
        if (occurredAt < MembershipChangedAt)
        {
            return false;
        }
        RegistrationId = registrationId;
        Confirmed = false;
        Waitlisted = false;
        MembershipChangedAt = occurredAt;
        return true;
    }

    /// <summary>Profile edits apply to future rounds; an older profile than the one held is ignored.</summary>
    public bool UpdateProfile(NetworkingProfile profile, DateTimeOffset occurredAt)
    {
        if (occurredAt < ProfileChangedAt)
        {
            return false;
        }
        DisplayName = Truncate(profile.DisplayName, 100);
        Headline = profile.Headline is null ? null : Truncate(profile.Headline, 200);
        Company = profile.Company is null ? null : Truncate(profile.Company, 200);
        Interests = [.. profile.Interests.Select(ServiceDefaults.Vocabulary.Topics.Normalize).Where(t => t.Length is > 0 and <= 50).Distinct().Take(30)];
        Intents = [.. profile.Intents.Select(ServiceDefaults.Vocabulary.Topics.Normalize).Where(ServiceDefaults.Vocabulary.Topics.Intents.Contains).Distinct()];
        TimeZone = string.IsNullOrWhiteSpace(profile.TimeZone) ? "UTC" : Truncate(profile.TimeZone, 64);
        DirectoryVisible = profile.DirectoryVisible;
        DirectoryFields = [.. DirectoryField.All.Intersect(profile.DirectoryFields)];
        NetworkingOptIn = profile.NetworkingOptIn;
        ProfileChangedAt = occurredAt;
        return true;
    }

    /// <summary>What matching needs to know of this member, with their time zone's offset at the given moment.</summary>
    public Matching.Peer ToPeer(DateTimeOffset at) => new(DisplayName, Interests, Intents,
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone.GetUtcOffset(at) : TimeSpan.Zero);

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;
}
