using EventPlatform.Web.Components.Pages.Account;

namespace EventPlatform.Web.Tests;

/// <summary>After logging in or signing up, a person goes back to a page of this site, never to another site.</summary>
public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/talks/why-ml-models-crash-and-burn-in-production")]
    [InlineData("/events/01a2090e-c37b-75e8-883d-d185777e819c?tab=agenda")]
    public void A_page_of_this_site_is_kept(string url) => Assert.Equal(url, LocalUrl.Or(url, "/fallback"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example/login")]
    [InlineData("/\\evil.example/login")]
    [InlineData("https://evil.example/login")]
    [InlineData("javascript:alert(1)")]
    [InlineData("talks")]
    public void Anything_else_goes_to_the_fallback(string? url) => Assert.Equal("/fallback", LocalUrl.Or(url, "/fallback"));
}
