namespace EventPlatform.Notifications.Domain;

/// <summary>Every kind of notification, as the API names it; each says whether it also goes out by email.</summary>
public static class NotificationKind
{
    public const string RegistrationConfirmed = "registration-confirmed";
    public const string RegistrationWaitlisted = "registration-waitlisted";
    public const string RegistrationPromoted = "registration-promoted";
    public const string RegistrationCancelled = "registration-cancelled";
    public const string EventUpdated = "event-updated";
    public const string EventCancelled = "event-cancelled";
    public const string MatchProposed = "match-proposed";
    public const string MatchAccepted = "match-accepted";
    public const string MatchCalledOff = "match-called-off";
    public const string MeetingConfirmed = "meeting-confirmed";
    public const string EventReminder = "event-reminder";
    public const string MeetingReminder = "meeting-reminder";

    public static readonly IReadOnlyList<string> All =
    [
        RegistrationConfirmed, RegistrationWaitlisted, RegistrationPromoted, RegistrationCancelled, EventUpdated, EventCancelled,
        MatchProposed, MatchAccepted, MatchCalledOff, MeetingConfirmed, EventReminder, MeetingReminder,
    ];

    /// <summary>The kinds that are also emailed; the rest live in the in-app feed only.</summary>
    public static bool IsEmailed(string kind) => kind is not (MatchAccepted or MatchCalledOff);
}
