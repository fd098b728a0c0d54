using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class NetworkingFlowTests(Platform platform)
{
    private async Task<(Guid Id, string Token, string Email)> RegisteredAttendeeAsync(Guid eventId, string name, string[] interests, string[] intents)
    {
        var (id, token, email) = await platform.SignUpAsync(name, $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org", "attendee-password-1");
        using var client = platform.Client(token);
        (await client.PutJsonAsync("/api/attendees/me", new
        {
            displayName = name,
            headline = "ML engineer",
            interests,
            intents,
            timeZone = "Europe/Berlin",
            directoryVisible = true,
            networkingOptIn = true,
        })).EnsureSuccessStatusCode();
        HttpResponseMessage registered = null!;
        await Eventually.HoldsAsync(async () =>
        {
            registered = await client.PostJsonAsync("/api/registrations", new { eventId });
            return registered.IsSuccessStatusCode;
        }, "registration accepted", TimeSpan.FromSeconds(10));
        return (id, token, email);
    }

    [Fact]
    public async Task Registered_attendees_get_a_match_with_reasons_accept_it_get_a_room_and_message_privately()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(21).AddHours(16), TimeSpan.Zero);
        var created = await (await organizer.PostJsonAsync("/api/events", new
        {
            title = "Feature stores online meetup",
            kind = "meetup",
            startsAt = start,
            endsAt = start.AddHours(3),
            timeZone = "Europe/Berlin",
            capacity = 50,
            topics = new[] { "feature-stores" },
            joinUrl = "https://meet.example.org/fs",
            networkingOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        })).ReadJsonAsync<JsonElement>();
        var eventId = created.GetProperty("id").GetGuid();
        (await organizer.PostAsync($"/api/events/{eventId}/publish", null)).EnsureSuccessStatusCode();

        var (ana, anaToken, anaEmail) = await RegisteredAttendeeAsync(eventId, "Ana", ["feature-stores", "mlops"], ["hiring"]);
        var (ben, benToken, benEmail) = await RegisteredAttendeeAsync(eventId, "Ben", ["feature-stores", "python"], ["job-seeking"]);
        var (_, eveToken) = await platform.SignUpAsync("Eve");
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 2,
            "both are in the networking pool", TimeSpan.FromSeconds(10));

        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(1), durationMinutes = 20 })).ReadJsonAsync<JsonElement>();
        Assert.Equal(1, round.GetProperty("pairs").GetInt32());

        using var anaClient = platform.Client(anaToken);
        using var benClient = platform.Client(benToken);
        var match = (await (await anaClient.GetAsync("/api/networking/me/matches")).ReadJsonAsync<JsonElement>())[0];
        var matchId = match.GetProperty("id").GetGuid();
        Assert.Equal(ben, match.GetProperty("partner").GetProperty("attendeeId").GetGuid());
        var reasons = match.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("you both work on feature-stores", reasons);
        Assert.Contains("you are hiring and Ben is looking for a job", reasons);

        (await anaClient.PostAsync($"/api/networking/matches/{matchId}/accept", null)).EnsureSuccessStatusCode();
        var confirmed = await (await benClient.PostAsync($"/api/networking/matches/{matchId}/accept", null)).ReadJsonAsync<JsonElement>();
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.StartsWith("http", confirmed.GetProperty("roomUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(ana, confirmed.GetProperty("partner").GetProperty("attendeeId").GetGuid());

        (await anaClient.PostJsonAsync($"/api/networking/matches/{matchId}/messages", new { text = "Hi Ben, we are hiring for our feature store team." })).EnsureSuccessStatusCode();
        var thread = await (await benClient.GetAsync($"/api/networking/matches/{matchId}/messages")).ReadJsonAsync<JsonElement>();
        Assert.Equal("Hi Ben, we are hiring for our feature store team.", thread.GetProperty("items")[0].GetProperty("text").GetString());

        using var eve = platform.Client(eveToken);
        await (await eve.GetAsync($"/api/networking/matches/{matchId}/messages")).ProblemAsync(404);
        Assert.Equal(0, (await (await eve.GetAsync("/api/networking/me/matches")).ReadJsonAsync<JsonElement>()).GetArrayLength());

        // Ben looked but never marked the thread read: he is away, and hears of it once (Notifications waits three
        // seconds here). Ana reads Ben's answer at once: she hears nothing.
        var waiting = await Eventually.ValueAsync(async () => (await platform.Mail.ForAsync(benEmail)).SingleOrDefault(m => m.Subject == "Ana wrote to you"),
            "Ben is told a message waits", TimeSpan.FromSeconds(30));
        Assert.Contains("A message from Ana about Feature stores online meetup waits unread", waiting.Text, StringComparison.Ordinal);
        (await benClient.PostJsonAsync($"/api/networking/matches/{matchId}/messages", new { text = "Hi Ana, gladly. Tuesday?" })).EnsureSuccessStatusCode();
        (await anaClient.PostAsync($"/api/networking/matches/{matchId}/read", null)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(await platform.Mail.ForAsync(anaEmail), m => m.Subject == "Ben wrote to you");
        Assert.Single(await platform.Mail.ForAsync(benEmail), m => m.Subject == "Ana wrote to you");
    }
}
