using System.Text.Json;

namespace EventPlatform.Web.Services;

/// <summary>An RFC 9457 problem from the API, read for people: a sentence, and the fields it concerns.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, string? Type, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The rule's code, the end of the problem's type ("event-not-published").</summary>
    public string Code => Type is { } type ? type[(type.LastIndexOf('/') + 1)..] : "";

    /// <summary>One sentence for the page: the detail, else the first field error, else the title.</summary>
    public string Message => Detail ?? Errors.Values.SelectMany(m => m).FirstOrDefault() ?? Title;

    public static ApiProblem SessionEnded { get; } = new(401, "Signed out", "Your session has ended; sign in again.", "session-ended",
        new Dictionary<string, string[]>());

    public static ApiProblem Unreachable { get; } = new(503, "Unavailable", "That part of the platform is not answering right now; try again in a moment.",
        "unavailable", new Dictionary<string, string[]>());

    public static ApiProblem From(int status, string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (json.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
                }
            }
            return new ApiProblem(status,
                json.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "Error",
                json.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                json.TryGetProperty("type", out var type) ? type.GetString() : null,
                errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, "Error", null, null, new Dictionary<string, string[]>());
        }
    }
}

/// <summary>What an API call gave: the value, or the problem.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    public bool NotFound => Problem?.Status == 404;

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem);
}
