namespace EventPlatform.Web.Sessions;

/// <summary>
/// A signed-in browser: the cookie names it, and here are the person's API tokens, sealed with the data protection
/// keys, so they never leave the server. Any Web replica can use and renew them.
/// </summary>
public sealed class WebSession
{
    public required string Id { get; init; }
    public Guid AttendeeId { get; init; }
    public required string AccessToken { get; set; }
    public DateTimeOffset AccessExpiresAt { get; set; }
    public required string RefreshToken { get; set; }
    public DateTimeOffset RefreshExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
