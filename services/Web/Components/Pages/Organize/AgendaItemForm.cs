using System.ComponentModel.DataAnnotations;
using EventPlatform.Web.Services;

namespace EventPlatform.Web.Components.Pages.Organize;

/// <summary>An agenda item as an organizer writes it, in the event's time zone.</summary>
public sealed class AgendaItemForm
{
    public static readonly string[] Kinds = ["break", "networking-round", "topic-tables", "keynote", "panel", "talk"];

    public Guid? ItemId { get; set; }

    public string Kind { get; set; } = "networking-round";

    [Required(ErrorMessage = "Give the item a title."), StringLength(300, ErrorMessage = "At most 300 characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Choose when it starts.")]
    public DateTime? StartsAt { get; set; }

    [Required(ErrorMessage = "Choose when it ends.")]
    public DateTime? EndsAt { get; set; }

    [StringLength(2000, ErrorMessage = "At most 2,000 characters.")]
    public string? Speakers { get; set; }

    public static AgendaItemForm From(AgendaItemDto item, TimeZoneInfo zone) => new()
    {
        ItemId = item.Id,
        Kind = item.Kind,
        Title = item.Title,
        StartsAt = ViewerTime.ToLocal(item.StartsAt, zone),
        EndsAt = ViewerTime.ToLocal(item.EndsAt, zone),
        Speakers = string.Join(", ", item.Speakers),
    };

    /// <summary>A new item: a networking break right after the last item (or at the start), 15 minutes long.</summary>
    public static AgendaItemForm After(EventDto ev, TimeZoneInfo zone)
    {
        var start = ev.Agenda.Count > 0 ? ev.Agenda.Max(a => a.EndsAt) : ev.StartsAt;
        return new AgendaItemForm
        {
            Title = "Networking break",
            StartsAt = start is { } s ? ViewerTime.ToLocal(s, zone) : null,
            EndsAt = start is { } e ? ViewerTime.ToLocal(e.AddMinutes(15), zone) : null,
        };
    }

    public object ToRequest(TimeZoneInfo zone) => new
    {
        kind = Kind,
        title = Title.Trim(),
        startsAt = StartsAt is { } start ? ViewerTime.FromLocal(start, zone) : (DateTimeOffset?)null,
        endsAt = EndsAt is { } end ? ViewerTime.FromLocal(end, zone) : (DateTimeOffset?)null,
        speakers = (Speakers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };
}
