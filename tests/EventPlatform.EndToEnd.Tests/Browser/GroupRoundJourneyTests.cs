using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>An organizer runs a round in groups of 3 in the browser; a member finds the group, its reasons and room, and writes in its chat.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GroupRoundJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task An_organizer_runs_a_round_in_groups_of_three_and_members_meet_in_their_group()
    {
        var eventId = await platform.PublishedEventAsync("Small-group networking night", 20, "mlops");
        var people = new List<(Guid Id, string Token, string Email, string Name)>();
        foreach (var (name, topics) in new[]
        {
            ("Ana", new[] { "mlops", "feature-stores" }), ("Ben", new[] { "mlops", "feature-stores" }), ("Cai", new[] { "feature-stores", "python" }),
            ("Dee", new[] { "nlp", "kubernetes" }), ("Eve", new[] { "nlp", "kubernetes" }), ("Fay", new[] { "nlp", "python" }),
        })
        {
            var (id, token, email) = await platform.RegisteredPersonAsync(eventId, name, topics, "Europe/Madrid");
            people.Add((id, token, email, name));
        }
        using var organizerApi = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizerApi.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 6,
            "all six in the pool", TimeSpan.FromSeconds(15));

        await using var organizer = await browser.VisitAsync(platform);
        await organizer.LogInAsync(Platform.OrganizerEmail, Platform.OrganizerPassword);
        await organizer.GoAsync($"/organize/events/{eventId}/networking");
        // Breaks of the agenda in groups of 4 from now on; this round, started by hand, in groups of 3.
        await organizer.Page.GetByLabel("At breaks, people meet").SelectOptionAsync("4");
        await organizer.Page.Locator("section").Filter(new() { Has = organizer.Page.GetByRole(AriaRole.Heading, new() { Name = "Networking breaks" }) })
            .GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(organizer.Page.GetByLabel("At breaks, people meet")).ToHaveValueAsync("4");
        Assert.Equal(4, (await (await organizerApi.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("breakGroupSize").GetInt32());
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(4), madrid);
        await organizer.Page.GetByLabel("Meetings start").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await organizer.Page.GetByLabel("In this round, people meet").SelectOptionAsync("3");
        await organizer.Page.GetByRole(AriaRole.Button, new() { Name = "Run the round" }).ClickAsync();
        await Expect(organizer.Page.GetByText("Round run: here are its groups")).ToBeVisibleAsync();
        var groups = organizer.Page.GetByRole(AriaRole.Table, new() { Name = "Groups of the round" });
        await Expect(groups.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(groups.GetByText("Ana, Ben, Cai")).ToBeVisibleAsync();
        await organizer.AssertAccessibleAsync("a round in groups");
        await organizer.ScreenshotAsync("organize-group-round");

        var ana = people[0];
        var told = await Eventually.ValueAsync(async () => (await platform.Mail.ForAsync(ana.Email))
            .SingleOrDefault(m => m.Subject == "You're in a group of 3 at Small-group networking night"), "Ana hears of her group", TimeSpan.FromSeconds(30));
        Assert.Contains("/group-", told.Text, StringComparison.Ordinal);
        await using var member = await browser.VisitAsync(platform);
        await member.LogInAsync(ana.Email);
        await member.GoAsync("/me/networking");
        var card = member.Page.Locator("li.card").Filter(new() { HasText = "Group of 3" });
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "You, Ben, Cai" })).ToBeVisibleAsync();
        await Expect(card.GetByText("with Ben: you both work on mlops and feature-stores")).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Join the group's room" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/group-"));
        await member.AssertAccessibleAsync("networking with a group");
        await member.ScreenshotAsync("my-group");
        await card.GetByRole(AriaRole.Link, new() { Name = "Group chat" }).ClickAsync();
        await Expect(member.Page.GetByRole(AriaRole.Heading, new() { Name = "Your group: Ben, Cai" })).ToBeVisibleAsync();
        await member.Page.GetByLabel("Message to your group").FillAsync("Hi both! Which feature store do you run?");
        await member.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(member.Page.GetByText("Hi both! Which feature store do you run?")).ToBeVisibleAsync();

        using var ben = platform.Client(people[1].Token);
        var bens = await (await ben.GetAsync($"/api/networking/me/groups?eventId={eventId}")).ReadJsonAsync<JsonElement>();
        Assert.Equal(1, bens[0].GetProperty("unreadMessages").GetInt32());
        organizer.AssertCleanConsole();
        member.AssertCleanConsole();
    }
}
