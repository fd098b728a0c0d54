using System.ComponentModel.DataAnnotations;
using EventPlatform.Events.Domain;
using EventPlatform.ServiceDefaults.Validation;

namespace EventPlatform.Events.Endpoints;

public sealed record EventRequest
{
    [Required, SingleLine(200, minLength: 3)]
    public string Title { get; init; } = "";

    [StringLength(5000)]
    public string? Description { get; init; }

    public EventKind Kind { get; init; } = EventKind.Meetup;
    public EventFormat Format { get; init; } = EventFormat.Virtual;
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    [Required, SingleLine(64, minLength: 1)]
    public string TimeZone { get; init; } = "UTC";

    [Range(1, 1_000_000)]
    public int Capacity { get; init; }

    [TopicList(20)]
    public List<string> Topics { get; init; } = [];

    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }

    /// <summary>When networking opens; 14 days before the start when left out.</summary>
    public DateTimeOffset? NetworkingOpensAt { get; init; }

    [WebUrl(500)]
    public string? JoinUrl { get; init; }

    public EventDetails ToDetails() => new(Title, Description, Kind, Format, StartsAt, EndsAt, TimeZone, Capacity, Topics,
        RegistrationOpensAt, RegistrationClosesAt, NetworkingOpensAt, JoinUrl);

    /// <summary>The event as it stands, as a request: what a merge patch is applied to.</summary>
    public static EventRequest From(Event ev) => new()
    {
        Title = ev.Title,
        Description = ev.Description,
        Kind = ev.Kind,
        Format = ev.Format,
        StartsAt = ev.StartsAt,
        EndsAt = ev.EndsAt,
        TimeZone = ev.TimeZone,
        Capacity = ev.Capacity,
        Topics = [.. ev.Topics],
        RegistrationOpensAt = ev.RegistrationOpensAt,
        RegistrationClosesAt = ev.RegistrationClosesAt,
        NetworkingOpensAt = ev.NetworkingOpensAtOverride,
        JoinUrl = ev.JoinUrl,
    };
}

public sealed record CancelEventRequest
{
    [SingleLine(500)]
    public string? Reason { get; init; }
}

public sealed record AgendaItemRequest
{
    public AgendaItemKind Kind { get; init; }

    [Required, SingleLine(300, minLength: 1)]
    public string Title { get; init; } = "";

    [Required]
    public DateTimeOffset? StartsAt { get; init; }

    [Required]
    public DateTimeOffset? EndsAt { get; init; }

    [ListOf(20, ItemMaxLength = 200)]
    public List<string> Speakers { get; init; } = [];
}

public sealed record AgendaItemResponse(Guid Id, AgendaItemKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    IReadOnlyList<string> Speakers, Guid? TalkId)
{
    public static AgendaItemResponse From(AgendaItem a) => new(a.Id, a.Kind, a.Title, a.StartsAt, a.EndsAt, a.Speakers, a.TalkId);
}

public sealed record OrganizersResponse(Guid OwnerId, IReadOnlyList<Guid> CoOrganizerIds);

/// <summary>
/// An event. <c>joinUrl</c> and <c>organizerIds</c> are given to the event's organizers only: attendees get the join
/// link with their confirmed registration (<c>GET /api/registrations/{id}</c>), never from here.
/// </summary>
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
    IReadOnlyList<AgendaItemResponse> Agenda,
    bool CanManage,
    IReadOnlyList<Guid> OrganizerIds)
{
    public static EventResponse From(Event ev, Guid? viewer)
    {
        var manages = viewer is { } id && ev.IsOrganizedBy(id);
        return new(
            ev.Id, ev.Title, ev.Description, ev.Kind, ev.Format, ev.Status, ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Capacity,
            ev.Topics, ev.RegistrationOpensAt, ev.RegistrationClosesAt, ev.NetworkingOpensAt, manages ? ev.JoinUrl : null, ev.CancellationReason,
            ev.Version, [.. ev.Agenda.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Select(AgendaItemResponse.From)], manages,
            manages ? ev.OrganizerIds : []);
    }
}

