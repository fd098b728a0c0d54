using Xunit.Abstractions;
using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class EventPublishedFlowTests(Platform platform, ITestOutputHelper output)
{
    /// <summary>An event three weeks ahead, or starting at <paramref name="startsAt"/> (three hours long).</summary>
    public static object NewEvent(int capacity = 50, DateTimeOffset? startsAt = null) => new
    {
        title = "MLOps World online meetup",
        description = "Model serving in practice, then speed networking.",
        kind = "meetup",
        startsAt = startsAt ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(21).AddHours(16), TimeSpan.Zero),
        endsAt = (startsAt ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(21).AddHours(16), TimeSpan.Zero)).AddHours(3),
        timeZone = "America/Toronto",
        capacity,
        topics = new[] { "mlops", "model-serving" },
        joinUrl = "https://meet.example.org/mlops-world",
    };

    [Fact]
    public async Task Gateway_health_says_healthy_to_anyone_and_lists_every_service_to_this_machine_only()
    {
        using var client = platform.Client();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.ReadJsonAsync<JsonElement>();
        Assert.Equal("Healthy", summary.GetProperty("status").GetString());
        // The public answer names no service, address or check.
        Assert.Equal(["status"], summary.EnumerateObject().Select(p => p.Name));
        // A caller who came through a proxy (its address forwarded) is not on this machine: no details for it.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/health/details") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        await (await client.SendAsync(forwarded)).ProblemAsync(404);

        var health = await (await client.GetAsync("/health/details")).ReadJsonAsync<JsonElement>();
        var services = health.GetProperty("services");
        foreach (var service in new[] { "events", "talks", "attendees", "matchmaking" })
        {
            var report = services.GetProperty(service);
            Assert.Equal("Healthy", report.GetProperty("status").GetString());
            var checks = report.GetProperty("destinations")[0].GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("bus").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task An_event_published_through_the_gateway_reaches_the_attendees_and_matchmaking_replicas_within_a_second()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        // The first message a freshly started (not ReadyToRun-compiled) process handles pays for JIT compilation;
        // deploy/run.sh publishes ReadyToRun and deploy/smoke.sh measures that cold path on the real platform.
        var (cold, _) = await PublishAndWaitForReplicasAsync(organizer, $"e2e-cold-{Guid.NewGuid():N}");
        var (warm, id) = await PublishAndWaitForReplicasAsync(organizer, $"e2e-{Guid.NewGuid():N}");
        output.WriteLine($"first event: Attendees {cold[0].TotalMilliseconds:F0} ms, Matchmaking {cold[1].TotalMilliseconds:F0} ms; " +
            $"next: Attendees {warm[0].TotalMilliseconds:F0} ms, Matchmaking {warm[1].TotalMilliseconds:F0} ms");
        Assert.All(cold, elapsed => Assert.True(elapsed < TimeSpan.FromSeconds(5), $"first replica caught up after {elapsed.TotalMilliseconds:F0} ms"));
        Assert.All(warm, elapsed => Assert.True(elapsed < TimeSpan.FromSeconds(1), $"replica caught up after {elapsed.TotalMilliseconds:F0} ms"));

        using var anonymous = platform.Client();
        var replica = await (await anonymous.GetAsync($"/api/registrations/events/{id}/availability")).ReadJsonAsync<JsonElement>();
        Assert.Equal(50, replica.GetProperty("capacity").GetInt32());
        Assert.Equal("published", replica.GetProperty("status").GetString());
        var networking = await (await anonymous.GetAsync($"/api/networking/events/{id}")).ReadJsonAsync<JsonElement>();
        var startsAt = (await (await anonymous.GetAsync($"/api/events/{id}")).ReadJsonAsync<JsonElement>()).GetProperty("startsAt").GetDateTimeOffset();
        Assert.Equal(startsAt.AddDays(-14), networking.GetProperty("networkingOpensAt").GetDateTimeOffset());
    }

    /// <summary>Creates and publishes an event with the given correlation id; returns how long each replica took to show it.</summary>
    private async Task<(TimeSpan[] Elapsed, Guid Id)> PublishAndWaitForReplicasAsync(HttpClient organizer, string correlationId)
    {
        var created = await (await organizer.PostJsonAsync("/api/events", NewEvent())).ReadJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{id}/publish");
        publish.Headers.Add("X-Correlation-Id", correlationId);
        var response = await organizer.SendAsync(publish);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(correlationId, Assert.Single(response.Headers.GetValues("X-Correlation-Id")));

        using var anonymous = platform.Client();
        var elapsed = await Task.WhenAll(
            Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/registrations/events/{id}/availability")).IsSuccessStatusCode,
                "Attendees has the event", TimeSpan.FromSeconds(10)),
            Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/networking/events/{id}")).IsSuccessStatusCode,
                "Matchmaking has the event", TimeSpan.FromSeconds(10)));

        // The user's correlation id travelled gateway → Events → outbox → RabbitMQ → the consumers' logs.
        await Eventually.HoldsAsync(() => Task.FromResult(platform.LogOf("attendees").Contains(correlationId, StringComparison.Ordinal)
            && platform.LogOf("matchmaking").Contains(correlationId, StringComparison.Ordinal)), "the consumers log the correlation id", TimeSpan.FromSeconds(5));
        return (elapsed, id);
    }

    [Fact]
    public async Task The_gateway_turns_away_a_forged_token_with_a_problem_response()
    {
        using var client = platform.Client("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        await (await client.GetAsync("/api/attendees/me")).ProblemAsync(401);
    }

    [Fact]
    public async Task An_attendee_cannot_create_events_through_the_gateway()
    {
        var (_, token) = await platform.SignUpAsync();
        using var client = platform.Client(token);
        await (await client.PostJsonAsync("/api/events", NewEvent())).ProblemAsync(403);
    }
}
