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
    public const string QuestionAnswered = "question-answered";

    /// <summary>A small-group round put the person in a group of 3 or 4.</summary>
    public const string GroupFormed = "group-formed";

    /// <summary>A table was proposed on an open question the person asked (invited to host) or upvoted (invited to sit first).</summary>
    public const string QuestionTableProposed = "question-table-proposed";

    /// <summary>Private messages from a match wait unread while the person is away.</summary>
    public const string MessageWaiting = "message-waiting";

    /// <summary>One email a day carrying the networking nudges of a person who chose the digest (email only).</summary>
    public const string NetworkingDigest = "networking-digest";

    /// <summary>The link that creates an account (sent at sign-up).</summary>
    public const string EmailConfirmation = "email-confirmation";

    /// <summary>A password reset link ("forgot password", or a sign-up with an address that has an account).</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>
    /// Mail about the account itself, sent because someone asked for it just now: always emailed, never in the feed, and
    /// not something to unsubscribe from (so not in <see cref="All"/>, the kinds people choose about).
    /// </summary>
    public static bool IsAccount(string kind) => kind is EmailConfirmation or PasswordReset;

    /// <summary>Email only, never in the feed, and chosen through the digest setting rather than a kind of its own.</summary>
    public static bool IsEmailOnly(string kind) => IsAccount(kind) || kind == NetworkingDigest;

    public static readonly IReadOnlyList<string> All =
    [
        RegistrationConfirmed, RegistrationWaitlisted, RegistrationPromoted, RegistrationCancelled, EventUpdated, EventCancelled,
        MatchProposed, MatchAccepted, MatchCalledOff, MeetingConfirmed, MessageWaiting, EventReminder, MeetingReminder, QuestionAnswered,
        GroupFormed, QuestionTableProposed,
    ];

    /// <summary>The networking nudges: emailed one by one, or gathered in a daily digest for those who choose it.</summary>
    public static bool IsNudge(string kind) => kind is MatchProposed or MessageWaiting;

    /// <summary>What a kind is called where people choose how to hear about it.</summary>
    public static string Label(string kind) => kind switch
    {
        RegistrationConfirmed => "Your registration is confirmed (with the calendar invite)",
        RegistrationWaitlisted => "You are on a waitlist",
        RegistrationPromoted => "A seat freed up for you",
        RegistrationCancelled => "You cancelled a registration",
        EventUpdated => "An event you registered for changed",
        EventCancelled => "An event you registered for was cancelled",
        MatchProposed => "You have a new networking match",
        MatchAccepted => "Your match accepted",
        MatchCalledOff => "A match was called off",
        MeetingConfirmed => "A meeting is confirmed (with the calendar invite)",
        MessageWaiting => "A match wrote to you and the messages wait unread",
        EventReminder => "Reminders before your events (24 hours and 15 minutes)",
        MeetingReminder => "Reminders before your meetings",
        QuestionAnswered => "A question you asked on a talk was answered",
        GroupFormed => "A round put you in a small group",
        QuestionTableProposed => "A table is proposed on a question you asked or upvoted",
        _ => kind,
    };

    /// <summary>The kinds that are also emailed; the rest live in the in-app feed only.</summary>
    public static bool IsEmailed(string kind) => kind is not (MatchAccepted or MatchCalledOff);
}
