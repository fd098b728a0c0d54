using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Web.Sessions;

namespace EventPlatform.Web.Services;

/// <summary>Where the public API is (the gateway).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public Uri Url { get; set; } = new("http://127.0.0.1:8080");
}

/// <summary>
/// Calls the public API through the gateway on behalf of the person signed in: their access token from the session
/// store (renewed as needed; it never reaches the browser), their address forwarded so the gateway's limits are theirs,
/// and the request's correlation id. Problems come back as <see cref="ApiProblem"/>, never as exceptions.
/// </summary>
public sealed class PlatformApi(IHttpClientFactory clients, CurrentUser user, WebSessions sessions, IHttpContextAccessor context,
    ILogger<PlatformApi> logger)
{
    public const string HttpClientName = "gateway";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Patch, path, body, cancellationToken, "application/merge-patch+json");

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>For calls that answer with no body (204).</summary>
    public async Task<ApiProblem?> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<JsonElement>(method, path, body, cancellationToken)).Problem;

    /// <summary>A file from the API (an invite), for the browser to download.</summary>
    public async Task<(byte[] Content, string ContentType, string? FileName)?> DownloadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, null, null, cancellationToken);
        if (request is null)
        {
            return null;
        }
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    /// <summary>A call with a token the caller holds (just after signing in, before the browser has a session).</summary>
    public Task<ApiResult<T>> SendWithTokenAsync<T>(string token, HttpMethod method, string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(method, path, null, cancellationToken, token: token);

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken,
        string contentType = "application/json", string? token = null)
    {
        using var request = await RequestAsync(method, path, body, contentType, cancellationToken, token);
        if (request is null)
        {
            return ApiProblem.SessionEnded;
        }
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                if ((int)response.StatusCode >= 500)
                {
                    logger.LogWarning("{Method} {Path} answered {Status}", method, path, (int)response.StatusCode);
                    return ApiProblem.Unreachable;
                }
                return ApiProblem.From((int)response.StatusCode, text);
            }
            return new ApiResult<T>(text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, Json), null);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "{Method} {Path} could not reach the gateway", method, path);
            return ApiProblem.Unreachable;
        }
    }

    /// <summary>The request with the person's token; null when they were signed in but their session has ended.</summary>
    private async Task<HttpRequestMessage?> RequestAsync(HttpMethod method, string path, object? body, string? contentType, CancellationToken cancellationToken,
        string? explicitToken = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (explicitToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", explicitToken);
        }
        else if (await user.SessionIdAsync() is { } sessionId)
        {
            var token = await sessions.AccessTokenAsync(sessionId, cancellationToken);
            if (token is null)
            {
                request.Dispose();
                return null;
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (context.HttpContext is { } http)
        {
            if (http.Connection.RemoteIpAddress is { } address)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
            }
            if (ServiceDefaults.CorrelationIdMiddleware.Get(http) is { } correlationId)
            {
                request.Headers.TryAddWithoutValidation(CorrelationHeaders.CorrelationId, correlationId);
            }
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue(contentType ?? "application/json"), Json);
        }
        return request;
    }
}
