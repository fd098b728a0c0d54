namespace EventPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A message written in the same transaction as the state change that caused it, published
/// afterwards by <see cref="OutboxRelay{TContext}"/>. Its id is the MassTransit message id, so
/// consumers' inboxes recognise a message the relay had to publish twice.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public long Sequence { get; init; }
    public required string MessageType { get; init; }
    public required string Body { get; init; }
    public string? CorrelationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message a consumer has already applied; the key (consumer, message id) makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; init; }
    public Guid MessageId { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
