using System.Text.Json.Nodes;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;
using EventPlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EventPlatform.Matchmaking.Tests;

public sealed class FuzzTests(MatchmakingFactory factory, ITestOutputHelper output) : IClassFixture<MatchmakingFactory>
{
    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_documented_problem_and_stores_nothing()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var me = factory.DefaultOrganizerId;
        var other = Guid.NewGuid();
        await factory.PoolAsync(probe, ev, 2, attendees: [me, other]);
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var match = await (await client.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = other, startsAt = DateTimeOffset.UtcNow.AddHours(4) })).ReadJsonAsync<MyMatchResponse>();
        var table = await (await client.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "mlops", startsAt = DateTimeOffset.UtcNow.AddHours(1), seats = 5 })).ReadJsonAsync<TableResponse>();

        var setup = new FuzzSetup
        {
            Token = factory.OrganizerToken(),
            PathValue = (name, path) => name switch
            {
                "eventId" => ev.EventId.ToString(),
                "attendeeId" => other.ToString(),
                "id" when path.StartsWith("/api/networking/tables", StringComparison.Ordinal) => table.Id.ToString(),
                "id" => match.Id.ToString(),
                _ => Guid.NewGuid().ToString(),
            },
            FieldValue = name => name switch
            {
                "eventId" => JsonValue.Create(ev.EventId),
                "attendeeId" => JsonValue.Create(other),
                _ => null,
            },
            Fingerprint = () => DatabaseFingerprint.OfAsync(factory.Database),
        };
        using var fuzzClient = factory.CreateClient();
        var report = await new OpenApiFuzzer(fuzzClient, setup, output.WriteLine).RunAsync(FuzzSeed.Value, FuzzSeed.Budget);
        Assert.True(report.Operations >= 18, $"only {report.Operations} operations in the document");
    }
}
