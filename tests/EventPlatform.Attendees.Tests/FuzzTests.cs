using System.Text.Json.Nodes;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.Testing;
using EventPlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EventPlatform.Attendees.Tests;

public sealed class FuzzTests(RegistrationFixture fixture, ITestOutputHelper output) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_documented_problem_and_stores_nothing()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published());
        var organizer = await fixture.Service.SignUpAsync(AttendeesFactory.OrganizerEmail);
        using var client = fixture.Service.ClientWithToken(organizer.Token);
        var registration = await (await client.PostJsonAsync("/api/registrations", new RegisterRequest { EventId = ev.EventId }))
            .ReadJsonAsync<RegistrationResponse>();

        var setup = new FuzzSetup
        {
            Token = organizer.Token,
            PathValue = (name, _) => name switch
            {
                "eventId" => ev.EventId.ToString(),
                "id" => registration.Id.ToString(),
                _ => Guid.NewGuid().ToString(),
            },
            FieldValue = name => name == "eventId" ? JsonValue.Create(ev.EventId) : null,
            // A failed sign-in is counted (login_throttles) by design, refused or not: that is how lockout works.
            Fingerprint = () => DatabaseFingerprint.OfAsync(fixture.Service.Database, new HashSet<string> { "login_throttles" }),
        };
        using var fuzzClient = fixture.Service.CreateClient();
        var report = await new OpenApiFuzzer(fuzzClient, setup, output.WriteLine).RunAsync(FuzzSeed.Value, FuzzSeed.Budget);
        Assert.True(report.Operations >= 14, $"only {report.Operations} operations in the document");
    }
}
