namespace EventPlatform.Web.Components.UI;

/// <summary>The API's lower-case names as people read them.</summary>
public static class Kinds
{
    public static string Label(string name) => name switch
    {
        "networking-round" => "Networking round",
        "topic-tables" => "Topic tables",
        "job-seeking" => "Looking for a job",
        "seeking-mentor" => "Looking for a mentor",
        "" => "",
        _ => char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' '),
    };
}

/// <summary>Statuses as words with a tone; the words carry the meaning, the tone only repeats it.</summary>
public static class Statuses
{
    public static string EventLabel(string status) => status switch
    {
        "draft" => "Draft",
        "published" => "Upcoming",
        "live" => "Live now",
        "ended" => "Ended",
        "cancelled" => "Cancelled",
        _ => status,
    };

    public static string EventTone(string status) => status switch
    {
        "live" => "ok",
        "published" => "info",
        "cancelled" => "bad",
        _ => "warn",
    };

    public static string RegistrationLabel(string status, int? position) => status switch
    {
        "confirmed" => "Registered",
        "waitlisted" => position is { } p ? $"Waitlist, position {p}" : "On the waitlist",
        "cancelled" => "Cancelled",
        _ => status,
    };

    public static string RegistrationTone(string status) => status switch
    {
        "confirmed" => "ok",
        "waitlisted" => "warn",
        _ => "bad",
    };

    public static string MatchLabel(string status) => status switch
    {
        "proposed" => "Proposed",
        "confirmed" => "Meeting confirmed",
        "declined" => "Declined",
        _ => status,
    };

    public static string MatchTone(string status) => status switch
    {
        "confirmed" => "ok",
        "declined" => "bad",
        _ => "info",
    };
}
