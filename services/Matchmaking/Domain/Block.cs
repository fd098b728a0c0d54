namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// One attendee blocked another, at every event: they are never paired or put in each other's directory or at each
/// other's topic tables, neither can ask the other for a meeting, and their open matches and meetings are called off.
/// Only the blocker can lift it.
/// </summary>
public sealed class Block
{
    private Block() { }

    public Guid BlockerId { get; private set; }
    public Guid BlockedId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Block Between(Guid blocker, Guid blocked, DateTimeOffset now) =>
        new() { BlockerId = blocker, BlockedId = blocked, CreatedAt = now };
}
