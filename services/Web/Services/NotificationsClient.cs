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
}
