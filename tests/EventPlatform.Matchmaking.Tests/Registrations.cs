using EventPlatform.Contracts.Attendees;

namespace EventPlatform.Matchmaking.Tests;

internal static class Registrations
{
    /// <summary>A confirmed registration with a networking profile (Berlin time, Acme, a headline of their own).</summary>
    public static AttendeeRegistered Registered(Guid eventId, Guid attendee, string name, bool listed, string[] interests, string[] intents,
        string[]? directoryFields = null) => new()
    {
        RegistrationId = Guid.NewGuid(),
        EventId = eventId,
        AttendeeId = attendee,
        Profile = new NetworkingProfile
        {
            DisplayName = name, Headline = $"{name}'s headline", Company = "Acme", Interests = interests, Intents = intents,
            TimeZone = "Europe/Berlin", DirectoryVisible = listed, NetworkingOptIn = true, DirectoryFields = directoryFields ?? DirectoryField.All,
        },
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
