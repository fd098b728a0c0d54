namespace EventPlatform.Contracts.Notifications;

/// <summary>A person has a new notification in their feed (the web app refreshes their badge and feed on it).</summary>
public sealed record NotificationAdded
{
    public required Guid NotificationId { get; init; }
    public required Guid RecipientId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
