using System.ComponentModel.DataAnnotations;
using EventPlatform.Events.Domain;

namespace EventPlatform.Events.Endpoints;

public sealed record EventRequest
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string Title { get; init; } = "";

    [StringLength(5000)]
    public string? Description { get; init; }

    public EventKind Kind { get; init; } = EventKind.Meetup;
    public EventFormat Format { get; init; } = EventFormat.Virtual;
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    [Required, StringLength(64)]
    public string TimeZone { get; init; } = "UTC";

    [Range(1, 1_000_000)]
    public int Capacity { get; init; }

    [MaxLength(20)]
    public List<string> Topics { get; init; } = [];

    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }

    /// <summary>When networking opens; 14 days before the start when left out.</summary>
    public DateTimeOffset? NetworkingOpensAt { get; init; }

    [StringLength(500), Url]
    public string? JoinUrl { get; init; }

    public EventDetails ToDetails() => new(Title, Description, Kind, Format, StartsAt, EndsAt, TimeZone, Capacity, Topics,
        RegistrationOpensAt, RegistrationClosesAt, NetworkingOpensAt, JoinUrl);
}

public sealed record CancelEventRequest
{
    [StringLength(500)]
    public string? Reason { get; init; }
}

public sealed record AgendaItemRequest
{
    public AgendaItemKind Kind { get; init; }

    [Required, StringLength(300, MinimumLength = 1)]
    public string Title { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }

    [MaxLength(20)]
    public List<string> Speakers { get; init; } = [];
}

public sealed record AgendaItemResponse(Guid Id, AgendaItemKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    IReadOnlyList<string> Speakers, Guid? TalkId);

public sealed record EventResponse(
    Guid Id,
    string Title,
    string? Description,
    EventKind Kind,
    EventFormat Format,
    EventStatus Status,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string TimeZone,
    int Capacity,
    IReadOnlyList<string> Topics,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? NetworkingOpensAt,
    string? JoinUrl,
    string? CancellationReason,
    long Version,
    IReadOnlyList<AgendaItemResponse> Agenda)
{
    public static EventResponse From(Event ev) => new(
        ev.Id, ev.Title, ev.Description, ev.Kind, ev.Format, ev.Status, ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Capacity,
        ev.Topics, ev.RegistrationOpensAt, ev.RegistrationClosesAt, ev.NetworkingOpensAt, ev.JoinUrl, ev.CancellationReason, ev.Version,
        [.. ev.Agenda.OrderBy(a => a.StartsAt).Select(a => new AgendaItemResponse(a.Id, a.Kind, a.Title, a.StartsAt, a.EndsAt, a.Speakers, a.TalkId))]);
}

