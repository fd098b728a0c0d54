using NpgsqlTypes;

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

    /// <summary>The speakers' names in one string, for search and the speaker filter.</summary>
    public string SpeakerNames { get; private set; } = "";

    /// <summary>The tags as words ("model-serving" → "model serving"), for search.</summary>
    public string TagWords { get; private set; } = "";
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
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>Fingerprint of the seed entry this talk was loaded from: an unchanged seed is not written again.</summary>
    public string? SeedHash { get; set; }

    /// <summary>Weighted full-text document computed by PostgreSQL: title (A), tags and speakers (B), abstract and event (C).</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    public static Talk ForLibrary(Guid id, string slug, DateTimeOffset now) => new()
    {
        Id = id,
        Slug = slug,
        Status = TalkStatus.Library,
        CreatedAt = now,
    };

    /// <summary>A talk an organizer puts on the agenda of an upcoming event on this platform.</summary>
    public static Talk ForEvent(TalkEvent ev, string slug, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        var day = (startsAt ?? ev.StartsAt).UtcDateTime;
        return new Talk
        {
            Id = Guid.CreateVersion7(),
            Slug = slug,
            Status = TalkStatus.Scheduled,
            EventId = ev.Id,
            EventName = ev.Title,
            EventCity = "virtual",
            Date = DateOnly.FromDateTime(day),
            Year = day.Year,
            StartsAt = startsAt?.ToUniversalTime(),
            EndsAt = endsAt?.ToUniversalTime(),
            CreatedAt = now,
        };
    }

    public void Describe(string title, string @abstract, IEnumerable<Speaker> speakers, TalkFormat format, IEnumerable<string> tags,
        IEnumerable<TalkLink> links, string language, DateTimeOffset now)
    {
        Title = title.Trim();
        Abstract = @abstract.Trim();
        Speakers = [.. speakers.Select(s => new Speaker(s.Name.Trim(), string.IsNullOrWhiteSpace(s.Affiliation) ? null : s.Affiliation.Trim()))];
        SpeakerNames = string.Join(", ", Speakers.Select(s => s.Name));
        Format = format;
        Tags = [.. tags.Select(ServiceDefaults.Vocabulary.Topics.Normalize).Where(t => t.Length > 0).Distinct()];
        TagWords = string.Join(' ', Tags.Select(t => t.Replace('-', ' ')));
        Links = [.. links];
        Language = language;
        UpdatedAt = now;
    }

    public void ChangeSlug(string slug) => Slug = slug;

    /// <summary>Moves a scheduled talk to another slot of its event (or leaves it without one).</summary>
    public void Reschedule(DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        StartsAt = startsAt?.ToUniversalTime();
        EndsAt = endsAt?.ToUniversalTime();
        if (startsAt is { } start)
        {
            Date = DateOnly.FromDateTime(start.UtcDateTime);
            Year = start.UtcDateTime.Year;
        }
        UpdatedAt = now;
    }

    public void PlaceAt(string eventName, string? eventCity, DateOnly? date, int year)
    {
        EventName = eventName.Trim();
        EventCity = eventCity?.Trim();
        Date = date;
        Year = year;
    }

    /// <summary>The event ended: the talk joins the library of past talks, keeping its questions. False when it already had.</summary>
    public bool Archive(DateTimeOffset now)
    {
        if (Status == TalkStatus.Library)
        {
            return false;
        }
        Status = TalkStatus.Library;
        ArchivedAt = now;
        UpdatedAt = now;
        return true;
    }
}
