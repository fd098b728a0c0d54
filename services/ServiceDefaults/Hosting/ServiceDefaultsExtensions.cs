using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Validation;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>What every API service does alike: the platform hosting, JSON input rules, token validation, OpenAPI.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddPlatformHosting();
        builder.Services.ConfigureHttpJsonOptions(options => SafeJson.Configure(options.SerializerOptions));
        builder.AddPlatformAuthentication();
        builder.Services.AddApiDocumentation();
        return builder;
    }

    /// <summary>
    /// What every app of the platform does alike (the services and the web app): JSON logs with correlation ids,
    /// problem details, health, forwarded headers from trusted proxies only, a bounded request body.
    /// </summary>
    public static WebApplicationBuilder AddPlatformHosting(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (CorrelationIdMiddleware.Get(context.HttpContext) is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                // Errors are keyed by the fields as the JSON spells them ("speakers[0].name"), whoever produced them.
                var errors = validation.Errors.ToList();
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    var key = string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
                    validation.Errors[key] = validation.Errors.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
                }
            }
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Unreadable bodies and parameters reach ProblemExceptionHandler, which says what was wrong in the problem's detail.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or DomainRuleException or RequestRejectedException
                or System.Text.Json.JsonException);
        // No request needs more than this; a larger body is refused (413) before it is read.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddHealthChecks();
        builder.Services.AddTrustedForwardedHeaders(builder.Configuration);
        return builder;
    }

    /// <summary>Middleware order and the endpoints every service exposes: health, OpenAPI, Swagger UI.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPlatformHealth();
        app.MapOpenApi();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", app.Environment.ApplicationName));
        return app;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its database and bus are up).</summary>
    public static WebApplication MapPlatformHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteHealthJson,
            // MassTransit reports Degraded while its endpoints are disconnected from RabbitMQ: not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private static Task WriteHealthJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        });
    }
}
