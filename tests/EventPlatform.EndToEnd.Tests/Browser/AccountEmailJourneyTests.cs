using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Owning an address, in the browser and the mailbox: a sign-up with a taken address looks the same as any other and
/// the email says what happened; "forgot password" mails a link that sets a new password (that every other session
/// ends is the Attendees tests' to show: a browser's access token lives on for its last minutes).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccountEmailJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_mailed_link_and_a_taken_address_is_not_revealed_at_sign_up()
    {
        await using var owner = await browser.VisitAsync(platform);
        var email = await owner.SignUpAsync("Fern Forgetful", returnUrl: "/talks");
        await Expect(owner.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("returnUrl=%2Ftalks"));

        // A stranger tries the address: the page says what it says to anyone; the mail goes to the owner.
        await using var stranger = await browser.VisitAsync(platform);
        await stranger.GoAsync("/account/signup");
        await stranger.Page.GetByLabel("Your name").FillAsync("Someone Else");
        await stranger.Page.GetByLabel("Email").FillAsync(email);
        await stranger.Page.GetByLabel("Password").FillAsync("a-strangers-password-5");
        await stranger.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await stranger.ScreenshotAsync("sign-up-check-your-email");
        var notice = Assert.Single(await platform.Mail.WaitForAsync(email));
        Assert.Equal("You already have an EventPlatform account", notice.Subject);

        // The owner forgot the password: the sign-in page leads to a link by email.
        await using var later = await browser.VisitAsync(platform);
        await later.GoAsync("/account/login");
        await later.Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        // The sign-in page has an Email field too: fill the one on the page the link leads to, once it is there.
        await Expect(later.Page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await later.Page.GetByLabel("Email").FillAsync(email);
        await later.Page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(later.Page.GetByText("we sent it a link to choose a new password")).ToBeVisibleAsync();
        var reset = await platform.Mail.TakeLinkAsync(email, "/account/reset-password");
        var mails = await platform.Mail.ForAsync(email);
        Assert.DoesNotContain(mails, m => m.Subject == "Choose a new password");

        await later.Page.GotoAsync(reset);
        await later.Page.GetByLabel("New password").FillAsync("a-remembered-phrase-at-last");
        await later.AssertAccessibleAsync("reset password");
        await later.ScreenshotAsync("reset-password");
        await later.Page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(later.Page.GetByRole(AriaRole.Heading, new() { Name = "My events" })).ToBeVisibleAsync();

        // The link works once.
        await later.Page.GotoAsync(reset);
        await later.Page.GetByLabel("New password").FillAsync("another-phrase-entirely");
        await later.Page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(later.Page.GetByText("This link cannot be used", new() { Exact = false }).Or(later.Page.GetByText("already used", new() { Exact = false })).First).ToBeVisibleAsync();
        await Expect(later.Page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" })).ToBeVisibleAsync();

        await owner.Page.Context.ClearCookiesAsync();
        await owner.LogInAsync(email, "a-remembered-phrase-at-last");
        owner.AssertCleanConsole();
        later.AssertCleanConsole();
    }
}
