namespace EventPlatform.Notifications.Preferences;

/// <summary>
/// How one person wants to hear about one kind of notification: in the feed, by email, both or neither. No row means
/// both (the default); a row exists once they changed something.
/// </summary>
public sealed class Preference
{
    private Preference()
    {
    }

    public Guid AttendeeId { get; private set; }
    public string Kind { get; private set; } = "";
    public bool Email { get; private set; } = true;
    public bool InApp { get; private set; } = true;
    public DateTimeOffset ChangedAt { get; private set; }

    public static Preference Create(Guid attendeeId, string kind, bool email, bool inApp, DateTimeOffset now) =>
        new() { AttendeeId = attendeeId, Kind = kind, Email = email, InApp = inApp, ChangedAt = now };

    public void Change(bool email, bool inApp, DateTimeOffset now)
    {
        Email = email;
        InApp = inApp;
        ChangedAt = now;
    }
}
