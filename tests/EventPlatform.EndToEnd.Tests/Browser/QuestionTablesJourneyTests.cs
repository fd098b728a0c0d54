using System.Text.Json;
using EventPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Through the gateway and the real services: a question on a talk of an event collects the organizer's threshold of
/// upvotes; a table on it is proposed at the agenda's networking break; its asker accepts to host it in the browser and
/// an upvoter takes a seat first.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class QuestionTablesJourneyTests(Platform platform, BrowserHost browser)
{
    private const string Question = "How do you keep a feature store consistent between training and serving?";

    [Fact]
    public async Task A_question_with_enough_upvotes_becomes_a_table_its_asker_hosts_and_upvoters_join_first()
    {
        var eventId = await platform.PublishedEventAsync("Feature store clinic", 30, "feature-stores");
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        (await organizer.PutJsonAsync($"/api/networking/events/{eventId}/settings", new { questionTableThreshold = 2 })).EnsureSuccessStatusCode();
        var ev = await (await organizer.GetAsync($"/api/events/{eventId}")).ReadJsonAsync<JsonElement>();
        var start = ev.GetProperty("startsAt").GetDateTimeOffset();
        HttpResponseMessage scheduled = null!;
        await Eventually.HoldsAsync(async () =>
        {
            scheduled = await organizer.PostJsonAsync("/api/talks", new
            {
                eventId, title = "Feature stores in practice", @abstract = "What it takes to run a feature store.",
                speakers = new[] { new { name = "Test Speaker", affiliation = "Test Co" } }, format = "talk", tags = new[] { "feature-stores" },
                startsAt = start.AddMinutes(10), endsAt = start.AddMinutes(40),
            });
            return scheduled.IsSuccessStatusCode;
        }, "Talks knows the event", TimeSpan.FromSeconds(15));
        var slug = (await scheduled.ReadJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;

        var people = new List<(Guid Id, string Token, string Email)>();
        foreach (var name in new[] { "Ana", "Ben", "Cai", "Dee" })
        {
            var (id, token, email) = await platform.RegisteredPersonAsync(eventId, name, ["feature-stores"]);
            people.Add((id, token, email));
        }
        using var ana = platform.Client(people[0].Token);
        var asked = await (await ana.PostJsonAsync($"/api/talks/{slug}/questions", new { text = Question })).ReadJsonAsync<JsonElement>();
        var questionId = asked.GetProperty("id").GetGuid();
        foreach (var upvoter in people.Skip(1).Take(2))
        {
            using var client = platform.Client(upvoter.Token);
            (await client.PostAsync($"/api/talks/{slug}/questions/{questionId}/upvote", null)).EnsureSuccessStatusCode();
        }
        using var ben = platform.Client(people[1].Token);
        var table = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            var tables = await (await ben.GetAsync($"/api/networking/events/{eventId}/tables")).ReadJsonAsync<JsonElement>();
            table = tables.GetArrayLength() == 1 ? tables[0] : default;
            return tables.GetArrayLength() == 1;
        }, "a table is proposed on the question", TimeSpan.FromSeconds(20));
        Assert.Equal($"Q: {Question}", table.GetProperty("title").GetString());
        Assert.True(table.GetProperty("invited").GetBoolean());
        Assert.Equal(start.AddHours(1), table.GetProperty("startsAt").GetDateTimeOffset());
        var tableId = table.GetProperty("id").GetGuid();
        // Notifications invites the asker to host and the upvoters to sit first.
        var invitation = await Eventually.ValueAsync(async () => (await platform.Mail.ForAsync(people[0].Email))
            .SingleOrDefault(m => m.Subject == "Host a table on your question at Feature store clinic?"), "Ana is invited to host", TimeSpan.FromSeconds(30));
        Assert.Contains(Question, invitation.Text, StringComparison.Ordinal);
        await Eventually.ValueAsync(async () => (await platform.Mail.ForAsync(people[1].Email))
            .SingleOrDefault(m => m.Subject == "A table on a question you upvoted at Feature store clinic"), "Ben is invited to sit first", TimeSpan.FromSeconds(30));
        using var dee = platform.Client(people[3].Token);
        await (await dee.PostAsync($"/api/networking/tables/{tableId}/join", null)).ProblemAsync(409);
        (await ben.PostAsync($"/api/networking/tables/{tableId}/join", null)).EnsureSuccessStatusCode();

        await using var visitor = await browser.VisitAsync(platform);
        await visitor.LogInAsync(people[0].Email);
        await visitor.GoAsync($"/events/{eventId}/networking");
        var card = visitor.Page.Locator("article.card").Filter(new() { HasText = $"Q: {Question}" });
        await Expect(card.GetByText("From an open question")).ToBeVisibleAsync();
        await Expect(card.GetByText("you are invited to host")).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync("a table proposed on my question");
        await visitor.ScreenshotAsync("question-table");
        await card.GetByRole(AriaRole.Button, new() { Name = "Host this table on your question" }).ClickAsync();
        await Expect(card.GetByText("hosted by you")).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Join room of" })).ToBeVisibleAsync();
        var after = (await (await ben.GetAsync($"/api/networking/events/{eventId}/tables")).ReadJsonAsync<JsonElement>())[0];
        Assert.False(after.GetProperty("awaitingHost").GetBoolean());
        Assert.Equal(after.GetProperty("seats").GetInt32() - 2, after.GetProperty("seatsLeft").GetInt32());
        visitor.AssertCleanConsole();
    }
}
