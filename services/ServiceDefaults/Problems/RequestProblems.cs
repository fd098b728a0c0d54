using System.Text.Json;
using System.Text.RegularExpressions;
using EventPlatform.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http;

namespace EventPlatform.ServiceDefaults.Problems;

/// <summary>
/// Turns the framework's messages about unreadable requests into sentences for the caller: they say which field or
/// parameter is wrong and why, and never name a .NET type or member.
/// </summary>
public static partial class RequestProblems
{
    public static string Describe(BadHttpRequestException exception)
    {
        var name = ParameterName().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
            _ when exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) =>
                name is null or "request" || exception.Message.Contains("from body", StringComparison.Ordinal)
                    ? "The request needs a JSON body."
                    : $"'{name}' is required.",
            _ when exception.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) && name is not null =>
                $"The value of '{name}' is not valid here.",
            _ when exception.Message.Contains("request body as JSON", StringComparison.Ordinal) => "The request body is not valid JSON.",
            _ => "The request could not be read.",
        };
    }

    public static string DescribeJson(JsonException exception)
    {
        var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "The request body" : $"The value at '{exception.Path}'";
        var reason = exception switch
        {
            RequestValueException value => value.Reason,
            _ when exception.Message.Contains("could not be converted", StringComparison.Ordinal) => "has the wrong type or form",
            _ when exception.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && exception.Message.Contains("nullable", StringComparison.OrdinalIgnoreCase)
                => "must not be null",
            _ when exception.Message.Contains("missing required properties", StringComparison.Ordinal) => "is missing a required field",
            _ when exception.Message.Contains("maximum configured depth", StringComparison.Ordinal) => "is nested too deeply",
            _ => "is not valid JSON",
        };
        return $"{where} {reason}.";
    }

    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
