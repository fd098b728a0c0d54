using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>A visitor searches the library, opens a talk and its recording, signs up, asks a question and upvotes another.</summary>
[Collection(PlatformCollection.Name)]
public sealed class VisitorJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task A_visitor_searches_opens_a_talk_signs_up_asks_and_upvotes()
    {
        // Someone asked before; the visitor will upvote it.
        using var api = platform.Client();
        var talk = (await (await api.GetAsync("/api/talks?q=crash%20and%20burn")).ReadJsonAsync<JsonElement>()).GetProperty("items")[0];
        var slug = talk.GetProperty("slug").GetString()!;
        var (_, askerToken) = await platform.SignUpAsync("Priya");
        using var asker = platform.Client(askerToken);
        var earlier = $"How do you pick drift thresholds per feature? {Guid.NewGuid():N}"[..60];
        (await asker.PostJsonAsync($"/api/talks/{slug}/questions", new { text = earlier })).EnsureSuccessStatusCode();

        await using var visitor = await browser.VisitAsync(platform);
        var page = visitor.Page;
        await visitor.GoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the talk library" }).FillAsync("crash and burn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search talks" }).ClickAsync();
        await page.WaitForURLAsync("**/talks?q=crash*");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "for “crash and burn”" })).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("library-search");
        await page.GetByRole(AriaRole.Link, new() { Name = talk.GetProperty("title").GetString()! }).ClickAsync();
        await page.WaitForURLAsync($"**/talks/{slug}");

        // The recording (on O'Reilly's site, so linked rather than embedded); the abstract; the questions, read-only until signed in.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Watch the recording" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://"));
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Abstract" })).ToBeVisibleAsync();
        await Expect(page.GetByText(earlier)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true }).Last.ClickAsync();
        await page.WaitForURLAsync("**/account/login?returnUrl=*");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/account/signup?returnUrl=*");
        var email = $"vera.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Your name").FillAsync("Visiting Vera");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Ui.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        // The link from the email, opened in the same browser: the talk the visitor came from is where they end up.
        await page.GotoAsync(await platform.Mail.TakeLinkAsync(email, "/account/verify"));
        await visitor.AssertAccessibleAsync("confirm your email");
        await visitor.ScreenshotAsync("verify-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/profile?welcome=true**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/talks/{slug}");

        // Ask; upvote the earlier question (once: pressing again takes it back).
        var mine = $"Which statistical test do you use for categorical features? {Guid.NewGuid():N}"[..70];
        await page.GetByLabel("Your question").FillAsync(mine);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var myQuestion = page.Locator("li.question").Filter(new() { HasText = mine });
        await Expect(myQuestion).ToContainTextAsync("yours");
        var theirs = page.Locator("li.question").Filter(new() { HasText = earlier });
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Upvote" }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "Upvote" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(theirs.Locator(".votes strong")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Newest" }).ClickAsync();
        await Expect(page.Locator("li.question").First).ToContainTextAsync(mine);
        await visitor.ScreenshotAsync("talk");
        await visitor.AssertAccessibleAsync("talk page, signed in");

        // The API agrees: one vote, the visitor's question stored once.
        var questions = await (await api.GetAsync($"/api/talks/{slug}/questions?sort=recent")).ReadJsonAsync<JsonElement>();
        var items = questions.GetProperty("items").EnumerateArray().ToList();
        Assert.Single(items, q => q.GetProperty("text").GetString() == mine);
        Assert.Equal(1, items.Single(q => q.GetProperty("text").GetString() == earlier).GetProperty("votes").GetInt32());
        visitor.AssertCleanConsole();
    }
}
