using System.Net.Http.Json;
using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>What people do in the web app again and again (sign up, log in, fill a profile), done as they do it.</summary>
public static class Ui
{
    public const string Password = "a-long-browser-password-7";

    /// <summary>
    /// Signs up through the sign-up page, opens the link in the email that arrives and confirms: the person lands on
    /// their profile, signed in, as a new user does.
    /// </summary>
    public static async Task<string> SignUpAsync(this Visitor visitor, string name, string? returnUrl = null)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.org";
        await visitor.GoAsync("/account/signup" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        var page = visitor.Page;
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await page.GotoAsync(await visitor.Mail.TakeLinkAsync(email, "/account/verify"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/profile?welcome=true**");
        return email;
    }

    public static async Task LogInAsync(this Visitor visitor, string email, string password = Password)
    {
        await visitor.GoAsync("/account/login");
        await visitor.Page.GetByLabel("Email").FillAsync(email);
        await visitor.Page.GetByLabel("Password").FillAsync(password);
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await visitor.Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Fills the profile as a new user would after signing up: interests, intents, listed, paired.</summary>
    public static async Task FillProfileAsync(this Visitor visitor, string headline, string[] interests, string[] intents)
    {
        var page = visitor.Page;
        if (!page.Url.Contains("/account/profile", StringComparison.Ordinal))
        {
            await visitor.GoAsync("/account/profile");
        }
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Headline" }).FillAsync(headline);
        foreach (var interest in interests)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Interests" }).GetByLabel(interest, new() { Exact = true }).CheckAsync();
        }
        foreach (var intent in intents)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Why you want to meet people" }).GetByLabel(intent).CheckAsync();
        }
        await page.GetByLabel("Pair me with other attendees").CheckAsync();
        await page.GetByLabel("List me in the attendee directory").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your profile is saved" })).ToBeVisibleAsync();
    }

    /// <summary>A published event made through the API (the organizer journey has its own test), networking open.</summary>
    public static async Task<Guid> PublishedEventAsync(this Platform platform, string title, int capacity, params string[] topics)
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(21).AddHours(16), TimeSpan.Zero);
        var created = await (await organizer.PostJsonAsync("/api/events", new
        {
            title,
            description = "An evening of short talks and one-to-one conversations.\n\nBring your questions.",
            kind = "meetup",
            startsAt = start,
            endsAt = start.AddHours(3),
            timeZone = "Europe/Berlin",
            capacity,
            topics,
            joinUrl = "https://meet.example.org/" + Guid.NewGuid().ToString("N")[..8],
            networkingOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        })).ReadJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        (await organizer.PostJsonAsync($"/api/events/{id}/agenda", new
        {
            kind = "networking-round", title = "Networking break", startsAt = start.AddHours(1), endsAt = start.AddHours(1).AddMinutes(20), speakers = Array.Empty<string>(),
        })).EnsureSuccessStatusCode();
        (await organizer.PostAsync($"/api/events/{id}/publish", null)).EnsureSuccessStatusCode();
        // Registration and networking learn of it from the bus.
        using var anonymous = platform.Client();
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/registrations/events/{id}/availability")).IsSuccessStatusCode
            && (await anonymous.GetAsync($"/api/networking/events/{id}")).IsSuccessStatusCode, "the event reached Attendees and Matchmaking", TimeSpan.FromSeconds(15));
        return id;
    }

    /// <summary>
    /// Someone signed up (through the mailed link), with a networking profile (in the pool, not listed in the directory)
    /// and a registration for the event.
    /// </summary>
    public static async Task<(Guid Id, string Token, string Email)> RegisteredPersonAsync(this Platform platform, Guid eventId, string name,
        string[] interests, string timeZone = "Europe/Berlin")
    {
        var (id, token, email) = await platform.SignUpAsync(name, $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org", Password);
        using var client = platform.Client(token);
        (await client.PutJsonAsync("/api/attendees/me", new
        {
            displayName = name, interests, intents = new[] { "learning" }, timeZone, directoryVisible = false, networkingOptIn = true,
        })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        return (id, token, email);
    }

    /// <summary>Presses Tab until the focused element has this accessible text (keyboard-only use), failing after many presses.</summary>
    public static async Task TabToAsync(this IPage page, string text, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; if (!e || e === document.body) return ''; return ((e.labels && e.labels[0]?.innerText) || e.getAttribute('aria-label') || e.innerText || '').trim(); }");
            if (focused == text)
            {
                return;
            }
        }
        throw new InvalidOperationException($"Tab never reached “{text}”.");
    }
}
