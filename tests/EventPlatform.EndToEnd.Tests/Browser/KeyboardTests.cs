using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>Someone who uses only the keyboard logs in, registers for an event and cancels, never touching a mouse.</summary>
[Collection(PlatformCollection.Name)]
public sealed class KeyboardTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task Logging_in_registering_and_cancelling_work_with_the_keyboard_alone()
    {
        var eventId = await platform.PublishedEventAsync("Keyboard-friendly meetup", 10, "mlops");
        var (_, token) = await platform.SignUpAsync("Kim");
        using var api = platform.Client(token);
        var email = System.Text.Json.JsonDocument.Parse(await (await api.GetAsync("/api/attendees/me")).Content.ReadAsStringAsync())
            .RootElement.GetProperty("email").GetString()!;

        await using var kim = await browser.VisitAsync(platform);
        var page = kim.Page;
        await kim.GoAsync($"/account/login?returnUrl=%2Fevents%2F{eventId}");
        await page.TabToAsync("Skip to content");
        await page.TabToAsync("Email");
        Assert.Equal("email", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("attendee-password-1");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/events/{eventId}");

        // Register: Tab to the button, Enter. The focus ring is visible on the way.
        var register = page.GetByRole(AriaRole.Button, new() { Name = "Register" });
        await Expect(register).ToBeEnabledAsync();
        await page.TabToAsync("Register");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        await kim.ScreenshotAsync("keyboard-focus");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("You are registered.")).ToBeVisibleAsync();
        await Expect(page.GetByText("9 of 10 seats left")).ToBeVisibleAsync();

        // Cancel, confirming with the keyboard too.
        await page.TabToAsync("Cancel registration");
        await page.Keyboard.PressAsync("Space");
        // The pressed button gives way to the question; the focus lands on its answer, not back at the top of the page.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Your registration is cancelled.")).ToBeVisibleAsync();
        await Expect(page.GetByText("10 of 10 seats left")).ToBeVisibleAsync();
        await Eventually.HoldsAsync(async () => (await (await api.GetAsync("/api/registrations/me")).Content.ReadAsStringAsync()).Contains("\"cancelled\""),
            "the cancellation reached the API", TimeSpan.FromSeconds(5));
        kim.AssertCleanConsole();
    }
}
