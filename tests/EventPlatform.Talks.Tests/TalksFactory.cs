using System.Text.Json;
using System.Text.Json.Nodes;
using EventPlatform.Talks.Seeding;
using EventPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventPlatform.Talks.Tests;

public sealed class TalksFactory : ServiceFactory<Program>
{
    /// <summary>The seed file that ships beside the service (copied from the repository's seeds/talks.json).</summary>
    public static string SeedPath { get; } = Path.Combine(AppContext.BaseDirectory, "seeds", "talks.json");

    public static JsonArray SeedTalks() => (JsonArray)JsonNode.Parse(File.ReadAllText(SeedPath))!["talks"]!;

    /// <summary>A loader like the one that runs at start-up, reading another seed file into this service's database.</summary>
    public TalkSeedLoader SeedLoader(string path) => new(
        Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new TalkSeedOptions { Path = path }),
        TimeProvider.System,
        NullLogger<TalkSeedLoader>.Instance);

    /// <summary>Loads talks written here (in the seed file's format) and returns the loader's result.</summary>
    public async Task<TalkSeedLoader.Result> LoadSeedsAsync(params JsonObject[] talks)
    {
        var path = Path.Combine(Path.GetTempPath(), $"talks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, new JsonObject { ["talks"] = new JsonArray([.. talks.Select(t => t.DeepClone())]) }.ToJsonString());
        try
        {
            return await SeedLoader(path).LoadAsync(CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A valid seed entry with a fresh id and slug.</summary>
    public static JsonObject SeedTalk(string title, string @abstract, string[]? tags = null, string speaker = "Test Speaker",
        int year = 2020, string format = "talk", string eventName = "Test Conference")
    {
        var id = Guid.NewGuid();
        return new JsonObject
        {
            ["id"] = id,
            ["slug"] = $"test-{id:N}",
            ["title"] = title,
            ["abstract"] = @abstract,
            ["speakers"] = new JsonArray(new JsonObject { ["name"] = speaker, ["affiliation"] = "Test Co" }),
            ["format"] = format,
            ["tags"] = JsonSerializer.SerializeToNode(tags ?? ["mlops"]),
            ["event"] = new JsonObject { ["name"] = eventName, ["city"] = "virtual", ["year"] = year },
            ["language"] = "en",
            ["links"] = new JsonArray(),
        };
    }
}
