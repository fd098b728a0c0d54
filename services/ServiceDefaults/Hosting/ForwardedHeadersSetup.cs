using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.ServiceDefaults;

/// <summary>
/// Configuration section "ForwardedHeaders": which proxies may tell this app the client's address, scheme and host
/// (<c>X-Forwarded-*</c>). Only those listed are believed; by default that is loopback, where the gateway runs
/// without containers. In compose, the containers' own address range is listed, which the host's traffic is not in.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>CIDR ranges, e.g. <c>172.30.1.128/25</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Single addresses.</summary>
    public string[] KnownProxies { get; set; } = [];
}

public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(TrustedProxyOptions.Section).Get<TrustedProxyOptions>() ?? new TrustedProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 2;
            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on this machine is the gateway or Web.
            foreach (var network in trusted.KnownNetworks.Where(n => n.Length > 0))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            foreach (var proxy in trusted.KnownProxies.Where(p => p.Length > 0))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}
