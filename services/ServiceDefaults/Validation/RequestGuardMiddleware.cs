using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EventPlatform.ServiceDefaults.Validation;

/// <summary>
/// Refuses a request whose path or query string carries text the platform never accepts (<see cref="TextRules"/>):
/// a NUL in a search term or an id would otherwise reach PostgreSQL and fail there. Bodies are checked while they
/// are read (<see cref="SafeJson"/>).
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public const int MaxQueryValueLength = 2_000;

    public async Task InvokeAsync(HttpContext context)
    {
        if (Problem(context.Request) is { } problem)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Bad request",
                    Detail = problem,
                    Type = Problems.ProblemExceptionHandler.TypeBase + "unsafe-input",
                },
            });
            return;
        }
        await next(context);
    }

    private static string? Problem(HttpRequest request)
    {
        if (request.Path.Value is { } path && TextRules.Problem(path, allowLineBreaks: false) is { } pathProblem)
        {
            return $"The address is refused: {pathProblem}.";
        }
        foreach (var (name, values) in request.Query)
        {
            if (TextRules.Problem(name, allowLineBreaks: false) is not null)
            {
                return "A query parameter name is refused: it contains characters no parameter has.";
            }
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }
                if (value.Length > MaxQueryValueLength)
                {
                    return $"The query parameter '{name}' is longer than {MaxQueryValueLength} characters.";
                }
                if (TextRules.Problem(value, allowLineBreaks: false) is { } problem)
                {
                    return $"The query parameter '{name}' is refused: {problem}.";
                }
            }
        }
        return null;
    }
}
