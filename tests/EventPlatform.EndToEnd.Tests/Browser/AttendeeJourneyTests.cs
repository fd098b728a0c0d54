using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Two people in two browsers: one registers, the other joins the waitlist and is promoted live when a seat frees;
/// the invite downloads; a round matches them, both accept, and they chat, each seeing the other's message live.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AttendeeJourneyTests(Platform platform, BrowserHost browser)
{
    /// <summary>What "live" promises: the open page shows it within this, without a reload.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 2_000 };

    [Fact]
    public async Task Two_attendees_register_one_is_promoted_live_both_are_matched_accept_and_chat_live()
    {
        var eventId = await platform.PublishedEventAsync("Feature store evening", 2, "feature-stores", "mlops");
        // Someone else holds the second seat.
        var (_, carlToken) = await platform.SignUpAsync("Carl");
        using var carl = platform.Client(carlToken);
        var carlRegistration = (await (await carl.PostJsonAsync("/api/registrations", new { eventId })).ReadJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await using var ana = await browser.VisitAsync(platform);
        await ana.SignUpAsync("Ana Lima");
        await ana.FillProfileAsync("Feature store lead", ["feature-stores", "mlops"], ["Hiring"]);
        await ana.GoAsync($"/events/{eventId}");
        await ana.Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(ana.Page.GetByText("You are registered.")).ToBeVisibleAsync();
        await Expect(ana.Page.GetByRole(AriaRole.Link, new() { Name = "Join the event" })).ToBeVisibleAsync();

        // The invite is a real calendar file for this event.
        var download = await ana.Page.RunAndWaitForDownloadAsync(() => ana.Page.GetByRole(AriaRole.Link, new() { Name = "invite (.ics)" }).ClickAsync());
        var invite = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VCALENDAR", invite);
        Assert.Contains("SUMMARY:Feature store evening", invite);
        Assert.Contains("STATUS:CONFIRMED", invite);

        await using var ben = await browser.VisitAsync(platform);
        await ben.SignUpAsync("Ben Okafor");
        await ben.FillProfileAsync("Looking for an MLOps role", ["feature-stores", "python"], ["Looking for a job"]);
        await ben.GoAsync($"/events/{eventId}");
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(ben.Page.GetByText("you are number 1 on the waitlist")).ToBeVisibleAsync();
        await Expect(ben.Page.GetByText("Waitlist, position 1")).ToBeVisibleAsync();
        await ben.ScreenshotAsync("event-waitlisted");

        // Carl cancels: Ben's open page says so, without a reload.
        (await carl.DeleteAsync($"/api/registrations/{carlRegistration}")).EnsureSuccessStatusCode();
        await Expect(ben.Page.GetByText("A seat freed up", new() { Exact = false }).First).ToBeVisibleAsync(Live);
        await Expect(ben.Page.GetByText("Registered", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Link, new() { Name = "Join the event" })).ToBeVisibleAsync();

        // Both open the event's networking; a round pairs them and both pages show it live.
        await ana.GoAsync($"/events/{eventId}/networking");
        await ben.GoAsync($"/events/{eventId}/networking");
        await Expect(ana.Page.GetByText("No matches yet.")).ToBeVisibleAsync();
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 2,
            "Ana and Ben are in the pool", TimeSpan.FromSeconds(10));
        (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", new { startsAt = DateTimeOffset.UtcNow.AddHours(1), durationMinutes = 20 }))
            .EnsureSuccessStatusCode();
        var anaMatch = ana.Page.GetByRole(AriaRole.List, new() { Name = "Matches" }).Locator(":scope > li").Filter(new() { HasText = "Ben Okafor" });
        var benMatch = ben.Page.GetByRole(AriaRole.List, new() { Name = "Matches" }).Locator(":scope > li").Filter(new() { HasText = "Ana Lima" });
        await Expect(anaMatch).ToBeVisibleAsync(Live);
        await Expect(benMatch).ToBeVisibleAsync(Live);
        await Expect(anaMatch).ToContainTextAsync("you both work on feature-stores");
        await Expect(ben.Page.GetByRole(AriaRole.Link, new() { Name = "Networking (1 match to answer" })).ToBeVisibleAsync();
        await ana.ScreenshotAsync("networking-match");

        await anaMatch.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(anaMatch).ToContainTextAsync("Waiting for them");
        await Expect(benMatch).ToContainTextAsync("They said yes: your answer", new() { Timeout = 2_000 });
        await benMatch.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(benMatch).ToContainTextAsync("Meeting confirmed");
        await Expect(anaMatch).ToContainTextAsync("Meeting confirmed", new() { Timeout = 2_000 });
        await Expect(anaMatch.GetByRole(AriaRole.Link, new() { Name = "Join room" })).ToBeVisibleAsync();

        // Ana writes; Ben, still on the networking page, sees the unread count, opens the chat and answers; Ana sees it live.
        await anaMatch.GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await ana.Page.WaitForURLAsync("**/me/networking/matches/**");
        await ana.Page.GetByLabel("Message to Ben Okafor").FillAsync("Hi Ben, we are hiring for our feature store team.");
        await ana.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(benMatch).ToContainTextAsync("1 unread", new() { Timeout = 2_000 });
        await benMatch.GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Log)).ToContainTextAsync("we are hiring for our feature store team");
        await ben.Page.GetByLabel("Message to Ana Lima").FillAsync("Great, I would love to hear more.");
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(ana.Page.GetByRole(AriaRole.Log)).ToContainTextAsync("I would love to hear more", new() { Timeout = 2_000 });
        await ana.ScreenshotAsync("chat");
        await ana.AssertAccessibleAsync("chat");
        ana.AssertCleanConsole();
        ben.AssertCleanConsole();
    }
}
