using System.Net;
using System.Net.Http.Headers;
using EventPlatform.Testing;

namespace EventPlatform.Gateway.Tests;

public sealed class EdgeTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [MemberData(nameof(ForgedTokens.All), MemberType = typeof(ForgedTokens))]
    public async Task Forged_tokens_are_turned_away_at_the_edge(string kind)
    {
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedTokens.Make(kind));
        await (await client.PostAsync("/api/events", null)).ProblemAsync(401);
    }

    [Fact]
    public async Task A_token_signed_with_the_platform_key_passes_the_edge()
    {
        using var client = gateway.CreateClient();
        var token = TestKeys.Issuer().Issue(Guid.NewGuid(), "ana@example.org", "Ana", ["attendee"]).Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.BadGateway, (await client.GetAsync("/api/attendees/me")).StatusCode);
    }

    [Fact]
    public async Task Public_health_says_only_healthy_or_not()
    {
        using var client = gateway.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", await response.Content.ReadAsStringAsync());
        // The test server's caller has no address on this machine: the details (internal addresses) stay hidden.
        await (await client.GetAsync("/health/details")).ProblemAsync(404);
    }
}
