namespace EventPlatform.Web.Services;

/// <summary>What a library search asks for: the text, filters, sort and page (all from the page's query string).</summary>
public sealed record TalkSearch(string? Q = null, IReadOnlyList<string>? Tags = null, int? Year = null, string? Format = null, string? Event = null,
    string? Speaker = null, string? Status = null, string? Sort = null, int Page = 1, int PageSize = 12);

/// <summary>The Talks part of the API: the library, talks on a programme, questions.</summary>
public sealed class TalksClient(PlatformApi api)
{
    public Task<ApiResult<TalkSearchDto>> SearchAsync(TalkSearch search, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, string?)>
        {
            ("q", search.Q), ("year", search.Year?.ToString(Query.Invariant)), ("format", search.Format), ("event", search.Event),
            ("speaker", search.Speaker), ("status", search.Status), ("sort", search.Sort),
            ("page", search.Page.ToString(Query.Invariant)), ("pageSize", search.PageSize.ToString(Query.Invariant)),
        };
        parameters.AddRange((search.Tags ?? []).Select(tag => ("tag", (string?)tag)));
        return api.GetAsync<TalkSearchDto>(Query.Of("/api/talks", [.. parameters]), cancellationToken);
    }

    public Task<ApiResult<TalkDetailDto>> GetAsync(string idOrSlug, CancellationToken cancellationToken = default) =>
        api.GetAsync<TalkDetailDto>($"/api/talks/{Uri.EscapeDataString(idOrSlug)}", cancellationToken);

    public Task<ApiResult<TalkDto>> ScheduleAsync(object request, CancellationToken cancellationToken = default) =>
        api.PostAsync<TalkDto>("/api/talks", request, cancellationToken);

    public Task<ApiProblem?> WithdrawAsync(Guid talkId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Delete, $"/api/talks/{talkId}", cancellationToken: cancellationToken);

    public Task<ApiResult<PageDto<QuestionDto>>> QuestionsAsync(string talk, string sort, int page = 1, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<QuestionDto>>(Query.Of($"/api/talks/{Uri.EscapeDataString(talk)}/questions", ("sort", sort),
            ("page", page.ToString(Query.Invariant)), ("pageSize", "50")), cancellationToken);

    public Task<ApiResult<QuestionDto>> AskAsync(string talk, string text, CancellationToken cancellationToken = default) =>
        api.PostAsync<QuestionDto>($"/api/talks/{Uri.EscapeDataString(talk)}/questions", new { text }, cancellationToken);

    public Task<ApiResult<VoteDto>> VoteAsync(string talk, Guid question, bool up, CancellationToken cancellationToken = default) =>
        up ? api.PostAsync<VoteDto>($"/api/talks/{Uri.EscapeDataString(talk)}/questions/{question}/upvote", null, cancellationToken)
           : api.DeleteAsync<VoteDto>($"/api/talks/{Uri.EscapeDataString(talk)}/questions/{question}/upvote", cancellationToken);

    public Task<ApiResult<QuestionDto>> ModerateAsync(string talk, Guid question, string status, CancellationToken cancellationToken = default) =>
        api.PatchAsync<QuestionDto>($"/api/talks/{Uri.EscapeDataString(talk)}/questions/{question}", new { status }, cancellationToken);

    public Task<ApiResult<PageDto<ModerationItemDto>>> ModerationQueueAsync(Guid eventId, string? status, int page = 1, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<ModerationItemDto>>(Query.Of("/api/talks/questions", ("event", eventId.ToString()), ("status", status),
            ("page", page.ToString(Query.Invariant)), ("pageSize", "50")), cancellationToken);

    public Task<ApiResult<TalkActivityDto>> ActivityAsync(string talk, CancellationToken cancellationToken = default) =>
        api.GetAsync<TalkActivityDto>($"/api/talks/{Uri.EscapeDataString(talk)}/me", cancellationToken);

    /// <summary>The person stayed on the talk a while: recorded once (a networking signal they can turn off).</summary>
    public Task<ApiResult<TalkActivityDto>> RecordViewAsync(string talk, CancellationToken cancellationToken = default) =>
        api.PostAsync<TalkActivityDto>($"/api/talks/{Uri.EscapeDataString(talk)}/views", null, cancellationToken);

    public Task<ApiResult<TalkActivityDto>> SaveAsync(string talk, bool save, CancellationToken cancellationToken = default) =>
        save ? api.PutAsync<TalkActivityDto>($"/api/talks/{Uri.EscapeDataString(talk)}/bookmark", null, cancellationToken)
             : api.DeleteAsync<TalkActivityDto>($"/api/talks/{Uri.EscapeDataString(talk)}/bookmark", cancellationToken);

    public Task<ApiResult<PageDto<TalkDto>>> SavedAsync(int page = 1, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<TalkDto>>(Query.Of("/api/talks/saved", ("page", page.ToString(Query.Invariant)), ("pageSize", "24")), cancellationToken);
}
