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
    /// <summary>Written by <c>BlocksApi.Block</c> with INSERT … ON CONFLICT DO NOTHING, so blocking twice at once is one block.</summary>
    public DateTimeOffset CreatedAt { get; private set; }
}
