using Scalar.AspNetCore;
using Yarp.ReverseProxy;

namespace EventPlatform.Gateway;

/// <summary>
/// One API reference for the whole platform at <c>/api/docs</c>: the four services' OpenAPI documents, fetched from the
/// services through the gateway (so their server is this gateway's address), in Scalar, where a person signs in
/// (POST /api/auth/login, then the token in the bearer field) and tries calls against this gateway.
/// </summary>
public static class ApiReference
{
    public const string HttpClientName = "api-docs";

    private static readonly (string Cluster, string Title)[] Documents =
    [
        ("attendees", "Accounts, profiles and registrations"),
        ("events", "Events"),
        ("talks", "Talk library and Q&A"),
        ("matchmaking", "Networking"),
        ("notifications", "Notifications"),
    ];

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapGet("/api/docs/{service}.json", DocumentAsync).ExcludeFromDescription();
        app.MapScalarApiReference("/api/docs", options =>
        {
            options.WithTitle("EventPlatform API reference")
                .WithOpenApiRoutePattern("/api/docs/{documentName}.json")
                .AddPreferredSecuritySchemes("bearer")
                .EnablePersistentAuthentication()
                .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl);
            foreach (var (cluster, title) in Documents)
            {
                options.AddDocument(cluster, title);
            }
        });
        return app;
    }

    /// <summary>
    /// A service's OpenAPI document as the caller should see it: fetched from a destination of its cluster with this
    /// request's scheme and host forwarded, so that the document's server is the gateway, not the service.
    /// </summary>
    private static async Task<IResult> DocumentAsync(string service, HttpContext context, IProxyStateLookup proxy, IHttpClientFactory clients,
        CancellationToken cancellationToken)
    {
        if (!proxy.TryGetCluster(service, out var cluster) || !Documents.Any(d => d.Cluster == service))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no API document named '{service}'.");
        }
        var client = clients.CreateClient(HttpClientName);
        foreach (var destination in cluster.Destinations.Values)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(destination.Model.Config.Address), "/openapi/v1.json"));
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", context.Request.Host.Value);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return Results.Text(await response.Content.ReadAsStringAsync(cancellationToken), "application/json");
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
            detail: $"The {service} service does not answer; its API document is served again when it is back.");
    }
}
