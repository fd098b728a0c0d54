namespace EventPlatform.Notifications.Domain;

/// <summary>Whom a person is and where mail reaches them, as Attendees announced it (the only replica of an address).</summary>
public sealed class Contact
{
    private Contact()
    {
    }

    public Guid AttendeeId { get; private set; }
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";

    /// <summary>The person's IANA time zone, from their profile (a digest goes out in their morning).</summary>
    public string TimeZone { get; private set; } = "UTC";
    public DateTimeOffset ChangedAt { get; private set; }

    public static Contact Create(Guid attendeeId, string email, string displayName, DateTimeOffset at) =>
        new() { AttendeeId = attendeeId, Email = email, DisplayName = displayName, ChangedAt = at };

    /// <summary>
    /// The address comes with the sign-up only; the name with every profile edit, and a name older than the one kept
    /// (a sign-up arriving after an edit) changes nothing.
    /// </summary>
    public void Apply(string? email, string displayName, DateTimeOffset at, string? timeZone = null)
    {
        Email = email ?? Email;
        if (at >= ChangedAt)
        {
            DisplayName = displayName;
            TimeZone = timeZone ?? TimeZone;
            ChangedAt = at;
        }
    }
}
