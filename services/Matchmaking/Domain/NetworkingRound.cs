namespace EventPlatform.Matchmaking.Domain;

public enum RoundStatus { Scheduled, Completed, Cancelled }

/// <summary>
/// One round of 1:1 pairing for an event: started by an organizer, or by a networking break in the agenda
/// (scheduled, then run shortly before its slot). The key is unique per event, so a round runs once whatever
/// the number of replicas or redeliveries.
/// </summary>
public sealed class NetworkingRound
{
    private NetworkingRound() { }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Key { get; private set; } = "";
    public RoundStatus Status { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Time of the agenda message that last set the slot: an older one arriving late changes nothing.</summary>
    public DateTimeOffset ScheduledAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public int PoolSize { get; private set; }
    public int Pairs { get; private set; }

    /// <summary>2 pairs people (with consent); 3 or 4 puts them in small groups (<see cref="NetworkingGroup"/>).</summary>
    public int GroupSize { get; private set; } = 2;

    /// <summary>How many groups a small-group round formed.</summary>
    public int Groups { get; private set; }
    public double TotalScore { get; private set; }

    /// <summary>Who was left without a partner (an odd pool): they get priority in the next round.</summary>
    public List<Guid> Unmatched { get; private set; } = [];

    public static NetworkingRound Schedule(Guid eventId, string key, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now,
        DateTimeOffset? scheduledAt = null) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        Key = key,
        Status = RoundStatus.Scheduled,
        StartsAt = startsAt,
        EndsAt = endsAt,
        CreatedAt = now,
        ScheduledAt = scheduledAt ?? now,
    };

    /// <summary>A round for a break the organizer removed before it ran: kept, so a late "scheduled" message cannot bring it back.</summary>
    public static NetworkingRound Cancelled(Guid eventId, string key, DateTimeOffset scheduledAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        Key = key,
        Status = RoundStatus.Cancelled,
        StartsAt = scheduledAt,
        EndsAt = scheduledAt,
        CreatedAt = now,
        ScheduledAt = scheduledAt,
    };

    public void Cancel() => Status = RoundStatus.Cancelled;

    public const int MinGroupSize = 2;
    public const int MaxGroupSize = 4;

    /// <summary>Pairs (2) or small groups (3 or 4), chosen before the round runs.</summary>
    public void InGroupsOf(int size) => GroupSize = EnsureGroupSize(size);

    /// <summary>The size when it is 2 (pairs), 3 or 4; otherwise a 422.</summary>
    public static int EnsureGroupSize(int size) => size is >= MinGroupSize and <= MaxGroupSize
        ? size
        : throw new ServiceDefaults.Problems.DomainRuleException("group-size", "People meet in pairs (2) or in groups of 3 or 4.",
            ServiceDefaults.Problems.RuleViolation.Unprocessable);

    public void CompleteInGroups(int poolSize, int groups, double totalScore, IEnumerable<Guid> unplaced, DateTimeOffset now)
    {
        Complete(poolSize, 0, totalScore, unplaced, now);
        Groups = groups;
    }

    public void Complete(int poolSize, int pairs, double totalScore, IEnumerable<Guid> unmatched, DateTimeOffset now)
    {
        Status = RoundStatus.Completed;
        PoolSize = poolSize;
        Pairs = pairs;
        TotalScore = totalScore;
        Unmatched = [.. unmatched];
        CompletedAt = now;
    }
}
