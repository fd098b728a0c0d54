using System.Globalization;
using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// When a person is free for networking around one event, as they marked it in their own time zone and kept as
/// instants. Rounds pair, and meeting requests book, only people free for the whole slot; someone who marked nothing
/// is taken to be free whenever networking is open.
/// </summary>
public sealed class Availability
{
    public const int MaxSlots = 48;
    public static readonly TimeSpan ShortestSlot = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LongestSlot = TimeSpan.FromHours(24);

    private Availability() { }

    public Guid EventId { get; private set; }
    public Guid AttendeeId { get; private set; }

    /// <summary>The zone the person marked the times in (their wall clock), kept to show them back the same way.</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>Free periods, in order and never overlapping (touching or overlapping marks are joined).</summary>
    public List<FreeSlot> Slots { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Free for the whole of [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Covers(DateTimeOffset start, DateTimeOffset end) => Slots.Any(s => s.StartsAt <= start && end <= s.EndsAt);

    public static Availability For(Guid eventId, Guid attendeeId) => new() { EventId = eventId, AttendeeId = attendeeId };

    /// <summary>
    /// Replaces the marks: each period is a wall-clock time in <paramref name="timeZone"/> (or an instant, when it names
    /// its offset), and together they must lie where networking is open (<paramref name="opensAt"/> to <paramref name="closesAt"/>).
    /// </summary>
    public void Mark(string timeZone, IReadOnlyList<(DateTimeOffset? Instant, DateTime Local, DateTimeOffset? EndInstant, DateTime EndLocal)> periods,
        DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            throw new DomainRuleException("availability-time-zone-unknown", $"'{timeZone}' is not an IANA time zone.", RuleViolation.Unprocessable);
        }
        if (periods.Count > MaxSlots)
        {
            throw new DomainRuleException("availability-too-many", $"Mark at most {MaxSlots} free periods.", RuleViolation.Unprocessable);
        }
        var slots = new List<FreeSlot>();
        foreach (var (instant, local, endInstant, endLocal) in periods)
        {
            var start = instant ?? Instant(local, zone);
            var end = endInstant ?? Instant(endLocal, zone);
            if (end - start < ShortestSlot || end - start > LongestSlot)
            {
                throw new DomainRuleException("availability-slot-length",
                    $"A free period lasts from {ShortestSlot.TotalMinutes:0} minutes to {LongestSlot.TotalHours:0} hours and ends after it starts ({Show(start, zone)} to {Show(end, zone)}).",
                    RuleViolation.Unprocessable);
            }
            if (end <= opensAt || start >= closesAt)
            {
                throw new DomainRuleException("availability-outside-networking",
                    $"{Show(start, zone)} to {Show(end, zone)} is outside this event's networking, which runs from {Show(opensAt, zone)} to {Show(closesAt, zone)}.",
                    RuleViolation.Unprocessable);
            }
            slots.Add(new FreeSlot(start, end));
        }
        TimeZone = zone.Id;
        Slots = Join(slots);
        UpdatedAt = now;
    }

    /// <summary>The periods as the person reads them: "Tue 1 Dec 09:00–12:00".</summary>
    public string Describe(string? timeZone = null)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return string.Join(", ", Slots.Select(s => $"{Show(s.StartsAt, zone)}–{TimeZoneInfo.ConvertTime(s.EndsAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture)}"))
            + $" ({zone.Id})";
    }

    /// <summary>When both marked the slot as free, the reasons say so (in the reader's own time), kept among the reasons shown.</summary>
    public static IReadOnlyList<string> FreeThen(IReadOnlyList<string> reasons, PoolMember reader, PoolMember partner,
        IReadOnlyDictionary<Guid, Availability> marked, DateTimeOffset startsAt)
    {
        if (!marked.ContainsKey(reader.AttendeeId) || !marked.ContainsKey(partner.AttendeeId))
        {
            return reasons;
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(reader.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(startsAt, zone).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return [.. reasons.Take(Match.MaxReasons - 1), $"you both marked {local} ({zone.Id}) as free"];
    }

    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            throw new DomainRuleException("availability-time-skipped",
                $"{wall:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (the clocks skip it); choose a time outside the change.", RuleViolation.Unprocessable);
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    private static string Show(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private static List<FreeSlot> Join(List<FreeSlot> slots)
    {
        var joined = new List<FreeSlot>();
        foreach (var slot in slots.OrderBy(s => s.StartsAt))
        {
            if (joined.Count > 0 && slot.StartsAt <= joined[^1].EndsAt)
            {
                joined[^1] = joined[^1] with { EndsAt = slot.EndsAt > joined[^1].EndsAt ? slot.EndsAt : joined[^1].EndsAt };
            }
            else
            {
                joined.Add(slot);
            }
        }
        return joined;
    }
}

/// <summary>A period someone is free, as instants.</summary>
public sealed record FreeSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt);
