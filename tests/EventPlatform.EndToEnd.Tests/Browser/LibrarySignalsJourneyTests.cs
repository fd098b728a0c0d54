using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Signals from the library, through the gateway and the real services: Ana watches, saves and asks on a talk in the
/// browser, Ben watches it and upvotes her question; a round pairs them over two people who share a rarer interest
/// with each, and says why. Ana then sees what matching uses about her and turns her views off.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LibrarySignalsJourneyTests(Platform platform, BrowserHost browser)
{
    private const string Title = "Why machine learning models crash and burn in production and what to do about it";

    private Task<(Guid Id, string Token, string Email)> PersonAsync(Guid eventId, string name, string[] interests) =>
        platform.RegisteredPersonAsync(eventId, name, interests, "Europe/Lisbon");

    [Fact]
    public async Task What_two_people_watched_and_asked_pairs_them_with_a_reason_and_each_can_turn_it_off()
    {
        var eventId = await platform.PublishedEventAsync("Production ML clinic", 20, "mlops");
        var ana = await PersonAsync(eventId, "Ana", ["mlops", "python"]);
        var cai = await PersonAsync(eventId, "Cai", ["mlops", "python"]);
        var ben = await PersonAsync(eventId, "Ben", ["mlops", "kubernetes"]);
        var dee = await PersonAsync(eventId, "Dee", ["mlops", "kubernetes"]);
        using var anonymous = platform.Client();
        var slug = (await (await anonymous.GetAsync("/api/talks?q=crash%20and%20burn")).ReadJsonAsync<JsonElement>())
            .GetProperty("items")[0].GetProperty("slug").GetString()!;

        await using var visitor = await browser.VisitAsync(platform);
        await visitor.LogInAsync(ana.Email);
        await visitor.GoAsync($"/talks/{slug}");
        // Staying on the talk a while (two seconds here) records the view.
        await Expect(visitor.Page.GetByText("You watched this.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Save talk" }).ClickAsync();
        await Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Saved" })).ToBeVisibleAsync();
        await visitor.Page.GetByLabel("Your question").FillAsync("How do you set up drift detection when the labels arrive weeks later?");
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(visitor.Page.GetByText("How do you set up drift detection when the labels arrive weeks later?")).ToBeVisibleAsync();

        using var benApi = platform.Client(ben.Token);
        (await benApi.PostAsync($"/api/talks/{slug}/views", null)).EnsureSuccessStatusCode();
        var question = (await (await benApi.GetAsync($"/api/talks/{slug}/questions?sort=recent")).ReadJsonAsync<JsonElement>()).GetProperty("items")
            .EnumerateArray().First(q => q.GetProperty("text").GetString()!.StartsWith("How do you set up drift detection", StringComparison.Ordinal));
        (await benApi.PostAsync($"/api/talks/{slug}/questions/{question.GetProperty("id").GetGuid()}/upvote", null)).EnsureSuccessStatusCode();

        using var anaApi = platform.Client(ana.Token);
        // Ana: watched, saved, the question, and the topic it names; Ben: watched, the question, the topic.
        await Eventually.HoldsAsync(async () =>
            (await (await anaApi.GetAsync("/api/networking/me/signals")).ReadJsonAsync<JsonElement>()).GetProperty("total").GetInt32() == 4
            && (await (await benApi.GetAsync("/api/networking/me/signals")).ReadJsonAsync<JsonElement>()).GetProperty("total").GetInt32() == 3,
            "Matchmaking heard of both people's activity", TimeSpan.FromSeconds(20));
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 4,
            "all four in the pool", TimeSpan.FromSeconds(15));
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(3), durationMinutes = 20 })).ReadJsonAsync<JsonElement>();
        Assert.Equal(2, round.GetProperty("pairs").GetInt32());
        var match = (await (await anaApi.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<JsonElement>())[0];
        Assert.Equal(ben.Id, match.GetProperty("partner").GetProperty("attendeeId").GetGuid());
        using var caiApi = platform.Client(cai.Token);
        Assert.Equal(dee.Id, (await (await caiApi.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<JsonElement>())[0]
            .GetProperty("partner").GetProperty("attendeeId").GetGuid());

        await visitor.GoAsync("/me/networking");
        await Expect(visitor.Page.GetByText($"you both asked about drift detection in '{Title}'")).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByText($"you both watched '{Title}'")).ToBeVisibleAsync();
        var panel = visitor.Page.Locator("section").Filter(new() { Has = visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "What matching uses from the talk library" }) });
        await Expect(panel.GetByText($"You saved '{Title}'")).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync("networking with library signals");
        await visitor.ScreenshotAsync("library-signals");
        await panel.GetByLabel("Talks I watched").UncheckAsync();
        await Expect(panel.GetByText("Saved. Rounds from now on use your choice.")).ToBeAttachedAsync();
        var signals = await (await anaApi.GetAsync("/api/networking/me/signals")).ReadJsonAsync<JsonElement>();
        Assert.False(signals.GetProperty("useViews").GetBoolean());
        Assert.True(signals.GetProperty("useQuestions").GetBoolean());
        await visitor.Page.ReloadAsync();
        await Expect(panel.GetByLabel("Talks I watched")).Not.ToBeCheckedAsync();
        await Expect(panel.GetByText("not used")).ToBeVisibleAsync();

        await visitor.GoAsync("/me/saved");
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        visitor.AssertCleanConsole();
    }
}
