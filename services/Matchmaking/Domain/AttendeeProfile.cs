namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// The newest networking profile Matchmaking has heard for a person, whether or not they are in any pool yet.
/// A profile edit can overtake the registration that carries an older copy of the profile (they travel on different
/// queues); without this row the edit would find no pool member to change and the registration would then bring the
/// older profile in. Joining a pool applies whichever of the two is newer.
/// </summary>
public sealed class AttendeeProfile
{
    private AttendeeProfile() { }

    public Guid AttendeeId { get; private set; }

    /// <summary>The <see cref="Contracts.Attendees.NetworkingProfile"/> as JSON (jsonb).</summary>
    public string Profile { get; private set; } = "{}";

    public DateTimeOffset ChangedAt { get; private set; }
}
