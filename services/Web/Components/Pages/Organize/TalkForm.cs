using System.ComponentModel.DataAnnotations;
using EventPlatform.Web.Services;

namespace EventPlatform.Web.Components.Pages.Organize;

/// <summary>A talk an organizer puts on their event's programme.</summary>
public sealed class TalkForm
{
    public static readonly string[] Formats = ["talk", "keynote", "panel", "workshop"];

    [Required(ErrorMessage = "Give the talk a title."), StringLength(300, MinimumLength = 3, ErrorMessage = "Between 3 and 300 characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Say what the talk is about."), StringLength(4000, ErrorMessage = "At most 4,000 characters.")]
    public string Abstract { get; set; } = "";

    [Required(ErrorMessage = "Name at least one speaker."), StringLength(4000)]
    public string Speakers { get; set; } = "";

    public string Format { get; set; } = "talk";

    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    [StringLength(600)]
    public string? Tags { get; set; }

    [StringLength(500)]
    public string? Link { get; set; }

    [StringLength(500)]
    public string? Recording { get; set; }

    /// <summary>A new talk: 30 minutes, right after the programme so far.</summary>
    public static TalkForm After(EventDto ev, TimeZoneInfo zone)
    {
        var start = ev.Agenda.Count > 0 ? ev.Agenda.Max(a => a.EndsAt) : ev.StartsAt;
        return new TalkForm
        {
            StartsAt = start is { } s ? ViewerTime.ToLocal(s, zone) : null,
            EndsAt = start is { } e ? ViewerTime.ToLocal(e.AddMinutes(30), zone) : null,
        };
    }

    public object ToRequest(Guid eventId, TimeZoneInfo zone) => new
    {
        eventId,
        title = Title.Trim(),
        @abstract = Abstract.Trim(),
        speakers = Speakers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Split(',', 2, StringSplitOptions.TrimEntries);
            return new { name = parts[0], affiliation = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null };
        }).ToList(),
        format = Format,
        tags = (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).ToList(),
        startsAt = StartsAt is { } start ? ViewerTime.FromLocal(start, zone) : (DateTimeOffset?)null,
        endsAt = EndsAt is { } end ? ViewerTime.FromLocal(end, zone) : (DateTimeOffset?)null,
        links = new[] { (kind: "slides", url: Link), (kind: "video", url: Recording) }
            .Where(l => !string.IsNullOrWhiteSpace(l.url))
            .Select(l => new { l.kind, url = l.url!.Trim() })
            .ToList(),
    };
}
