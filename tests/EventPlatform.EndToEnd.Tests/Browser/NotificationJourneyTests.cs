using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>A person registers in the browser: the badge counts the notification live, the feed shows it, reading clears it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task A_registration_lights_the_badge_live_the_feed_shows_it_and_mark_all_read_clears_it()
    {
        var eventId = await platform.PublishedEventAsync("Notebook to production", 10, "mlops");
        await using var lea = await browser.VisitAsync(platform);
        await lea.SignUpAsync("Lea Moreau");
        await lea.GoAsync("/me/notifications");
        await Expect(lea.Page.GetByText("Nothing yet.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(lea.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications (none unread)" })).ToBeVisibleAsync();

        await lea.GoAsync($"/events/{eventId}");
        await lea.Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(lea.Page.GetByText("You are registered.")).ToBeVisibleAsync();
        // The badge in the header counts it without a reload.
        await Expect(lea.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications (1 unread)" })).ToBeVisibleAsync(new() { Timeout = 5_000 });

        await lea.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications (1 unread)" }).ClickAsync();
        var entry = lea.Page.Locator("li.notification").First;
        await Expect(entry).ToContainTextAsync("You're registered for Notebook to production");
        await Expect(entry).ToContainTextAsync("The calendar invite is attached");
        await lea.ScreenshotAsync("notifications");

        await lea.Page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Expect(lea.Page.GetByText("0 unread of 1")).ToBeVisibleAsync();
        await Expect(lea.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications (none unread)" })).ToBeVisibleAsync();

        // Settings: match emails off, kept after a reload.
        await lea.Page.GetByRole(AriaRole.Link, new() { Name = "choose what reaches you" }).ClickAsync();
        var matchEmail = lea.Page.GetByRole(AriaRole.Checkbox, new() { Name = "You have a new networking match: by email" });
        await Expect(matchEmail).ToBeCheckedAsync();
        await Expect(matchEmail).ToBeEnabledAsync();
        await matchEmail.UncheckAsync();
        await lea.Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(lea.Page.GetByText("Saved.", new() { Exact = true })).ToBeVisibleAsync();
        await lea.ScreenshotAsync("notification-settings");
        await lea.Page.ReloadAsync();
        await Expect(lea.Page.GetByRole(AriaRole.Checkbox, new() { Name = "You have a new networking match: by email" })).Not.ToBeCheckedAsync();
        await Expect(lea.Page.GetByRole(AriaRole.Checkbox, new() { Name = "You have a new networking match: in the app" })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task The_stop_emails_link_of_an_email_asks_first_and_then_stops_that_kind_without_signing_in()
    {
        var eventId = await platform.PublishedEventAsync("Feature flags for models", 10, "mlops");
        var (_, token, email) = await platform.SignUpAsync("Vera Link", $"{Guid.NewGuid():N}@people.example.org", "attendee-password-1");
        using var vera = platform.Client(token);
        (await vera.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        var confirmation = Assert.Single(await platform.Mail.WaitForAsync(email));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.Text!, @"Stop emails like this: (\S+)").Groups[1].Value;

        // A visitor who is not signed in (the mail may be read anywhere).
        await using var reader = await browser.VisitAsync(platform);
        await reader.Page.GotoAsync(link);
        await Expect(reader.Page.GetByText("Stop the emails for")).ToBeVisibleAsync();
        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Expect(reader.Page.GetByText("Done: no more emails for", new() { Exact = false })).ToBeVisibleAsync();
        await reader.ScreenshotAsync("unsubscribed");

        var settings = await (await vera.GetAsync("/api/notifications/preferences")).ReadJsonAsync<System.Text.Json.JsonElement>();
        Assert.False(settings.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "registration-confirmed")
            .GetProperty("email").GetBoolean());
    }
}
