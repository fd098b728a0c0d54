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
    }
}
