namespace EventPlatform.Talks.Domain;

public enum TalkFormat { Talk, Panel, Podcast, Keynote, Workshop }

public enum TalkStatus
{
    /// <summary>In the library of past talks.</summary>
    Library,
    /// <summary>On the agenda of an upcoming event on this platform.</summary>
    Scheduled,
}

public sealed record Speaker(string Name, string? Affiliation);

public sealed record TalkLink(string Kind, string Url);

/// <summary>A talk, panel or podcast episode: either in the library of past talks or scheduled at an upcoming event.</summary>
public sealed class Talk
{
    private Talk() { }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Abstract { get; private set; } = "";
    public List<Speaker> Speakers { get; private set; } = [];
    public TalkFormat Format { get; private set; }
    public TalkStatus Status { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public List<TalkLink> Links { get; private set; } = [];
    public string Language { get; private set; } = "en";

    /// <summary>The event the talk was given at: a past event's name, or an event on this platform.</summary>
    public string EventName { get; private set; } = "";
    public string? EventCity { get; private set; }
    public Guid? EventId { get; private set; }
    public DateOnly? Date { get; private set; }
    public int Year { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Talk ForLibrary(Guid id, string slug, DateTimeOffset now) => new()
    {
        Id = id,
        Slug = slug,
        Status = TalkStatus.Library,
        CreatedAt = now,
    };

    public void Describe(string title, string @abstract, IEnumerable<Speaker> speakers, TalkFormat format, IEnumerable<string> tags,
        IEnumerable<TalkLink> links, string language, string eventName, string? eventCity, DateOnly? date, int year, DateTimeOffset now)
    {
        Title = title.Trim();
        Abstract = @abstract.Trim();
        Speakers = [.. speakers];
        Format = format;
        Tags = [.. tags.Select(t => t.Trim().ToLowerInvariant()).Distinct()];
        Links = [.. links];
        Language = language;
        EventName = eventName;
        EventCity = eventCity;
        Date = date;
        Year = year;
        UpdatedAt = now;
    }
}
