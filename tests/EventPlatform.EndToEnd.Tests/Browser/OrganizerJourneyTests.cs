using System.Globalization;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>An organizer creates an event with an agenda and a talk in the browser, and publishes it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OrganizerJourneyTests(Platform platform, BrowserHost browser)
{
    [Fact]
    public async Task An_organizer_creates_an_event_with_an_agenda_and_a_talk_and_publishes_it()
    {
        await platform.OrganizerTokenAsync();
        await using var organizer = await browser.VisitAsync(platform);
        var page = organizer.Page;
        await organizer.LogInAsync(Platform.OrganizerEmail, Platform.OrganizerPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Organize" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        await page.WaitForURLAsync("**/organize/events/new");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create draft" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New event", Level = 1 })).ToBeVisibleAsync();
        var title = $"Drift detection night {Guid.NewGuid():N}"[..34];
        var day = DateTime.UtcNow.Date.AddDays(30);
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Three short talks on catching drift before users do.\n\nThen a networking break.");
        await page.GetByLabel("Kind").SelectOptionAsync("meetup");
        await page.GetByLabel("Seats").FillAsync("40");
        await page.GetByLabel("Time zone of the event").FillAsync("Europe/Lisbon");
        await page.GetByLabel("Starts").FillAsync(Local(day.AddHours(18)));
        await page.GetByLabel("Ends").FillAsync(Local(day.AddHours(21)));
        await page.GetByRole(AriaRole.Group, new() { Name = "Topics" }).GetByLabel("model-monitoring", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Join link").FillAsync("https://meet.example.org/drift");
        await organizer.ScreenshotAsync("organize-new-event");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Draft created" })).ToBeVisibleAsync();
        var eventId = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[3]);
        await Expect(page.GetByText("A draft: only its organizers see it")).ToBeVisibleAsync();

        // Agenda: a networking break (prefilled right at the start), in the event's own time zone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Agenda", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/agenda");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add an item" })).ToBeVisibleAsync();
        await page.GetByLabel("Kind").SelectOptionAsync("networking-round");
        await page.GetByLabel("Title").FillAsync("Networking break");
        await page.GetByLabel("Starts").FillAsync(Local(day.AddHours(19)));
        await page.GetByLabel("Ends").FillAsync(Local(day.AddHours(19).AddMinutes(20)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the agenda" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Agenda item added" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Networking break", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell).Filter(new() { HasText = "19:00" }).First).ToBeVisibleAsync();

        // A talk on the programme; the agenda follows it (through the bus).
        await page.GetByRole(AriaRole.Link, new() { Name = "Talks", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/talks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule a talk" })).ToBeVisibleAsync();
        await page.GetByLabel("Title").FillAsync("Catching drift with two-sample tests");
        await page.GetByLabel("Abstract").FillAsync("How we alert on feature drift without drowning in false alarms.");
        await page.GetByLabel("Speakers").FillAsync("Ana Lima, Acme ML");
        await page.GetByLabel("Starts").FillAsync(Local(day.AddHours(18)));
        await page.GetByLabel("Ends").FillAsync(Local(day.AddHours(18).AddMinutes(30)));
        await page.GetByLabel("Tags").FillAsync("model-monitoring");
        await page.GetByLabel("Recording link").FillAsync("https://www.youtube.com/watch?v=Zx9cW1uT7aQ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the talk" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Talk scheduled" })).ToBeVisibleAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.GetByRole(AriaRole.Link, new() { Name = "Catching drift with two-sample tests" }).CountAsync() == 1;
        }, "the talk is on the agenda", TimeSpan.FromSeconds(15));
        await organizer.ScreenshotAsync("organize-talks");

        await page.GetByRole(AriaRole.Link, new() { Name = "Details", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/organize/events/{eventId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Published" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Upcoming", new() { Exact = true }).First).ToBeVisibleAsync();
        await organizer.ScreenshotAsync("organize-event");

        // Anyone now sees it, its agenda in their own time zone (the browser is in Berlin, the event in Lisbon).
        using var api = platform.Client();
        await Eventually.HoldsAsync(async () => (await api.GetAsync($"/api/registrations/events/{eventId}/availability")).IsSuccessStatusCode,
            "registration learned of the event", TimeSpan.FromSeconds(15));
        await using var visitor = await browser.VisitAsync(platform);
        await visitor.GoAsync($"/events/{eventId}");
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByText("Times in your time zone (Europe/Berlin)")).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Catching drift with two-sample tests" })).ToContainTextAsync("19:00–19:30");
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Log in to register" })).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByText("40 of 40 seats left")).ToBeVisibleAsync();

        // The talk's page plays its YouTube recording through the privacy-enhanced domain.
        await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Catching drift with two-sample tests" }).ClickAsync();
        await visitor.Page.WaitForURLAsync("**/talks/*");
        await Expect(visitor.Page.Locator("iframe[title='Recording of Catching drift with two-sample tests']"))
            .ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/Zx9cW1uT7aQ");
        organizer.AssertCleanConsole();
        visitor.AssertCleanConsole();
    }

    private static string Local(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
