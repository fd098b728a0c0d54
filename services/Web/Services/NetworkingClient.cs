namespace EventPlatform.Web.Services;

/// <summary>Networking (the Matchmaking part of the API).</summary>
public sealed class NetworkingClient(PlatformApi api)
{
    public Task<ApiResult<NetworkingStatusDto>> StatusAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<NetworkingStatusDto>($"/api/networking/events/{eventId}", cancellationToken);

    public Task<ApiResult<MembershipDto>> MembershipAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<MembershipDto>($"/api/networking/events/{eventId}/me", cancellationToken);

    /// <summary>A confirmed attendee's choice to meet people on the event's waitlist too.</summary>
    public Task<ApiResult<MembershipDto>> MeetWaitlistAsync(Guid eventId, bool meet, CancellationToken cancellationToken = default) =>
        api.PutAsync<MembershipDto>($"/api/networking/events/{eventId}/me", new { meetWaitlisted = meet }, cancellationToken);

    /// <summary>The organizer's choice: whether the waitlist networks before the event.</summary>
    public Task<ApiResult<NetworkingStatusDto>> SetWaitlistNetworkingAsync(Guid eventId, bool on, CancellationToken cancellationToken = default) =>
        api.PutAsync<NetworkingStatusDto>($"/api/networking/events/{eventId}/settings", new { waitlistNetworking = on }, cancellationToken);

    public Task<ApiResult<List<MatchDto>>> MatchesAsync(Guid? eventId = null, CancellationToken cancellationToken = default) =>
        api.GetAsync<List<MatchDto>>(Query.Of("/api/networking/me/matches", ("eventId", eventId?.ToString())), cancellationToken);

    public Task<ApiResult<AttentionDto>> AttentionAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<AttentionDto>("/api/networking/me/attention", cancellationToken);

    public Task<ApiResult<MatchDto>> AnswerAsync(Guid matchId, bool accept, CancellationToken cancellationToken = default) =>
        api.PostAsync<MatchDto>($"/api/networking/matches/{matchId}/{(accept ? "accept" : "decline")}", null, cancellationToken);

