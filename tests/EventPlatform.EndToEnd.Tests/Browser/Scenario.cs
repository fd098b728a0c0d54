using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>A person made through the API, with what a browser needs to sign in as them.</summary>
public sealed record Person(Guid Id, string Token, string Email, string Name);

/// <summary>
/// An event with everything its pages can show: two registered attendees in a round, matched, both accepted, one
/// message between them; a talk in the library to open. Built through the public API, as the browser tests' backdrop.
/// </summary>
public sealed record Scenario(Guid EventId, Person Ana, Person Ben, Guid MatchId, Guid RoundId, string TalkSlug)
{
    public static async Task<Scenario> BuildAsync(Platform platform)
    {
        var eventId = await platform.PublishedEventAsync("Monitoring in production meetup", 20, "model-monitoring", "mlops");
        var ana = await PersonAsync(platform, "Ana Pereira", eventId, ["model-monitoring", "mlops"], ["hiring"]);
        var ben = await PersonAsync(platform, "Ben Adeyemi", eventId, ["model-monitoring", "python"], ["job-seeking"]);
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32() == 2,
            "both in the pool", TimeSpan.FromSeconds(10));
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(2), durationMinutes = 20 })).ReadJsonAsync<JsonElement>();
        using var anaApi = platform.Client(ana.Token);
        using var benApi = platform.Client(ben.Token);
        var matchId = (await (await anaApi.GetAsync("/api/networking/me/matches")).ReadJsonAsync<JsonElement>())[0].GetProperty("id").GetGuid();
        (await anaApi.PostAsync($"/api/networking/matches/{matchId}/accept", null)).EnsureSuccessStatusCode();
        (await benApi.PostAsync($"/api/networking/matches/{matchId}/accept", null)).EnsureSuccessStatusCode();
        (await anaApi.PostJsonAsync($"/api/networking/matches/{matchId}/messages", new { text = "Hello Ben, shall we talk about alerting?" })).EnsureSuccessStatusCode();
        using var anonymous = platform.Client();
        var slug = (await (await anonymous.GetAsync("/api/talks?q=crash%20and%20burn")).ReadJsonAsync<JsonElement>())
            .GetProperty("items")[0].GetProperty("slug").GetString()!;
        return new Scenario(eventId, ana, ben, matchId, round.GetProperty("id").GetGuid(), slug);
    }

    private static async Task<Person> PersonAsync(Platform platform, string name, Guid eventId, string[] interests, string[] intents)
    {
        var (id, token) = await platform.SignUpAsync(name);
        using var client = platform.Client(token);
        var profile = await (await client.PutJsonAsync("/api/attendees/me", new
        {
            displayName = name, headline = "ML engineer", company = "Acme", interests, intents, timeZone = "Europe/Berlin",
            directoryVisible = true, networkingOptIn = true,
        })).ReadJsonAsync<JsonElement>();
        (await client.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        return new Person(id, token, profile.GetProperty("email").GetString()!, name);
    }
}
