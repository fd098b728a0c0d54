using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Web.Caching;
using EventPlatform.Web.Data;
using EventPlatform.Web.Live;
using EventPlatform.Web.Services;
using EventPlatform.Web.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace EventPlatform.Web;

public static class Extensions
{
    public const string ServiceName = "web";
    public const string SessionCookie = "ep_session";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.AddPlatformHosting();
        // Run from a build (tests, `dotnet run`) outside Development, the framework's own assets (blazor.web.js) are found
        // through the build's static web assets manifest; a published app has no such manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // Sessions and the keys that seal cookies and tokens live in Web's own small database, so any replica serves
        // any signed-in person, before and after a restart. First, so its migration runs before the key ring is read.
        builder.AddServiceDatabase<WebDbContext>("eventplatform_web");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddDataProtection().PersistKeysToDbContext<WebDbContext>().SetApplicationName("EventPlatform.Web");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = SessionCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            // The cookie alone is not enough: its session must still be open in the store (logging out, on any replica,
            // or the platform refusing the session's refresh token, ends it for every request after).
            options.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<WebSessions>();
                if (context.Principal?.SessionOf() is not { } sessionId || !await sessions.IsOpenAsync(sessionId, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddPublicPageCache(builder.Configuration);

        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddHttpClient(PlatformApi.HttpClientName, client =>
        {
            client.BaseAddress = gateway.Url;
            client.Timeout = TimeSpan.FromSeconds(20);
        });
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<WebSessions>();
        builder.Services.AddScoped<BrowserSignIn>();
        builder.Services.AddScoped<PlatformApi>();
        builder.Services.AddScoped<EventsClient>();
        builder.Services.AddScoped<TalksClient>();
        builder.Services.AddScoped<AccountClient>();
        builder.Services.AddScoped<RegistrationsClient>();
        builder.Services.AddScoped<NetworkingClient>();
        builder.Services.AddScoped<NotificationsClient>();
        builder.Services.AddScoped<ViewerTime>();

        // Live updates: every replica needs every message for the pages it holds, so each has a temporary queue of its own
        // (not one shared queue, whose messages would reach only one replica).
        builder.Services.AddSingleton<LiveUpdates>();
        var replica = $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
        builder.AddServiceBus(ServiceName, bus => bus.AddConsumer<LiveUpdateConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = replica;
        }), isTemporaryQueue: queue => queue.EndsWith(replica, StringComparison.Ordinal));
        return builder;
    }
}
