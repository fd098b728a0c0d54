using EventPlatform.Talks.Data;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Talks.Tests;

public sealed class SeedLoadingTests(TalksFactory factory) : IClassFixture<TalksFactory>
{
    [Fact]
    public async Task Every_seed_talk_is_in_the_library_after_start_up()
    {
        var seeds = TalksFactory.SeedTalks();
        Assert.True(seeds.Count >= 12, $"seeds/talks.json holds {seeds.Count} talks");

        using var client = factory.CreateClient();
        foreach (var seed in seeds)
        {
            var slug = (string)seed!["slug"]!;
            var detail = await (await client.GetAsync($"/api/talks/{slug}")).ReadJsonAsync<TalkDetailResponse>();
            Assert.Equal((Guid)seed["id"]!, detail.Talk.Id);
            Assert.Equal((string)seed["title"]!, detail.Talk.Title);
            Assert.Equal("library", detail.Talk.Status);
            Assert.NotEmpty(detail.Talk.Links);
        }
    }

    [Fact]
    public async Task Loading_the_seeds_again_changes_nothing_and_duplicates_nothing()
    {
        var ids = TalksFactory.SeedTalks().Select(s => (Guid)s!["id"]!).ToList();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TalksDbContext>();
        var before = await db.Talks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.UpdatedAt);

        var again = await factory.SeedLoader(TalksFactory.SeedPath).LoadAsync(CancellationToken.None);

        Assert.Equal(new(Added: 0, Updated: 0, Unchanged: ids.Count, Rejected: 0), again);
        var after = await db.Talks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.UpdatedAt);
        Assert.Equal(before, after);
        var titles = TalksFactory.SeedTalks().Select(s => (string)s!["title"]!).ToList();
        Assert.Equal(ids.Count, await db.Talks.CountAsync(t => titles.Contains(t.Title)));
    }

    [Fact]
    public async Task An_edited_seed_updates_its_talk_in_place()
    {
        var seed = TalksFactory.SeedTalk("Feature stores in anger", "What we learned running a feature store.", ["feature-stores"]);
        Assert.Equal(new(1, 0, 0, 0), await factory.LoadSeedsAsync(seed));

        seed["title"] = "Feature stores in anger, two years on";
        Assert.Equal(new(0, 1, 0, 0), await factory.LoadSeedsAsync(seed));
        Assert.Equal(new(0, 0, 1, 0), await factory.LoadSeedsAsync(seed));

        using var client = factory.CreateClient();
        var detail = await (await client.GetAsync($"/api/talks/{(Guid)seed["id"]!}")).ReadJsonAsync<TalkDetailResponse>();
        Assert.Equal("Feature stores in anger, two years on", detail.Talk.Title);
        var found = await (await client.GetAsync("/api/talks?q=feature+stores+anger")).ReadJsonAsync<TalkSearchPage>();
        Assert.Single(found.Items, t => t.Id == detail.Talk.Id);
    }

    [Fact]
    public async Task A_bad_entry_is_rejected_without_stopping_the_others()
    {
        var good = TalksFactory.SeedTalk("Shadow deployments for models", "Run the new model beside the old one.");
        var badTag = TalksFactory.SeedTalk("Unknown tags", "A tag outside the vocabulary.", ["not-a-topic"]);
        var badFormat = TalksFactory.SeedTalk("Unknown format", "A format that does not exist.", format: "interpretive-dance");
        var slugTaken = TalksFactory.SeedTalk("Slug taken", "Uses the slug of a seed talk.");
        slugTaken["slug"] = (string)TalksFactory.SeedTalks()[0]!["slug"]!;

        Assert.Equal(new(1, 0, 0, 3), await factory.LoadSeedsAsync(good, badTag, badFormat, slugTaken));

        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync($"/api/talks/{good["slug"]}")).IsSuccessStatusCode);
        await (await client.GetAsync($"/api/talks/{badTag["slug"]}")).ProblemAsync(404);
        var seedTalk = await (await client.GetAsync($"/api/talks/{slugTaken["slug"]}")).ReadJsonAsync<TalkDetailResponse>();
        Assert.Equal((Guid)TalksFactory.SeedTalks()[0]!["id"]!, seedTalk.Talk.Id);
    }
}
