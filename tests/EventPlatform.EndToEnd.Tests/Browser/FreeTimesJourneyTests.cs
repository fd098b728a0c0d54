using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>Marking when one is free for networking, on one's own wall clock, and a round that keeps to it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class FreeTimesJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task An_attendee_marks_free_times_in_their_zone_and_a_round_outside_them_leaves_them_out()
    {
        var eventId = await platform.PublishedEventAsync("Availability across time zones", 20, "mlops");
        var (_, token, email) = await platform.SignUpAsync("Tomo Tokyo", $"tomo.{Guid.NewGuid():N}@example.org", Ui.Password);
        using var api = platform.Client(token);
        (await api.PutJsonAsync("/api/attendees/me", new
        {
            displayName = "Tomo Tokyo", interests = new[] { "mlops" }, intents = new[] { "learning" }, timeZone = "Asia/Tokyo",
            directoryVisible = false, networkingOptIn = true,
        })).EnsureSuccessStatusCode();
        (await api.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        var (_, otherToken) = await platform.SignUpAsync("Someone Else");
        using var other = platform.Client(otherToken);
        (await other.PutJsonAsync("/api/attendees/me", new
        {
            displayName = "Someone Else", interests = new[] { "mlops" }, intents = new[] { "learning" }, timeZone = "Europe/Paris",
            directoryVisible = false, networkingOptIn = true,
        })).EnsureSuccessStatusCode();
        (await other.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 2,
            "both in the pool", TimeSpan.FromSeconds(15));

        await using var tomo = await browser.VisitAsync(platform);
        await tomo.LogInAsync(email);
        await tomo.GoAsync($"/events/{eventId}/networking");
        var panel = tomo.Page.Locator("section").Filter(new() { Has = tomo.Page.GetByRole(AriaRole.Heading, new() { Name = "When you are free" }) });
        await Expect(panel.GetByText("You have marked nothing")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add a period" }).ClickAsync();
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime).AddDays(2);
        await panel.GetByLabel("Period 1: day").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await panel.GetByLabel("Period 1: from").FillAsync("19:00");
        await panel.GetByLabel("Period 1: until").FillAsync("21:00");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save my free times" }).ClickAsync();
        await Expect(panel.GetByText("Rounds pair you, and people can ask you to meet, only within these times (Asia/Tokyo).")).ToBeVisibleAsync();
        await tomo.AssertAccessibleAsync("networking with free times");
        await tomo.ScreenshotAsync("free-times");

        // Kept as instants: 19:00 in Tokyo is 10:00 UTC.
        var marked = await (await api.GetAsync($"/api/networking/events/{eventId}/availability")).ReadJsonAsync<JsonElement>();
        var start = day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(start), marked.GetProperty("periods")[0].GetProperty("startsAt").GetDateTimeOffset());

        // A round at 08:00 UTC that day (17:00 in Tokyo) leaves Tomo out; one at 10:30 UTC pairs them.
        var early = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", new { startsAt = start.AddHours(-2), durationMinutes = 20 }))
            .ReadJsonAsync<JsonElement>();
        Assert.Equal(1, early.GetProperty("poolSize").GetInt32());
        var inTime = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", new { startsAt = start.AddMinutes(30), durationMinutes = 20 }))
            .ReadJsonAsync<JsonElement>();
        Assert.Equal(1, inTime.GetProperty("pairs").GetInt32());
        var match = (await (await api.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<JsonElement>())[0];
        Assert.Equal("19:30", TimeZoneInfo.ConvertTime(match.GetProperty("startsAt").GetDateTimeOffset(), tokyo).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        tomo.AssertCleanConsole();
    }
}
