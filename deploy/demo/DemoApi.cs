using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventPlatform.Demo;

/// <summary>The public API as the demo uses it: JSON in and out, a bearer token, and problem responses turned into readable errors.</summary>
public sealed class DemoApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await TrySendAsync(method, path, token, body, cancellationToken);
        return await ReadAsync(response, method, path, cancellationToken);
    }

    public async Task<HttpResponseMessage> TrySendAsync(HttpMethod method, string path, string? token = null, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        return await http.SendAsync(request, cancellationToken);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoException($"{method} {path} answered {(int)response.StatusCode}: {Describe(text)}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits for something the services learn from each other over the bus (an event reaching Attendees, people reaching the pool).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new DemoException($"Gave up waiting: {what}. Are all services running (deploy/run.sh status)?");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public static bool IsConflict(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Conflict;

    private static string Describe(string problem)
    {
        try
        {
            var json = JsonDocument.Parse(problem).RootElement;
            var detail = json.TryGetProperty("detail", out var d) ? d.GetString() : json.TryGetProperty("title", out var t) ? t.GetString() : null;
            if (json.TryGetProperty("errors", out var errors))
            {
                detail += " " + errors.GetRawText();
            }
            return detail ?? problem;
        }
        catch (JsonException)
        {
            return problem.Length > 300 ? problem[..300] : problem;
        }
    }
}

/// <summary>Something the demo cannot get past; its message says what to do.</summary>
public sealed class DemoException(string message) : Exception(message);
