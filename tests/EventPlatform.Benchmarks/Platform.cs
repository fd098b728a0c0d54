using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventPlatform.Benchmarks;

/// <summary>The running platform behind its gateway, as a user would drive it.</summary>
public sealed class Platform(Uri gateway, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(connections, 2), PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The client the benchmarks share (pooled connections to the gateway).</summary>
    public HttpClient Http => _http;

    public static string OrganizerEmail => Environment.GetEnvironmentVariable("ORGANIZER_EMAIL") ?? "organizer@eventplatform.local";

    /// <summary>The organizer's password is the demo's (deploy/run.sh demo), made at random on first use and kept in .run/demo-credentials.json.</summary>
    public static string OrganizerPassword => Demo.DemoCredentials.LoadOrCreate(
        Environment.GetEnvironmentVariable("DEMO_CREDENTIALS_FILE") ?? ".run/demo-credentials.json", OrganizerEmail).OrganizerPassword;

    public async Task<JsonElement> SendAsync(HttpMethod method, string url, string? token = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {url}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The mail catcher the platform sends to (deploy/run.sh starts it; <c>MAIL_URL</c> points elsewhere).</summary>
    private readonly Demo.MailInbox _mail = new(new HttpClient
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("MAIL_URL") ?? "http://127.0.0.1:1080/"),
        Timeout = TimeSpan.FromSeconds(60),
    });

    public async Task<string> OrganizerTokenAsync()
    {
        try
        {
            return (await SendAsync(HttpMethod.Post, "/api/auth/login", body: new { email = OrganizerEmail, password = OrganizerPassword })).GetProperty("token").GetString()!;
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return (await SignUpAsync([("Organizer", OrganizerEmail)], OrganizerPassword))[0].Token;
        }
    }

    /// <summary>New people, each with a new address: signed up through the gateway and confirmed by the link mailed to them.</summary>
    public Task<IReadOnlyList<(string Token, Guid Id)>> SignUpManyAsync(IReadOnlyList<string> names) =>
        SignUpAsync([.. names.Select(n => (n, $"{Guid.NewGuid():N}@bench.example.org"))], "benchmark-password-1");

    private async Task<IReadOnlyList<(string Token, Guid Id)>> SignUpAsync(IReadOnlyList<(string Name, string Email)> people, string password)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(connections, 2) };
        await Parallel.ForEachAsync(people, parallel, async (person, _) =>
            await SendAsync(HttpMethod.Post, "/api/auth/signup", body: new { email = person.Email, password, displayName = person.Name }));
        var links = await _mail.TakeLinksAsync([.. people.Select(p => p.Email)], ["/account/verify"], TimeSpan.FromSeconds(60 + people.Count / 10));
        var sessions = new (string, Guid)[people.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), parallel, async (i, _) =>
        {
            var session = await SendAsync(HttpMethod.Post, "/api/auth/verify-email", body: new { token = links[people[i].Email.ToLowerInvariant()].Token });
            sessions[i] = (session.GetProperty("token").GetString()!, session.GetProperty("attendeeId").GetGuid());
        });
        return sessions;
    }

    /// <summary>Creates and publishes an event, then waits until registration (Attendees) knows it.</summary>
    public async Task<Guid> PublishedEventAsync(string organizer, string title, int capacity, string[]? topics = null, DateTimeOffset? networkingOpensAt = null,
        DateTime? startsAt = null)
    {
        var start = startsAt ?? DateTime.UtcNow.Date.AddDays(30).AddHours(16);
        var created = await SendAsync(HttpMethod.Post, "/api/events", organizer, new
        {
            title,
            kind = "conference",
            startsAt = start,
            endsAt = start.AddHours(6),
            timeZone = "UTC",
            capacity,
            topics = topics ?? ["mlops"],
            joinUrl = "https://meet.example.org/bench",
            networkingOpensAt,
        });
        var id = created.GetProperty("id").GetGuid();
        await SendAsync(HttpMethod.Post, $"/api/events/{id}/publish", organizer);
        for (var i = 0; i < 500; i++)
        {
            try
            {
                await SendAsync(HttpMethod.Get, $"/api/registrations/events/{id}/availability");
                return id;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                await Task.Delay(20);
            }
        }
        throw new TimeoutException($"Event {id} never reached Attendees.");
    }

    public void Dispose()
    {
        _http.Dispose();
        _mail.Dispose();
    }
}
