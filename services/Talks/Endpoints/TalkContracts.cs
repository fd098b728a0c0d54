using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Validation;
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

/// <summary>Counts over all matches: the most used tags, every year and format, and the events with most talks.</summary>
public sealed record TalkFacets(IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Years, IReadOnlyList<FacetCount> Formats,
    IReadOnlyList<FacetCount> Events);

/// <summary>One page of search results, with facet counts over all matches so a page can offer filters.</summary>
/// <param name="DidYouMean">The query as corrected when a word no talk uses was replaced by the closest one (the results are for it).</param>
public sealed record TalkSearchPage(IReadOnlyList<TalkResponse> Items, int Total, [property: JsonPropertyName("page")] int PageNumber, int PageSize,
    TalkFacets Facets, string? DidYouMean = null);

public sealed record SpeakerInput([Required, SingleLine(200, minLength: 1)] string Name, [SingleLine(200)] string? Affiliation);

public sealed record LinkInput([Required, SingleLine(40, minLength: 1)] string Kind, [Required, WebUrl] string Url);

/// <summary>An organizer puts a talk on the programme of one of their events (a draft or an upcoming one).</summary>
public sealed record ScheduleTalkRequest(
    [Required] Guid? EventId,
    [Required, SingleLine(300, minLength: 3)] string Title,
    [Required, StringLength(4000, MinimumLength = 1)] string Abstract,
    [Required, MinLength(1), ListOf(10)] IReadOnlyList<SpeakerInput> Speakers,
    [Required, SingleLine(20, minLength: 1)] string Format,
    [TopicList(10)] IReadOnlyList<string>? Tags,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [ListOf(10)] IReadOnlyList<LinkInput>? Links,
    [SingleLine(10)] string? Language);

/// <summary>What changes on a scheduled talk; fields left out (or null) stay as they are.</summary>
public sealed record ChangeTalkRequest(
    [SingleLine(300, minLength: 3)] string? Title,
    [StringLength(4000, MinimumLength = 1)] string? Abstract,
    [MinLength(1), ListOf(10)] IReadOnlyList<SpeakerInput>? Speakers,
    [SingleLine(20, minLength: 1)] string? Format,
    [TopicList(10)] IReadOnlyList<string>? Tags,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [ListOf(10)] IReadOnlyList<LinkInput>? Links,
    [SingleLine(10)] string? Language);

public sealed record AskQuestionRequest([Required, StringLength(Question.MaxLength * 2)] string Text);

public sealed record ModerateQuestionRequest([Required, SingleLine(20, minLength: 1)] string Status);

/// <summary>A question; <c>upvotedByMe</c> and <c>askedByMe</c> describe the caller (false for anonymous readers).</summary>
public sealed record QuestionResponse(
    Guid Id, Guid TalkId, string AuthorName, string Text, string Status, int Votes, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt,
    bool UpvotedByMe, bool AskedByMe = false)
{
    public static QuestionResponse From(Question q, bool upvotedByMe, Guid? caller = null) =>
        new(q.Id, q.TalkId, q.AuthorName, q.Text, WireEnum.Name(q.Status), q.Votes, q.CreatedAt, q.AnsweredAt, upvotedByMe, caller == q.AuthorId);
}

public sealed record VoteResponse(Guid QuestionId, int Votes, bool UpvotedByMe);

/// <summary>A question in an event's moderation queue, with the talk it was asked on.</summary>
public sealed record ModerationItem(QuestionResponse Question, Guid TalkId, string TalkSlug, string TalkTitle);
