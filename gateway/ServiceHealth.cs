using System.Text.Json;
using Yarp.ReverseProxy;

namespace EventPlatform.Gateway;

public sealed record DestinationHealth(string Destination, string Address, string Status, JsonElement? Checks);

public sealed record ServiceHealthReport(string Status, IReadOnlyList<DestinationHealth> Destinations);

public sealed record PlatformHealthReport(string Status, IReadOnlyDictionary<string, ServiceHealthReport> Services);

/// <summary>
/// Asks every destination of every cluster for its readiness, now (not the last probe), and answers 200 only when
/// every service has at least one ready destination. <c>GET /health</c> says only that, to anyone;
/// <c>GET /health/details</c> adds each service's destinations and checks, for callers on this machine or a trusted
/// network only (it names internal addresses).
/// </summary>
public static class ServiceHealth
{
    public const string HttpClientName = "health";

    public static async Task<IResult> Public(IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var report = await AggregateAsync(proxy, clients, cancellationToken);
        return Results.Json(new { status = report.Status },
            statusCode: report.Status == "Healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<IResult> Details(HttpContext context, IProxyStateLookup proxy, IHttpClientFactory clients,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions> trusted, CancellationToken cancellationToken)
    {
        var remote = context.Connection.RemoteIpAddress;
        var options = trusted.Value;
        var isInternal = remote is not null && (System.Net.IPAddress.IsLoopback(remote)
            || options.KnownProxies.Contains(remote) || options.KnownIPNetworks.Any(network => network.Contains(remote)));
        if (!isInternal || context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        var report = await AggregateAsync(proxy, clients, cancellationToken);
        return Results.Json(report, statusCode: report.Status == "Healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<PlatformHealthReport> AggregateAsync(IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        var checks = proxy.GetClusters().Select(async cluster =>
        {
            var destinations = await Task.WhenAll(cluster.Destinations.Select(d => Probe(client, d.Key, d.Value.Model.Config.Address, cancellationToken)));
            var ready = destinations.Any(d => d.Status == "Healthy");
            return (cluster.ClusterId, Report: new ServiceHealthReport(ready ? "Healthy" : "Unhealthy", destinations));
        });
        var services = (await Task.WhenAll(checks)).OrderBy(c => c.ClusterId).ToDictionary(c => c.ClusterId, c => c.Report);
        var allReady = services.Count > 0 && services.Values.All(s => s.Status == "Healthy");
        return new PlatformHealthReport(allReady ? "Healthy" : "Unhealthy", services);
    }

    private static async Task<DestinationHealth> Probe(HttpClient client, string destination, string address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(address), "/health/ready"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? checks = null;
            try
            {
                checks = JsonDocument.Parse(body).RootElement.GetProperty("checks").Clone();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }
            return new DestinationHealth(destination, address, response.IsSuccessStatusCode ? "Healthy" : "Unhealthy", checks);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new DestinationHealth(destination, address, "Unreachable", null);
        }
    }
}
