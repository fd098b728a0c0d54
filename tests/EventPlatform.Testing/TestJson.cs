using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPlatform.Testing;

/// <summary>JSON as the platform's APIs speak it: camelCase, enums as kebab-case strings.</summary>
public static class TestJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<T>(body, Options) ?? throw new JsonException("empty body");
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != status)
        {
            throw new Xunit.Sdk.XunitException($"Expected {status} but got {(int)response.StatusCode}: {body}");
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            throw new Xunit.Sdk.XunitException($"Expected application/problem+json but got {response.Content.Headers.ContentType}: {body}");
        }
        var problem = JsonDocument.Parse(body).RootElement;
        if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status || !problem.TryGetProperty("title", out _))
        {
            throw new Xunit.Sdk.XunitException($"Not a problem document with status {status}: {body}");
        }
        return problem;
    }
}
