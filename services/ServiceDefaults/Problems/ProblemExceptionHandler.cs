using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults.Problems;

/// <summary>Maps exceptions to RFC 9457 problem details; only a bug reaches 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public const string TypeBase = "https://eventplatform.dev/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainRuleException rule => new ProblemDetails
            {
                Status = rule.Violation switch
                {
                    RuleViolation.NotFound => StatusCodes.Status404NotFound,
                    RuleViolation.Forbidden => StatusCodes.Status403Forbidden,
                    RuleViolation.Unprocessable => StatusCodes.Status422UnprocessableEntity,
                    _ => StatusCodes.Status409Conflict,
                },
                Title = rule.Violation switch
                {
                    RuleViolation.NotFound => "Not found",
                    RuleViolation.Forbidden => "Forbidden",
                    RuleViolation.Unprocessable => "Business rule violated",
                    _ => "Conflict with the current state",
                },
                Detail = rule.Message,
                Type = TypeBase + rule.Code,
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    _ => "Bad request",
                },
                Detail = bad.InnerException is JsonException json ? RequestProblems.DescribeJson(json) : RequestProblems.Describe(bad),
            },
            RequestRejectedException rejected => new ProblemDetails
            {
                Status = rejected.Status,
                Title = rejected.Status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Bad request",
                Detail = rejected.Message,
            },
            JsonException json => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Bad request",
                Detail = RequestProblems.DescribeJson(json),
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            }
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
