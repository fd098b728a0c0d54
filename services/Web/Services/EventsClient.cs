namespace EventPlatform.Web.Services;

/// <summary>The Events part of the API: events, their agenda and organizers.</summary>
public sealed class EventsClient(PlatformApi api)
{
    public Task<ApiResult<PageDto<EventDto>>> ListAsync(string? status = null, string? topic = null, DateTimeOffset? from = null,
        bool mine = false, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<EventDto>>(Query.Of("/api/events",
            ("status", status), ("topic", topic), ("from", from?.ToString("O")), ("mine", mine ? "true" : null),
            ("page", page.ToString(Query.Invariant)), ("pageSize", pageSize.ToString(Query.Invariant))), cancellationToken);

    public Task<ApiResult<EventDto>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        api.GetAsync<EventDto>($"/api/events/{id}", cancellationToken);

    public Task<ApiResult<EventDto>> CreateAsync(object request, CancellationToken cancellationToken = default) =>
        api.PostAsync<EventDto>("/api/events", request, cancellationToken);

    public Task<ApiResult<EventDto>> UpdateAsync(Guid id, object request, CancellationToken cancellationToken = default) =>
        api.PutAsync<EventDto>($"/api/events/{id}", request, cancellationToken);

    /// <summary>Changes only the fields given (a JSON merge patch).</summary>
    public Task<ApiResult<EventDto>> PatchAsync(Guid id, object changes, CancellationToken cancellationToken = default) =>
        api.PatchAsync<EventDto>($"/api/events/{id}", changes, cancellationToken);

    /// <summary>publish, start, end or cancel.</summary>
    public Task<ApiResult<EventDto>> StepAsync(Guid id, string step, object? body = null, bool early = false, CancellationToken cancellationToken = default) =>
        api.PostAsync<EventDto>($"/api/events/{id}/{step}{(early ? "?early=true" : "")}", body, cancellationToken);

    public Task<ApiResult<AgendaItemDto>> AddAgendaItemAsync(Guid id, object request, CancellationToken cancellationToken = default) =>
        api.PostAsync<AgendaItemDto>($"/api/events/{id}/agenda", request, cancellationToken);

    public Task<ApiResult<AgendaItemDto>> ChangeAgendaItemAsync(Guid id, Guid itemId, object request, CancellationToken cancellationToken = default) =>
        api.PutAsync<AgendaItemDto>($"/api/events/{id}/agenda/{itemId}", request, cancellationToken);

    public Task<ApiProblem?> RemoveAgendaItemAsync(Guid id, Guid itemId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Delete, $"/api/events/{id}/agenda/{itemId}", cancellationToken: cancellationToken);

    public Task<ApiResult<OrganizersDto>> AddCoOrganizerAsync(Guid id, Guid attendeeId, CancellationToken cancellationToken = default) =>
        api.PutAsync<OrganizersDto>($"/api/events/{id}/organizers/{attendeeId}", null, cancellationToken);
}
