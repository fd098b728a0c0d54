using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class NetworkingPoolFlowTests(Platform platform)
{
    [Fact]
    public async Task An_attendee_who_registers_joins_the_events_networking_pool_and_leaves_it_on_cancelling()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent())).ReadJsonAsync<JsonElement>();
        var eventId = created.GetProperty("id").GetGuid();
        (await organizer.PostAsync($"/api/events/{eventId}/publish", null)).EnsureSuccessStatusCode();

        var (_, token) = await platform.SignUpAsync("Ana");
        using var ana = platform.Client(token);
        (await ana.PutJsonAsync("/api/attendees/me", new
        {
            displayName = "Ana",
            headline = "ML platform engineer",
            interests = new[] { "mlops", "model-monitoring" },
            intents = new[] { "hiring" },
            timeZone = "Europe/Lisbon",
            directoryVisible = true,
            networkingOptIn = true,
        })).EnsureSuccessStatusCode();

        HttpResponseMessage registered = null!;
        await Eventually.HoldsAsync(async () =>
        {
            registered = await ana.PostJsonAsync("/api/registrations", new { eventId });
            return registered.StatusCode != HttpStatusCode.NotFound && registered.StatusCode != HttpStatusCode.UnprocessableEntity;
        }, "Attendees knows the event", TimeSpan.FromSeconds(10));
        var registrationId = (await registered.ReadJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        JsonElement membership = default;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await ana.GetAsync($"/api/networking/events/{eventId}/me");
            membership = response.IsSuccessStatusCode ? await response.ReadJsonAsync<JsonElement>() : default;
            return response.IsSuccessStatusCode && membership.GetProperty("inPool").GetBoolean();
        }, "Matchmaking put Ana in the pool", TimeSpan.FromSeconds(5));
        Assert.Equal(["mlops", "model-monitoring"], membership.GetProperty("interests").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["hiring"], membership.GetProperty("intents").EnumerateArray().Select(i => i.GetString()));

        (await ana.DeleteAsync($"/api/registrations/{registrationId}")).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () =>
            !(await (await ana.GetAsync($"/api/networking/events/{eventId}/me")).ReadJsonAsync<JsonElement>()).GetProperty("inPool").GetBoolean(),
            "Ana left the pool", TimeSpan.FromSeconds(5));
        using var anonymous = platform.Client();
        Assert.Equal(0, (await (await anonymous.GetAsync($"/api/networking/events/{eventId}")).ReadJsonAsync<JsonElement>()).GetProperty("poolSize").GetInt32());
    }
}
