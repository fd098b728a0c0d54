using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Every main page, as a visitor, an attendee and an organizer see it, at 1280 and 390 px: axe finds no serious or
/// critical violation, nothing is wider than the screen, no token reaches the page, the console stays clean. The
/// screenshots are kept (TestResults/screenshots). Also: security headers, friendly 404s.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PageTests(Platform platform, BrowserHost browser)
{
    [GeneratedRegex(@"eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")]
    private static partial Regex Jwt();

    [Fact]
    public async Task Every_main_page_is_accessible_fits_a_phone_and_never_shows_a_token()
    {
        var s = await Scenario.BuildAsync(platform);
        string[] visitorPages = ["/", "/events", $"/events/{s.EventId}", "/talks", "/talks?tag=mlops", $"/talks/{s.TalkSlug}", "/account/login", "/account/signup"];
        string[] attendeePages =
        [
            "/account/profile", "/account/password", "/me/events", "/me/networking", $"/events/{s.EventId}", $"/events/{s.EventId}/networking",
            $"/me/networking/matches/{s.MatchId}", "/me/blocks", "/me/saved", $"/talks/{s.TalkSlug}",
        ];
        var organize = $"/organize/events/{s.EventId}";
        string[] organizerPages =
        [
            "/organize", "/organize/events/new", organize, $"{organize}/agenda", $"{organize}/talks", $"{organize}/registrations", $"{organize}/networking",
            $"{organize}/networking/rounds/{s.RoundId}", $"{organize}/questions",
        ];

        foreach (var width in new[] { BrowserHost.Desktop, BrowserHost.Phone })
        {
            await using (var visitor = await browser.VisitAsync(platform, width))
            {
                await SweepAsync(visitor, visitorPages, "visitor");
            }
            await using (var ana = await browser.VisitAsync(platform, width))
            {
                await ana.LogInAsync(s.Ana.Email, "attendee-password-1");
                await SweepAsync(ana, attendeePages, "attendee");
            }
            await using (var organizer = await browser.VisitAsync(platform, width))
            {
                await organizer.LogInAsync(Platform.OrganizerEmail, Platform.OrganizerPassword);
                await SweepAsync(organizer, organizerPages, "organizer");
            }
        }
    }

    private async Task SweepAsync(Visitor visitor, IEnumerable<string> paths, string who)
    {
        foreach (var path in paths)
        {
            await visitor.GoAsync(path);
            var what = $"{who} {path} at {visitor.Page.ViewportSize!.Width}px";
            await visitor.AssertAccessibleAsync(what);
            var overflow = await visitor.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the screen");
            Assert.DoesNotMatch(Jwt(), await visitor.Page.ContentAsync());
            Assert.Equal(0, await visitor.Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
            await visitor.ScreenshotAsync(ScreenshotName(who, path));
        }
        var cookies = await visitor.Context.CookiesAsync();
        if (who != "visitor")
        {
            var session = Assert.Single(cookies, c => c.Name == "ep_session");
            Assert.True(session.HttpOnly, "the session cookie is HttpOnly");
            Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
            Assert.DoesNotMatch(Jwt(), session.Value);
        }
        Assert.All(cookies, cookie => Assert.DoesNotMatch(Jwt(), cookie.Value));
        visitor.AssertCleanConsole();
    }

    private static string ScreenshotName(string who, string path)
    {
        var name = Regex.Replace(path.Trim('/'), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "id");
        name = Regex.Replace(name, "[^a-z0-9]+", "-").Trim('-');
        return $"{who}-{(name.Length == 0 ? "home" : name)}";
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_unknown_addresses_get_a_friendly_404()
    {
        using var client = new HttpClient { BaseAddress = platform.Gateway };
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var csp = string.Join(";", home.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", home.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", home.Headers.GetValues("Referrer-Policy").Single());

        foreach (var path in new[] { "/no-such-page", $"/events/{Guid.NewGuid()}", "/talks/no-such-talk" })
        {
            using var missing = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
            Assert.Contains("We could not find that page", await missing.Content.ReadAsStringAsync());
        }
        // The API keeps answering problems, not pages.
        using var api = await client.GetAsync("/api/no-such-operation");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        // An attendee who opens the Organize area is told it is for organizers.
        var person = await platform.SignUpAsync("Curious");
        await using var visitor = await browser.VisitAsync(platform);
        using var me = platform.Client(person.Token);
        var email = System.Text.Json.JsonDocument.Parse(await (await me.GetAsync("/api/attendees/me")).Content.ReadAsStringAsync()).RootElement.GetProperty("email").GetString()!;
        await visitor.LogInAsync(email, "attendee-password-1");
        await visitor.Page.GotoAsync("/organize");
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "This page is for organizers" })).ToBeVisibleAsync();
        Assert.Equal(0, await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Organize" }).CountAsync());
        await visitor.Page.GotoAsync("/no-such-page-either");
        await visitor.AssertAccessibleAsync("404 page");
        await visitor.ScreenshotAsync("not-found");
    }
}
