using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// Three or four people a small-group round put together: they meet in the round's slot in a video room of their own
/// and have a chat of their own. Members are rows of <see cref="GroupMember"/>, each with the reasons written to them.
/// </summary>
public sealed class NetworkingGroup
{
    private NetworkingGroup() { }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid RoundId { get; private set; }

    /// <summary>The summed compatibility of every pair in the group.</summary>
    public double Score { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string RoomUrl { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static NetworkingGroup Form(Guid eventId, Guid roundId, double score, DateTimeOffset startsAt, DateTimeOffset endsAt, string roomBaseUrl,
        DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new NetworkingGroup
        {
            Id = id, EventId = eventId, RoundId = roundId, Score = score, StartsAt = startsAt, EndsAt = endsAt,
            RoomUrl = $"{roomBaseUrl.TrimEnd('/')}/group-{id:N}", CreatedAt = now,
        };
    }
}

/// <summary>One person of a group: the key (group, person) makes it once; the event is kept for "who met whom here".</summary>
public sealed class GroupMember
{
    private GroupMember() { }

    public Guid GroupId { get; private set; }
    public Guid AttendeeId { get; private set; }
    public Guid EventId { get; private set; }
    public List<string> Reasons { get; private set; } = [];

    /// <summary>The group's slot, copied here so "who is busy then" is one indexed query over members (as over matches).</summary>
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>When the member last read the group's chat.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public static GroupMember Of(NetworkingGroup group, Guid attendeeId, IEnumerable<string> reasons) => new()
    {
        GroupId = group.Id, AttendeeId = attendeeId, EventId = group.EventId, Reasons = [.. reasons.Take(Match.MaxReasons)],
        StartsAt = group.StartsAt, EndsAt = group.EndsAt,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt = now;
}

/// <summary>A message in a group's chat, seen by its members only.</summary>
public sealed class GroupMessage
{
    private GroupMessage() { }

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid SenderId { get; private set; }
    public string SenderName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    public static GroupMessage Write(Guid groupId, Guid senderId, string senderName, string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > DirectMessage.MaxLength)
        {
            throw new DomainRuleException("message-length",
                $"A message is 1 to {DirectMessage.MaxLength} characters long once trimmed; this one is {trimmed.Length}.", RuleViolation.Unprocessable);
        }
        return new GroupMessage { Id = Guid.CreateVersion7(), GroupId = groupId, SenderId = senderId, SenderName = senderName, Text = trimmed, SentAt = now };
    }
}
