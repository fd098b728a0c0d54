using System.ComponentModel.DataAnnotations;
using EventPlatform.Web.Services;

namespace EventPlatform.Web.Components.Pages.Organize;

/// <summary>
/// Every field of an event, as an organizer fills them in: times as the wall clock of the event's own time zone,
/// topics as chips of the vocabulary plus any others. The API has the last word on every rule; this only spares a round trip.
/// </summary>
public sealed class EventForm
{
    [Required(ErrorMessage = "Give the event a title."), StringLength(200, MinimumLength = 3, ErrorMessage = "Between 3 and 200 characters.")]
    public string Title { get; set; } = "";

    [StringLength(5000, ErrorMessage = "At most 5,000 characters.")]
    public string? Description { get; set; }

    public string Kind { get; set; } = "meetup";
    public string Format { get; set; } = "virtual";

    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    [Required(ErrorMessage = "Choose the event's time zone.")]
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 1_000_000, ErrorMessage = "Between 1 and 1,000,000 seats.")]
    public int Capacity { get; set; } = 100;

    public Dictionary<string, bool> Topics { get; set; } = [];

    [StringLength(600, ErrorMessage = "At most 600 characters.")]
    public string? OtherTopics { get; set; }

    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public DateTime? NetworkingOpensAt { get; set; }

    [StringLength(500, ErrorMessage = "At most 500 characters.")]
    public string? JoinUrl { get; set; }

    public static readonly string[] Kinds = ["meetup", "conference", "workshop", "panel"];
    public static readonly string[] Formats = ["virtual", "hybrid"];

    public static EventForm From(EventDto ev, IReadOnlyCollection<string> vocabulary)
    {
        var zone = ZoneOf(ev.TimeZone);
        return new EventForm
        {
            Title = ev.Title,
            Description = ev.Description,
            Kind = ev.Kind,
            Format = ev.Format,
            StartsAt = Local(ev.StartsAt, zone),
            EndsAt = Local(ev.EndsAt, zone),
            TimeZone = ev.TimeZone,
            Capacity = ev.Capacity,
            Topics = ev.Topics.Where(vocabulary.Contains).ToDictionary(t => t, _ => true),
            OtherTopics = string.Join(", ", ev.Topics.Where(t => !vocabulary.Contains(t))),
            RegistrationOpensAt = Local(ev.RegistrationOpensAt, zone),
            RegistrationClosesAt = Local(ev.RegistrationClosesAt, zone),
            NetworkingOpensAt = Local(ev.NetworkingOpensAt, zone),
            JoinUrl = ev.JoinUrl,
        };
    }

    /// <summary>The whole event, for creating it.</summary>
    public Dictionary<string, object?> ToRequest()
    {
        var zone = ZoneOf(TimeZone);
        return new Dictionary<string, object?>
        {
            ["title"] = Title.Trim(),
            ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            ["kind"] = Kind,
            ["format"] = Format,
            ["startsAt"] = Instant(StartsAt, zone),
            ["endsAt"] = Instant(EndsAt, zone),
            ["timeZone"] = TimeZone.Trim(),
            ["capacity"] = Capacity,
            ["topics"] = TopicList(),
            ["registrationOpensAt"] = Instant(RegistrationOpensAt, zone),
            ["registrationClosesAt"] = Instant(RegistrationClosesAt, zone),
            ["networkingOpensAt"] = Instant(NetworkingOpensAt, zone),
            ["joinUrl"] = string.IsNullOrWhiteSpace(JoinUrl) ? null : JoinUrl.Trim(),
        };
    }

    /// <summary>
    /// Only what changed since the event was loaded, as a JSON merge patch: a field left as it was keeps whatever the
    /// platform derived (when networking opens follows the start unless set), and a concurrent edit of another field survives.
    /// </summary>
    public Dictionary<string, object?> ToPatch(EventDto original, IReadOnlyCollection<string> vocabulary)
    {
        var before = From(original, vocabulary).ToRequest();
        var after = ToRequest();
        return after.Where(field => !Same(before[field.Key], field.Value)).ToDictionary();
    }

    private List<string> TopicList() =>
        [.. Topics.Where(t => t.Value).Select(t => t.Key)
            .Concat((OtherTopics ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()))
            .Distinct()];

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (List<string> x, List<string> y) => x.Order().SequenceEqual(y.Order()),
        _ => Equals(a, b),
    };

    private static TimeZoneInfo ZoneOf(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>To the minute, as a date-time field holds it.</summary>
    private static DateTime? Local(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is { } t ? ViewerTime.ToLocal(t, zone) is var local ? local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute)) : null : null;

    private static DateTimeOffset? Instant(DateTime? local, TimeZoneInfo zone) => local is { } l ? ViewerTime.FromLocal(l, zone) : null;
}
