using System.Net;
using System.Text.RegularExpressions;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Visitors who are not signed in share the public pages Web keeps for a few seconds (per time zone); a signed-in
/// person's pages, and any page with a form, are rendered for them every time.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PublicPageCacheTests(Platform platform)
{
    [Fact]
    public async Task A_visitor_gets_the_kept_page_a_signed_in_person_and_a_form_never_do()
    {
        var replica = await platform.StartReadyReplicaAsync("web", new Dictionary<string, string> { ["PublicPageCache__Seconds"] = "60" });
        using var visitor = new HttpClient { BaseAddress = replica };

        // The first page sets the visitor's antiforgery cookie, so it is not kept; the next (same page, no new cookie) is,
        // and from then on every visitor gets it without Web rendering it.
        using var first = await visitor.GetAsync("/talks?q=monitoring");
        using var second = await visitor.GetAsync("/talks?q=monitoring");
        using var kept = await visitor.GetAsync("/talks?q=monitoring");
        using var anotherVisitor = new HttpClient { BaseAddress = replica };
        using var theirs = await anotherVisitor.GetAsync("/talks?q=monitoring");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(kept.Headers.Age);
        Assert.NotNull(theirs.Headers.Age);
        Assert.Equal(await second.Content.ReadAsStringAsync(), await theirs.Content.ReadAsStringAsync());

        // A page with a form is never kept: each visitor gets an antiforgery token of their own.
        using var login1 = await visitor.GetAsync("/account/login");
        using var login2 = await visitor.GetAsync("/account/login");
        using var login3 = await visitor.GetAsync("/account/login");
        Assert.Null(login3.Headers.Age);

        // Signed in, the same public page is rendered every time.
        var (_, token) = await platform.SignUpAsync("Cai Cache");
        using var api = platform.Client(token);
        var email = System.Text.Json.JsonDocument.Parse(await (await api.GetAsync("/api/attendees/me")).Content.ReadAsStringAsync())
            .RootElement.GetProperty("email").GetString()!;
        using var person = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = replica };
        var form = await person.GetStringAsync("/account/login");
        using var signedIn = await person.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["Input.Email"] = email,
            ["Input.Password"] = "attendee-password-1",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var mine1 = await person.GetAsync("/talks?q=monitoring");
        using var mine2 = await person.GetAsync("/talks?q=monitoring");
        using var mine3 = await person.GetAsync("/talks?q=monitoring");
        Assert.Null(mine2.Headers.Age);
        Assert.Null(mine3.Headers.Age);
        Assert.Contains("Cai Cache", await mine3.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
