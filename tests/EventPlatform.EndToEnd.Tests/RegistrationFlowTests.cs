using System.Net;
using System.Text.Json;
using EventPlatform.Testing;
using Xunit.Abstractions;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class RegistrationFlowTests(Platform platform, ITestOutputHelper output)
{
    private async Task<Guid> PublishedEventAsync(int capacity)
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent(capacity))).ReadJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        (await organizer.PostAsync($"/api/events/{id}/publish", null)).EnsureSuccessStatusCode();
        using var anonymous = platform.Client();
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/registrations/events/{id}/availability")).IsSuccessStatusCode,
            "Attendees knows the event");
        return id;
    }

    [Fact]
    public async Task Five_hundred_concurrent_registrations_for_fifty_seats_give_fifty_confirmed_and_waitlist_1_to_450_and_a_cancellation_promotes_at_once()
    {
        var eventId = await PublishedEventAsync(capacity: 50);
        var people = new (Guid Id, string Token)[500];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => people[i] = await platform.SignUpAsync($"Attendee {i}"));

        var clients = people.Select(p => platform.Client(p.Token)).ToArray();
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async client =>
        {
            await start.WaitAsync();
            var response = await client.PostJsonAsync("/api/registrations", new { eventId });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.ReadJsonAsync<JsonElement>();
        }).ToArray();
        start.Release(attempts.Length);
        var results = await Task.WhenAll(attempts);

        var confirmed = results.Where(r => r.GetProperty("status").GetString() == "confirmed").ToList();
        var waitlisted = results.Where(r => r.GetProperty("status").GetString() == "waitlisted").ToList();
        Assert.Equal(50, confirmed.Count);
        Assert.Equal(Enumerable.Range(1, 450), waitlisted.Select(r => r.GetProperty("waitlistPosition").GetInt32()).Order());

        using var anonymous = platform.Client();
        var availability = await (await anonymous.GetAsync($"/api/registrations/events/{eventId}/availability")).ReadJsonAsync<JsonElement>();
        Assert.Equal(50, availability.GetProperty("seatsTaken").GetInt32());
        Assert.Equal(450, availability.GetProperty("waitlisted").GetInt32());

        var firstInLine = Array.FindIndex(results, r => r.TryGetProperty("waitlistPosition", out var p) && p.ValueKind == JsonValueKind.Number && p.GetInt32() == 1);
        var firstInLineRegistration = results[firstInLine].GetProperty("id").GetGuid();
        var leaving = Array.FindIndex(results, r => r.GetProperty("status").GetString() == "confirmed");
        var cancelled = DateTime.UtcNow;
        (await clients[leaving].DeleteAsync($"/api/registrations/{results[leaving].GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        var promotedAfter = await Eventually.HoldsAsync(async () =>
            (await (await clients[firstInLine].GetAsync($"/api/registrations/{firstInLineRegistration}")).ReadJsonAsync<JsonElement>())
                .GetProperty("status").GetString() == "confirmed",
            "position 1 is promoted", TimeSpan.FromSeconds(1));
        output.WriteLine($"position 1 confirmed {promotedAfter.TotalMilliseconds:F0} ms after the cancellation was sent ({(DateTime.UtcNow - cancelled).TotalMilliseconds:F0} ms incl. the cancel call)");

        var second = Array.FindIndex(results, r => r.TryGetProperty("waitlistPosition", out var p) && p.ValueKind == JsonValueKind.Number && p.GetInt32() == 2);
        var secondNow = await (await clients[second].GetAsync($"/api/registrations/{results[second].GetProperty("id").GetGuid()}")).ReadJsonAsync<JsonElement>();
        Assert.Equal(1, secondNow.GetProperty("waitlistPosition").GetInt32());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_registered_attendee_downloads_a_calendar_invite_through_the_gateway()
    {
        var eventId = await PublishedEventAsync(capacity: 10);
        var (_, token) = await platform.SignUpAsync();
        using var client = platform.Client(token);
        var registration = await (await client.PostJsonAsync("/api/registrations", new { eventId })).ReadJsonAsync<JsonElement>();
        var response = await client.GetAsync($"/api/registrations/{registration.GetProperty("id").GetGuid()}/calendar.ics");
        response.EnsureSuccessStatusCode();
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("URL:https://meet.example.org/mlops-world", ics, StringComparison.Ordinal);
    }
}
