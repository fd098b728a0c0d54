using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults;

/// <summary>
/// Takes the correlation id the gateway set (or makes one), returns it, and puts it in every log line of
/// the request; <see cref="Data.ServiceDbContext"/> stamps it on the messages the request causes.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers[CorrelationHeaders.CorrelationId].ToString();
        var correlationId = IsUsable(header) ? header : Guid.NewGuid().ToString();
        context.Items[CorrelationHeaders.CorrelationId] = correlationId;
        context.Response.Headers[CorrelationHeaders.CorrelationId] = correlationId;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    public static bool IsUsable(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string? Get(HttpContext context) => context.Items[CorrelationHeaders.CorrelationId] as string;
}