    public Task<ApiResult<PageDto<MessageDto>>> MessagesAsync(Guid matchId, int page = 1, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<MessageDto>>($"/api/networking/matches/{matchId}/messages?page={page}&pageSize=100", cancellationToken);

    public Task<ApiResult<MessageDto>> SendAsync(Guid matchId, string text, CancellationToken cancellationToken = default) =>
        api.PostAsync<MessageDto>($"/api/networking/matches/{matchId}/messages", new { text }, cancellationToken);

    public Task<ApiProblem?> MarkReadAsync(Guid matchId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"/api/networking/matches/{matchId}/read", cancellationToken: cancellationToken);

    public Task<ApiResult<PageDto<DirectoryEntryDto>>> DirectoryAsync(Guid eventId, string? interest, string? intent, int page,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<DirectoryEntryDto>>(Query.Of($"/api/networking/events/{eventId}/directory", ("interest", interest), ("intent", intent),
            ("page", page.ToString(Query.Invariant)), ("pageSize", "24")), cancellationToken);

    public Task<ApiResult<MatchDto>> RequestMeetingAsync(Guid eventId, Guid attendeeId, DateTimeOffset? startsAt, int minutes,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<MatchDto>("/api/networking/meeting-requests", new { eventId, attendeeId, startsAt, durationMinutes = minutes }, cancellationToken);

    public Task<ApiResult<FreeTimesDto>> FreeTimesAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<FreeTimesDto>($"/api/networking/events/{eventId}/availability", cancellationToken);

    /// <summary>Replaces the marked free periods (wall-clock "yyyy-MM-ddTHH:mm" in <paramref name="timeZone"/>); none: free any time.</summary>
    public Task<ApiResult<FreeTimesDto>> MarkFreeTimesAsync(Guid eventId, string timeZone, IEnumerable<(string From, string To)> periods,
        CancellationToken cancellationToken = default) =>
        api.PutAsync<FreeTimesDto>($"/api/networking/events/{eventId}/availability",
            new { timeZone, periods = periods.Select(p => new { from = p.From, to = p.To }) }, cancellationToken);

    public Task<ApiResult<List<TableDto>>> TablesAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<List<TableDto>>($"/api/networking/events/{eventId}/tables", cancellationToken);

    public Task<ApiResult<TableDto>> HostTableAsync(Guid eventId, object table, CancellationToken cancellationToken = default) =>
        api.PostAsync<TableDto>($"/api/networking/events/{eventId}/tables", table, cancellationToken);

    public Task<ApiResult<TableDto>> HostQuestionTableAsync(Guid tableId, CancellationToken cancellationToken = default) =>
        api.PostAsync<TableDto>($"/api/networking/tables/{tableId}/host", null, cancellationToken);

    public Task<ApiProblem?> DeclineQuestionTableAsync(Guid tableId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Delete, $"/api/networking/tables/{tableId}/host", cancellationToken: cancellationToken);

    /// <summary>The event's networking settings; fields left out stay as they are.</summary>
    public Task<ApiResult<NetworkingStatusDto>> ChangeSettingsAsync(Guid eventId, object settings, CancellationToken cancellationToken = default) =>
        api.PutAsync<NetworkingStatusDto>($"/api/networking/events/{eventId}/settings", settings, cancellationToken);

    public Task<ApiResult<TableDto>> JoinTableAsync(Guid tableId, bool join, CancellationToken cancellationToken = default) =>
        join ? api.PostAsync<TableDto>($"/api/networking/tables/{tableId}/join", null, cancellationToken)
             : api.DeleteAsync<TableDto>($"/api/networking/tables/{tableId}/join", cancellationToken);

    public Task<ApiResult<List<BlockDto>>> BlocksAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<List<BlockDto>>("/api/networking/blocks", cancellationToken);

    public Task<ApiProblem?> BlockAsync(Guid attendeeId, bool block, CancellationToken cancellationToken = default) =>
        api.SendAsync(block ? HttpMethod.Put : HttpMethod.Delete, $"/api/networking/blocks/{attendeeId}", cancellationToken: cancellationToken);

    public Task<ApiResult<List<RoundDto>>> RoundsAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<List<RoundDto>>($"/api/networking/events/{eventId}/rounds", cancellationToken);

    public Task<ApiResult<RoundDto>> StartRoundAsync(Guid eventId, DateTimeOffset? startsAt, int? minutes, int groupSize = 2,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<RoundDto>($"/api/networking/events/{eventId}/rounds", new { startsAt, durationMinutes = minutes, groupSize }, cancellationToken);

    public Task<ApiResult<RoundGroupsDto>> RoundGroupsAsync(Guid eventId, Guid roundId, CancellationToken cancellationToken = default) =>
        api.GetAsync<RoundGroupsDto>($"/api/networking/events/{eventId}/rounds/{roundId}/groups", cancellationToken);

    public Task<ApiResult<List<MyGroupDto>>> MyGroupsAsync(Guid? eventId = null, CancellationToken cancellationToken = default) =>
        api.GetAsync<List<MyGroupDto>>(Query.Of("/api/networking/me/groups", ("eventId", eventId?.ToString())), cancellationToken);

    public Task<ApiResult<PageDto<GroupMessageDto>>> GroupMessagesAsync(Guid groupId, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<GroupMessageDto>>($"/api/networking/groups/{groupId}/messages?pageSize=100", cancellationToken);

    public Task<ApiResult<GroupMessageDto>> SendGroupMessageAsync(Guid groupId, string text, CancellationToken cancellationToken = default) =>
        api.PostAsync<GroupMessageDto>($"/api/networking/groups/{groupId}/messages", new { text }, cancellationToken);

    public Task<ApiProblem?> MarkGroupReadAsync(Guid groupId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"/api/networking/groups/{groupId}/read", cancellationToken: cancellationToken);

    public Task<ApiResult<RoundPairsDto>> RoundPairsAsync(Guid eventId, Guid roundId, CancellationToken cancellationToken = default) =>
        api.GetAsync<RoundPairsDto>($"/api/networking/events/{eventId}/rounds/{roundId}/pairs", cancellationToken);

    public Task<ApiResult<SignalsDto>> SignalsAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<SignalsDto>("/api/networking/me/signals", cancellationToken);

    public Task<ApiResult<SignalsDto>> ChangeSignalsAsync(bool? useViews, bool? useBookmarks, bool? useQuestions, CancellationToken cancellationToken = default) =>
        api.PutAsync<SignalsDto>("/api/networking/me/signals", new { useViews, useBookmarks, useQuestions }, cancellationToken);
}
