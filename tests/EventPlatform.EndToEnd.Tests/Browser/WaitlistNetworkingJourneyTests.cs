using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// A full event's waitlist networks before it: the waitlisted person is told so on the networking page, a confirmed
/// attendee chooses to meet the waitlist, a round pairs them, and the promotion (a seat added) keeps the match.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WaitlistNetworkingJourneyTests(Platform platform, BrowserHost browser)
{
    private async Task<(Guid Id, string Token, string Email)> PersonAsync(string name, Guid eventId)
    {
        var person = await platform.SignUpAsync(name, $"{name.Split(' ')[0].ToLowerInvariant()}.{Guid.NewGuid():N}@example.org", Ui.Password);
        using var client = platform.Client(person.Token);
        (await client.PutJsonAsync("/api/attendees/me", new
        {
            displayName = name, interests = new[] { "mlops", "feature-stores" }, intents = new[] { "learning" }, timeZone = "Europe/Madrid",
            directoryVisible = true, networkingOptIn = true,
        })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        return person;
    }

    [Fact]
    public async Task The_waitlist_networks_with_an_attendee_who_chose_to_meet_it_and_a_promotion_keeps_the_match()
    {
        var eventId = await platform.PublishedEventAsync("Full house: feature stores", 1, "feature-stores");
        var ana = await PersonAsync("Ana Seated", eventId);
        var ben = await PersonAsync("Ben Waiting", eventId);
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("waitlistedInPool").GetInt32() == 1,
            "Ben networks from the waitlist", TimeSpan.FromSeconds(15));

        await using var benPage = await browser.VisitAsync(platform);
        await benPage.LogInAsync(ben.Email);
        await benPage.GoAsync($"/events/{eventId}/networking");
        await Expect(benPage.Page.GetByText("You are on the waitlist and network until the event starts", new() { Exact = false })).ToBeVisibleAsync();
        await benPage.ScreenshotAsync("waitlist-networking");

        await using var anaPage = await browser.VisitAsync(platform);
        await anaPage.LogInAsync(ana.Email);
        await anaPage.GoAsync($"/events/{eventId}/networking");
        await Expect(anaPage.Page.Locator("article.card").Filter(new() { HasText = "Ben Waiting" }).GetByText("On the waitlist")).ToBeVisibleAsync();
        await anaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Meet people on the waitlist too" }).ClickAsync();
        await Expect(anaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Stop meeting the waitlist" })).ToBeVisibleAsync();
        await anaPage.AssertAccessibleAsync("networking, meeting the waitlist");

        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(3), durationMinutes = 20 })).ReadJsonAsync<JsonElement>();
        Assert.Equal(1, round.GetProperty("pairs").GetInt32());

        var pair = (await (await organizer.GetAsync($"/api/networking/events/{eventId}/rounds/{round.GetProperty("id").GetGuid()}/pairs")).ReadJsonAsync<JsonElement>())
            .GetProperty("pairs")[0].ToString();
        Assert.Contains(ana.Id.ToString(), pair);
        Assert.Contains(ben.Id.ToString(), pair);

        // The organizer adds a seat: Ben, first in line, is promoted and keeps the match.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/events/{eventId}")
        {
            Content = new StringContent("{\"capacity\":2}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        (await organizer.SendAsync(patch)).EnsureSuccessStatusCode();
        using var benApi = platform.Client(ben.Token);
        await Eventually.HoldsAsync(async () =>
            (await (await benApi.GetAsync($"/api/networking/events/{eventId}/me")).ReadJsonAsync<JsonElement>()).GetProperty("confirmed").GetBoolean(),
            "Ben's promotion reached networking", TimeSpan.FromSeconds(15));
        var match = Assert.Single((await (await benApi.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal((ana.Id, "proposed"), (match.GetProperty("partner").GetProperty("attendeeId").GetGuid(), match.GetProperty("status").GetString()));
        benPage.AssertCleanConsole();
        anaPage.AssertCleanConsole();
    }
}
