using EventPlatform.Events.Domain;
using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;
using EventPlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EventPlatform.Events.Tests;

public sealed class FuzzTests(EventsFactory factory, ITestOutputHelper output) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_documented_problem_and_stores_nothing()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var item = await (await owner.PostJsonAsync($"/api/events/{ev.Id}/agenda", new AgendaItemRequest
        {
            Kind = AgendaItemKind.Break, Title = "Coffee", StartsAt = ev.StartsAt, EndsAt = ev.StartsAt!.Value.AddMinutes(15),
        })).ReadJsonAsync<AgendaItemResponse>();

        var setup = new FuzzSetup
        {
            Token = factory.OrganizerToken(),
            PathValue = (name, _) => name switch
            {
                "id" => ev.Id.ToString(),
                "itemId" => item.Id.ToString(),
                _ => Guid.NewGuid().ToString(),
            },
            Fingerprint = () => DatabaseFingerprint.OfAsync(factory.Database),
        };
        using var client = factory.CreateClient();
        var report = await new OpenApiFuzzer(client, setup, output.WriteLine).RunAsync(FuzzSeed.Value, FuzzSeed.Budget);
        Assert.True(report.Operations >= 15, $"only {report.Operations} operations in the document");
    }
}
