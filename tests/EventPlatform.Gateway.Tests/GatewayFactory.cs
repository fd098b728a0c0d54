using System.Net;
using System.Net.Sockets;
using EventPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventPlatform.Gateway.Tests;

/// <summary>
/// The gateway in process with its real configuration, its clusters pointed at a port where nothing listens: what
/// it refuses it refuses itself, and what it lets through ends as 502. Callers come from an address on the internet
/// (the test server has none of its own, and the forwarded-headers middleware would trust anyone without one).
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("203.0.113.50");

    private static readonly int ClosedPort = FreePort();

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Auth:PublicKey", TestKeys.PublicKeyPem);
        foreach (var service in new[] { "events", "talks", "attendees", "matchmaking", "notifications" })
        {
            builder.UseSetting($"ReverseProxy:Clusters:{service}:Destinations:{service}-1:Address", $"http://127.0.0.1:{ClosedPort}");
        }
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddressFilter(() => ClientAddress)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The gateway with small limits, so a test reaches them in a few requests.</summary>
public sealed class TightLimitsGateway : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("RateLimits:LoginPerAccount:PermitLimit", "3"),
        new("RateLimits:LoginPerClient:PermitLimit", "8"),
        new("RateLimits:SignupPerClient:PermitLimit", "2"),
    ];
}
