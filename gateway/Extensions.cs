using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Yarp.ReverseProxy.Transforms;

namespace EventPlatform.Gateway;

public static class Extensions
{
    private const string CorrelationHeader = CorrelationHeaders.CorrelationId;

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddHttpClient(ServiceHealth.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHttpClient(ApiReference.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddTrustedForwardedHeaders(builder.Configuration);
        builder.Services.AddGatewayRateLimits(builder.Configuration);

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                var correlationId = context.HttpContext.Items[CorrelationHeader] as string;
                context.ProxyRequest.Headers.Remove(CorrelationHeader);
                context.ProxyRequest.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
                return ValueTask.CompletedTask;
            }));

        // The services validate tokens themselves; the gateway turns away forged or expired ones before they travel further.
        var auth = builder.Configuration.ReadAuthOptions();
        var keys = SigningKeys.LoadValidationKeys(auth, builder.Environment.IsDevelopment());
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = PlatformAuth.ValidationParameters(auth, keys);
        });
        builder.Services.AddAuthorization();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // X-Forwarded-For is believed only from trusted proxies (Web, which calls the API for the browser it serves).
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[CorrelationHeader].ToString();
            var correlationId = CorrelationIdMiddleware.IsUsable(incoming)
                ? incoming
                : Guid.NewGuid().ToString();
            context.Items[CorrelationHeader] = correlationId;
            context.Response.OnStarting(() =>
            {
                // Proxied responses already carry the service's copy of the header.
                context.Response.Headers.TryAdd(CorrelationHeader, correlationId);
                return Task.CompletedTask;
            });
            using (app.Logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
            {
                await next(context);
            }
        });
        app.Use((context, next) => RateLimits.NoteLoginAccountAsync(context, () => next(context)));
        // Authentication first (it only reads the token), so a signed-in person's requests count against their own limit.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.Count > 0)
            {
                var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (!result.Succeeded)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status401Unauthorized,
                            Title = "Invalid token",
                            Detail = "The bearer token is malformed, expired or not signed by this platform. Sign in again.",
                        },
                    });
                    return;
                }
            }
            await next(context);
        });
        app.UseAuthorization();

        app.MapGet("/health", ServiceHealth.Public);
        app.MapGet("/health/details", ServiceHealth.Details);
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "Healthy" }));
        app.MapApiReference();
        // Everything else goes to Web (the catch-all route), but an API path no service owns is a JSON 404, not a page.
        app.Map("/api/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No API operation has this path; see /api/docs."));
        app.MapReverseProxy();
        return app;
    }
}
