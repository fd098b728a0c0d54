using EventPlatform.Web.Services;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlatform.Web.Caching;

/// <summary>
/// Configuration section "PublicPageCache": how long the pages anyone may see (home, events, an event, the library, a
/// talk) are kept for visitors who are not signed in. 0 turns it off.
/// </summary>
public sealed class PublicPageCacheOptions
{
    public const string Section = "PublicPageCache";

    public int Seconds { get; set; } = 10;
}

/// <summary>
/// Visitors who are not signed in all get the same public pages, so Web renders each once per few seconds (per URL and
/// per time zone, which the page's times are shown in) instead of once per visitor. Signed-in people are never served
/// from it (the output cache leaves authenticated requests alone). A response that sets a cookie is never kept (a
/// visitor's first page sets the antiforgery cookie), and these pages have no form that posts for a visitor, so the
/// antiforgery token a kept page carries is never used by the visitors it is served to. A visitor may see a seat count
/// or a question a few seconds late; a signed-in person never does.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "public-page";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicPageCacheOptions.Section).Get<PublicPageCacheOptions>() ?? new PublicPageCacheOptions();
        services.AddOutputCache(cache =>
        {
            cache.SizeLimit = 64 * 1024 * 1024;
            cache.AddPolicy(Policy, policy =>
            {
                if (options.Seconds <= 0)
                {
                    policy.NoCache();
                    return;
                }
                policy.Expire(TimeSpan.FromSeconds(options.Seconds))
                    .SetVaryByQuery("*")
                    .SetVaryByHeader("blazor-enhanced-nav")
                    .VaryByValue(context => new KeyValuePair<string, string>("tz", context.Request.Cookies[ViewerTime.Cookie] ?? ""));
            });
        });
        return services;
    }
}
