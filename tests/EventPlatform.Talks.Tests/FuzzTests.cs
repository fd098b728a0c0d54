using System.Text.Json.Nodes;
using EventPlatform.Contracts.Events;
using EventPlatform.Talks.Endpoints;
using EventPlatform.Testing;
using EventPlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace EventPlatform.Talks.Tests;

public sealed class FuzzTests(TalksFactory factory, ITestOutputHelper output) : IClassFixture<TalksFactory>
{
    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_documented_problem_and_stores_nothing()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = EventSnapshots.Published();
        await probe.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        using var owner = factory.ClientWithToken(factory.OrganizerToken());
        var talk = await (await owner.PostJsonAsync("/api/talks", new
        {
            eventId = ev.EventId, title = "Fuzzing the talk library", @abstract = "Bad input, good answers.",
            speakers = new[] { new { name = "Ana Lima" } }, format = "talk", tags = new[] { "testing" },
            startsAt = ev.StartsAt.AddMinutes(30), endsAt = ev.StartsAt.AddMinutes(60),
        })).ReadJsonAsync<TalkResponse>();
        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        var question = await (await attendee.PostJsonAsync($"/api/talks/{talk.Slug}/questions", new { text = "Which inputs break it?" }))
            .ReadJsonAsync<QuestionResponse>();

        var setup = new FuzzSetup
        {
            Token = factory.OrganizerToken(),
            PathValue = (name, _) => name switch
            {
                "idOrSlug" => talk.Slug,
                "questionId" => question.Id.ToString(),
                _ => Guid.NewGuid().ToString(),
            },
            FieldValue = name => name == "eventId" ? JsonValue.Create(ev.EventId) : null,
            Fingerprint = () => DatabaseFingerprint.OfAsync(factory.Database),
        };
        using var client = factory.CreateClient();
        var report = await new OpenApiFuzzer(client, setup, output.WriteLine).RunAsync(FuzzSeed.Value, FuzzSeed.Budget);
        Assert.True(report.Operations >= 9, $"only {report.Operations} operations in the document");
    }
}
