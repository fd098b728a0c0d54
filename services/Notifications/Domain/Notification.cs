namespace EventPlatform.Notifications.Domain;

/// <summary>
/// One thing one person is told, in the feed (and, for most kinds, by email). It keeps the facts, not the wording: the
/// text is written when it is shown or sent, from what is known of the event and the people then.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public string Kind { get; private set; } = "";
    public Guid? EventId { get; private set; }
    public Guid? MatchId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public NotificationDetails Details { get; private set; } = new();
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>False when the person turned this kind off in the app (it was recorded for its email only).</summary>
    public bool ShowInFeed { get; set; } = true;

    /// <summary>A nudge whose email waits for the person's next daily digest.</summary>
    public bool AwaitsDigest { get; set; }

    public static Notification Create(Guid recipientId, string kind, DateTimeOffset now, Guid? eventId = null, Guid? matchId = null,
        Guid? partnerId = null, NotificationDetails? details = null) => new()
        {
            Id = Guid.CreateVersion7(now),
            RecipientId = recipientId,
            Kind = kind,
            EventId = eventId,
            MatchId = matchId,
            PartnerId = partnerId,
            Details = details ?? new NotificationDetails(),
            CreatedAt = now,
        };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>The facts of a notification beyond who and which event (stored as JSON).</summary>
public sealed record NotificationDetails
{
    public int? WaitlistPosition { get; init; }

    /// <summary>The SEQUENCE of the calendar invite the email carries (RFC 5545): it grows with every change.</summary>
    public int? InviteSequence { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? RoomUrl { get; init; }
    public string? Reason { get; init; }

    /// <summary>For a cancellation: the person held a seat, so their calendar has the event to withdraw.</summary>
    public bool WasConfirmed { get; init; }

    /// <summary>For an answered question: the talk (its address and title) and the question as asked.</summary>
    public string? TalkSlug { get; init; }
    public string? TalkTitle { get; init; }
    public string? Question { get; init; }

    /// <summary>For a reminder: how long before the start it was sent (24 hours or 15 minutes).</summary>
    public int? LeadMinutes { get; init; }

    /// <summary>
    /// For account mail (<see cref="NotificationKind.IsAccount"/>): where it goes and whom to greet (there may be no
    /// account yet), the link's secret (removed once the mail is sent) and until when the link works.
    /// </summary>
    public string? Address { get; init; }
    public string? RecipientName { get; init; }
    public string? Secret { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>For a password reset: it answers a sign-up with an address that already has an account.</summary>
    public bool DuringSignUp { get; init; }

    /// <summary>For waiting messages: how many.</summary>
    public int? Messages { get; init; }

    /// <summary>A group's size; for a question-born table, whether the person is its asker (invited to host).</summary>
    public int? GroupSize { get; init; }
    public bool InvitedToHost { get; init; }

    /// <summary>For a digest: the notifications it gathers, oldest first.</summary>
    public IReadOnlyList<Guid> Items { get; init; } = [];
}
