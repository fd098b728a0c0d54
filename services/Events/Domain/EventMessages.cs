using EventPlatform.Contracts.Events;

namespace EventPlatform.Events.Domain;

/// <summary>Maps the event to the snapshot other services replicate.</summary>
public static class EventMessages
{
    public static EventSnapshot ToSnapshot(this Event ev) => new()
    {
        EventId = ev.Id,
        Title = ev.Title,
        Description = ev.Description,
        Kind = ev.Kind.ToString().ToLowerInvariant(),
        Status = ev.Status.ToString().ToLowerInvariant(),
        StartsAt = ev.StartsAt ?? throw new InvalidOperationException("Only events with a schedule are announced."),
        EndsAt = ev.EndsAt ?? throw new InvalidOperationException("Only events with a schedule are announced."),
        TimeZone = ev.TimeZone,
        Capacity = ev.Capacity,
        Topics = ev.Topics,
        RegistrationOpensAt = ev.RegistrationOpensAt,
        RegistrationClosesAt = ev.RegistrationClosesAt,
        NetworkingOpensAt = ev.NetworkingOpensAt!.Value,
        JoinUrl = ev.JoinUrl,
        Version = ev.Version,
        OrganizerIds = ev.OrganizerIds,
    };

    public static IEnumerable<NetworkingRoundScheduled> NetworkingRounds(this Event ev, IEnumerable<AgendaItem> items, DateTimeOffset now) =>
        items.Where(item => item.Kind == AgendaItemKind.NetworkingRound).Select(item => new NetworkingRoundScheduled
        {
            EventId = ev.Id,
            AgendaItemId = item.Id,
            StartsAt = item.StartsAt,
            EndsAt = item.EndsAt,
            OccurredAt = now,
        });
}
