namespace EventPlatform.Contracts.Notifications;

/// <summary>
/// People have new notifications in their feeds (the web app refreshes each one's badge and feed on it): one message for
/// the notifications Notifications adds together (a batch of registrations, a round's match proposals; at most
/// <see cref="MaxItems"/> each), instead of one message per notification.
/// </summary>
public sealed record NotificationsAdded
{
    /// <summary>The most notifications one message carries; more are split over several.</summary>
    public const int MaxItems = 500;

    public required IReadOnlyList<AddedNotification> Notifications { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>One notification of a <see cref="NotificationsAdded"/>.</summary>
public sealed record AddedNotification
{
    public required Guid NotificationId { get; init; }
    public required Guid RecipientId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A person has a new notification in their feed. No longer published (<see cref="NotificationsAdded"/> carries it);
/// kept so that the web app still applies what an earlier version left in Notifications' outbox.
/// </summary>
public sealed record NotificationAdded
{
    public required Guid NotificationId { get; init; }
    public required Guid RecipientId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
