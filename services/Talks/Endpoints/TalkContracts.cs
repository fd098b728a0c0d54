using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Talks.Domain;

namespace EventPlatform.Talks.Endpoints;

public sealed record TalkResponse(
    Guid Id, string Slug, string Title, string Abstract, IReadOnlyList<Speaker> Speakers, string Format, string Status,
    IReadOnlyList<string> Tags, IReadOnlyList<TalkLink> Links, string Language, string EventName, string? EventCity,
    Guid? EventId, DateOnly? Date, int Year, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt)
{
    public static TalkResponse From(Talk t) => new(t.Id, t.Slug, t.Title, t.Abstract, t.Speakers, WireEnum.Name(t.Format), WireEnum.Name(t.Status), t.Tags,
        t.Links, t.Language, t.EventName, t.EventCity, t.EventId, t.Date, t.Year, t.StartsAt, t.EndsAt);
}

/// <summary>A talk with the talks that share most of its tags.</summary>
public sealed record TalkDetailResponse(TalkResponse Talk, IReadOnlyList<RelatedTalk> Related, int QuestionCount);

public sealed record RelatedTalk(Guid Id, string Slug, string Title, int Year, IReadOnlyList<string> SharedTags);

public sealed record FacetCount(string Value, int Count);

public sealed record TalkFacets(IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Years, IReadOnlyList<FacetCount> Formats);

/// <summary>One page of search results, with facet counts over all matches so a page can offer filters.</summary>
public sealed record TalkSearchPage(IReadOnlyList<TalkResponse> Items, int Total, [property: JsonPropertyName("page")] int PageNumber, int PageSize, TalkFacets Facets);

public sealed record SpeakerInput([Required, StringLength(200, MinimumLength = 1)] string Name, [StringLength(200)] string? Affiliation);

public sealed record LinkInput([Required, StringLength(40, MinimumLength = 1)] string Kind, [Required, Url, StringLength(2000)] string Url);

/// <summary>An organizer puts a talk on the agenda of an upcoming event.</summary>
public sealed record ScheduleTalkRequest(
    [Required] Guid? EventId,
    [Required, StringLength(300, MinimumLength = 3)] string Title,
    [Required, StringLength(4000, MinimumLength = 1)] string Abstract,
    [Required, MinLength(1), MaxLength(10)] IReadOnlyList<SpeakerInput> Speakers,
    [Required] string Format,
    [MaxLength(10)] IReadOnlyList<string>? Tags,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [MaxLength(10)] IReadOnlyList<LinkInput>? Links,
    [StringLength(10)] string? Language);

public sealed record AskQuestionRequest([Required] string Text);

public sealed record ModerateQuestionRequest([Required] string Status);

public sealed record QuestionResponse(
    Guid Id, Guid TalkId, string AuthorName, string Text, string Status, int Votes, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt,
    bool UpvotedByMe)
{
    public static QuestionResponse From(Question q, bool upvotedByMe) =>
        new(q.Id, q.TalkId, q.AuthorName, q.Text, WireEnum.Name(q.Status), q.Votes, q.CreatedAt, q.AnsweredAt, upvotedByMe);
}

public sealed record VoteResponse(Guid QuestionId, int Votes, bool UpvotedByMe);
