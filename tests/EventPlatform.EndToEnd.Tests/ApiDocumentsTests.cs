using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ApiDocumentsTests(Platform platform)
{
    public static TheoryData<string> Services => ["events", "talks", "attendees", "matchmaking"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_api_document_served_by_the_gateway_names_the_gateway_and_passes_redoclys_recommended_rules(string service)
    {
        using var client = platform.Client();
        var text = await client.GetStringAsync($"/api/docs/{service}.json");
        var document = JsonDocument.Parse(text).RootElement;
        Assert.Equal(platform.Gateway.ToString().TrimEnd('/'), document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));

        var file = Path.Combine(Path.GetTempPath(), $"openapi-{service}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var (exitCode, output) = await RedoclyLintAsync(file);
            Assert.True(exitCode == 0, $"redocly lint failed for {service}:\n{output}");
            Assert.Contains("valid", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_gateway_serves_one_api_reference_for_the_whole_platform()
    {
        using var client = platform.Client();
        var page = await client.GetStringAsync("/api/docs/");
        foreach (var service in new[] { "events", "talks", "attendees", "matchmaking" })
        {
            Assert.Contains($"api/docs/{service}.json", page, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/docs/nothing.json")).StatusCode);
    }

    /// <summary>Redocly's CLI from npm (pinned), with the repository's redocly.yaml.</summary>
    private static async Task<(int ExitCode, string Output)> RedoclyLintAsync(string file)
    {
        var root = Platform.RepositoryRoot();
        var start = new ProcessStartInfo("npx", ["--yes", "@redocly/cli@2.77.0", "lint", file, "--config", Path.Combine(root, "redocly.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
