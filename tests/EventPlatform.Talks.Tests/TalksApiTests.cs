using EventPlatform.Testing;

namespace EventPlatform.Talks.Tests;

public sealed class TalksApiTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    [Fact]
    public async Task Unknown_talk_is_404_problem()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/talks/no-such-talk")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=101")]
    public async Task Bad_paging_is_400(string query)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/talks?{query}")).ProblemAsync(400);
    }
}
