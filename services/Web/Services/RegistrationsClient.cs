namespace EventPlatform.Web.Services;

/// <summary>Registrations (the Attendees part of the API).</summary>
public sealed class RegistrationsClient(PlatformApi api)
{
    public Task<ApiResult<AvailabilityDto>> AvailabilityAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.GetAsync<AvailabilityDto>($"/api/registrations/events/{eventId}/availability", cancellationToken);

    public Task<ApiResult<List<RegistrationDto>>> MineAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<List<RegistrationDto>>("/api/registrations/me", cancellationToken);

    public Task<ApiResult<RegistrationDto>> RegisterAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        api.PostAsync<RegistrationDto>("/api/registrations", new { eventId }, cancellationToken);

    public Task<ApiResult<RegistrationDto>> CancelAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        api.DeleteAsync<RegistrationDto>($"/api/registrations/{registrationId}", cancellationToken);

    public Task<(byte[] Content, string ContentType, string? FileName)?> InviteAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        api.DownloadAsync($"/api/registrations/{registrationId}/calendar.ics", cancellationToken);

    public Task<ApiResult<PageDto<RegistrantDto>>> RegistrantsAsync(Guid eventId, string? q, int page, int pageSize = 50,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<PageDto<RegistrantDto>>(Query.Of("/api/registrations", ("eventId", eventId.ToString()), ("q", q),
            ("page", page.ToString(Query.Invariant)), ("pageSize", pageSize.ToString(Query.Invariant))), cancellationToken);
}
