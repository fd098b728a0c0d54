namespace EventPlatform.Notifications.Nudges;

/// <summary>
/// A person's choice to get networking nudges by email as one daily digest instead of one email each (the feed shows
/// each at once either way). No row: one email each.
/// </summary>
public sealed class DigestSetting
{
    private DigestSetting()
    {
    }

    public Guid AttendeeId { get; private set; }
    public bool Enabled { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public static DigestSetting Create(Guid attendeeId, bool enabled, DateTimeOffset now) => new() { AttendeeId = attendeeId, Enabled = enabled, ChangedAt = now };

    public void Change(bool enabled, DateTimeOffset now)
    {
        Enabled = enabled;
        ChangedAt = now;
    }
}

/// <summary>The digest a person was sent for one day of their own calendar: the row that makes it one a day, whatever the replicas.</summary>
public sealed class SentDigest
{
    public required Guid AttendeeId { get; init; }
    public required DateOnly Day { get; init; }
    public required Guid NotificationId { get; init; }
}
