using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace EventPlatform.Testing;

/// <summary>Gives every request of a test server a client address, before any of the app's middleware runs.</summary>
public sealed class ClientAddressFilter(Func<IPAddress> address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= address();
            return nextMiddleware(context);
        });
        next(app);
    };
}
