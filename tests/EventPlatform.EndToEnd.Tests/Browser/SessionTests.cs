using System.Net;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>A signed-in browser stays signed in when Web restarts, is served by a second Web replica, and logging out ends it everywhere.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SessionTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task A_session_survives_a_restart_of_web_works_on_a_second_replica_and_ends_at_logout()
    {
        await using var visitor = await browser.VisitAsync(platform);
        await visitor.SignUpAsync("Rita Restart");
        await visitor.GoAsync("/me/events");
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "My events" })).ToBeVisibleAsync();

        // The tab is closed while Web restarts (an open page would reconnect or reload by itself); the cookie is what is under test.
        await visitor.Page.GotoAsync("about:blank");
        await platform.StopAsync("web");
        platform.Start("web");
        using var probe = platform.Client();
        await Eventually.HoldsAsync(async () => (await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "web is back", TimeSpan.FromSeconds(60));
        await visitor.GoAsync("/me/events");
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "My events" })).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Rita Restart" })).ToBeVisibleAsync();

        // Another replica (same database, its own process) reads the same cookie and serves the same person.
        var replica = await platform.StartReadyReplicaAsync("web");
        var cookie = string.Join("; ", (await visitor.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var direct = new HttpClient { BaseAddress = replica };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me/events");
        request.Headers.Add("Cookie", cookie);
        using var page = await direct.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Rita Restart", html);
        Assert.DoesNotContain("/account/login", new Uri(page.RequestMessage!.RequestUri!.ToString()).AbsolutePath);

        // Logging out ends the session: the old cookie no longer opens anything, on any replica.
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await visitor.Page.WaitForURLAsync(platform.Gateway.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/me/events");
        again.Headers.Add("Cookie", cookie);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = replica };
        using var after = await noRedirects.SendAsync(again);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
        visitor.AssertCleanConsole();
    }
}
