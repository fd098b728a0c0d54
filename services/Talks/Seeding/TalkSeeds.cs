using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Vocabulary;
using EventPlatform.Talks.Domain;

namespace EventPlatform.Talks.Seeding;

public sealed class TalkSeedOptions
{
    /// <summary>The seed file; relative paths are resolved against the service's directory (the file ships with it).</summary>
    public string Path { get; set; } = "seeds/talks.json";

    public bool LoadOnStartup { get; set; } = true;
}

public sealed record SeedFile(IReadOnlyList<TalkSeed> Talks);

public sealed record SeedEvent(string Name, string? City, DateOnly? Date, int Year);

/// <summary>One entry of seeds/talks.json.</summary>
public sealed record TalkSeed(
    Guid Id, string Slug, string Title, string Abstract, IReadOnlyList<Speaker> Speakers, string Format,
    IReadOnlyList<string> Tags, SeedEvent Event, string Language, IReadOnlyList<TalkLink> Links)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>What is wrong with this entry, or nothing: a bad entry is reported and skipped, never half loaded.</summary>
    public IEnumerable<string> Problems()
    {
        if (Id == Guid.Empty) yield return "id is missing";
        if (string.IsNullOrWhiteSpace(Slug) || Slug.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            yield return "slug must be lower-case words joined by '-'";
        if (string.IsNullOrWhiteSpace(Title)) yield return "title is missing";
        if (string.IsNullOrWhiteSpace(Abstract)) yield return "abstract is missing";
        if (WireEnum.Parse<TalkFormat>(Format) is null) yield return $"format '{Format}' is not one of {WireEnum.Names<TalkFormat>()}";
        foreach (var tag in Tags.Where(t => !Topics.Suggested.Contains(Topics.Normalize(t))))
            yield return $"tag '{tag}' is not in the topic vocabulary";
        if (Event is null || string.IsNullOrWhiteSpace(Event.Name) || Event.Year < 1900) yield return "event name and year are required";
    }

    public string Fingerprint() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json))));

    public void ApplyTo(Talk talk, DateTimeOffset now)
    {
        talk.ChangeSlug(Slug);
        talk.Describe(Title, Abstract, Speakers, WireEnum.Parse<TalkFormat>(Format)!.Value, Tags, Links, Language, now);
        talk.PlaceAt(Event.Name, Event.City, Event.Date, Event.Year);
        talk.SeedHash = Fingerprint();
    }
}
