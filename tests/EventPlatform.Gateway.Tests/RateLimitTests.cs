using System.Net;
using System.Text;
using EventPlatform.Testing;

namespace EventPlatform.Gateway.Tests;

public sealed class RateLimitTests
{
    private static StringContent Login(string email) =>
        new($$"""{"email":"{{email}}","password":"some-guessed-password"}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Sign_in_attempts_for_one_account_are_limited_wherever_they_come_from_with_retry_after()
    {
        await using var gateway = new TightLimitsGateway();
        using var client = gateway.CreateClient();
        var victim = $"{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < 3; i++)
        {
            // Let through to Attendees (which is not there: 502), not refused by the gateway.
            Assert.Equal(HttpStatusCode.BadGateway, (await client.PostAsync("/api/auth/login", Login(victim.ToUpperInvariant()))).StatusCode);
        }
        var refused = await client.PostAsync("/api/auth/login", Login(victim));
        var problem = await refused.ProblemAsync(429);
        Assert.EndsWith("rate-limited", problem.GetProperty("type").GetString());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        // Another account from the same place is not held back by this one.
        Assert.Equal(HttpStatusCode.BadGateway, (await client.PostAsync("/api/auth/login", Login($"{Guid.NewGuid():N}@example.org"))).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_across_accounts()
    {
        await using var gateway = new TightLimitsGateway();
        using var client = gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.PostAsync("/api/auth/login", Login($"{Guid.NewGuid():N}@example.org"))).StatusCode);
        }
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.BadGateway));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Sign_ups_from_one_address_are_throttled()
    {
        await using var gateway = new TightLimitsGateway();
        using var client = gateway.CreateClient();
        var body = """{"email":"a@example.org","password":"a-long-password-1","displayName":"A"}""";
        Assert.Equal(HttpStatusCode.BadGateway, (await client.PostAsync("/api/auth/signup", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await client.PostAsync("/api/auth/signup", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        await (await client.PostAsync("/api/auth/signup", new StringContent(body, Encoding.UTF8, "application/json"))).ProblemAsync(429);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_caller_does_not_escape_the_limit()
    {
        await using var gateway = new TightLimitsGateway();
        using var client = gateway.CreateClient();
        var refused = 0;
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = Login($"{Guid.NewGuid():N}@example.org") };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            if ((await client.SendAsync(request)).StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused++;
            }
        }
        Assert.Equal(2, refused);
    }

    [Fact]
    public async Task Every_request_from_one_address_is_limited_too()
    {
        await using var gateway = new GatewayFactory();
        using var client = gateway.CreateClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 700).Select(async _ => (await client.GetAsync("/api/talks")).StatusCode));
        Assert.Equal(600, statuses.Count(s => s == HttpStatusCode.BadGateway));
        Assert.Equal(100, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
