namespace EventPlatform.Web.Services;

/// <summary>The person's notifications (the Notifications part of the API).</summary>
public sealed class NotificationsClient(PlatformApi api)
{
    public Task<ApiResult<NotificationFeedDto>> FeedAsync(int page = 1, CancellationToken cancellationToken = default) =>
        api.GetAsync<NotificationFeedDto>($"/api/notifications?page={page.ToString(Query.Invariant)}&pageSize=20", cancellationToken);

    public Task<ApiResult<UnreadCountDto>> UnreadAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<UnreadCountDto>("/api/notifications/unread-count", cancellationToken);

    public Task<ApiProblem?> MarkReadAsync(Guid id, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"/api/notifications/{id}/read", cancellationToken: cancellationToken);

    public Task<ApiResult<UnreadCountDto>> MarkAllReadAsync(CancellationToken cancellationToken = default) =>
        api.PostAsync<UnreadCountDto>("/api/notifications/read-all", null, cancellationToken);

    public Task<ApiResult<PreferencesDto>> PreferencesAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<PreferencesDto>("/api/notifications/preferences", cancellationToken);

    public Task<ApiResult<PreferencesDto>> SavePreferencesAsync(PreferencesDto preferences, CancellationToken cancellationToken = default) =>
        api.PutAsync<PreferencesDto>("/api/notifications/preferences",
            new { items = preferences.Items.Select(i => new { i.Kind, i.Email, i.InApp }), preferences.NetworkingDigest }, cancellationToken);

    public Task<ApiResult<UnsubscribeDto>> DescribeUnsubscribeAsync(string token, CancellationToken cancellationToken = default) =>
        api.GetAsync<UnsubscribeDto>($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}", cancellationToken);

    public Task<ApiResult<UnsubscribeDto>> UnsubscribeAsync(string token, CancellationToken cancellationToken = default) =>
        api.PostAsync<UnsubscribeDto>($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}", null, cancellationToken);
}
