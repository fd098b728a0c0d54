using EventPlatform.Contracts.Attendees;
using EventPlatform.Testing;
using EventPlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EventPlatform.Notifications.Tests;

public sealed class FuzzTests(NotificationsFactory factory, ITestOutputHelper output) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_documented_problem_and_stores_nothing()
    {
        var person = await factory.PersonAsync("Fuzz Person");
        var ev = await factory.PublishedEventAsync();
        await factory.Bus.PublishAsync(new RegistrationWaitlisted
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = person.Id, WaitlistPosition = 1, OccurredAt = DateTimeOffset.UtcNow,
        });
        var notification = (await factory.WaitForFeedAsync(person.Id, 1)).Items[0];
        await factory.Mail.WaitForAsync(person.Email);

        var setup = new FuzzSetup
        {
            Token = factory.AttendeeToken(person.Id),
            PathValue = (name, _) => name == "id" ? notification.Id.ToString() : Guid.NewGuid().ToString(),
            Fingerprint = () => DatabaseFingerprint.OfAsync(factory.Database),
        };
        using var client = factory.CreateClient();
        var report = await new OpenApiFuzzer(client, setup, output.WriteLine).RunAsync(FuzzSeed.Value, FuzzSeed.Budget);
        Assert.True(report.Operations >= 4, $"only {report.Operations} operations in the document");
    }
}
