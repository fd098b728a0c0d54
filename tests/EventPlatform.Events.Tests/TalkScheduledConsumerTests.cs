using EventPlatform.Contracts.Talks;
using EventPlatform.Events.Domain;
using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class TalkScheduledConsumerTests(EventsFactory factory) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task A_talk_scheduled_by_the_talks_service_shows_in_the_agenda_once_even_when_redelivered()
    {
        var ev = await factory.CreateAsync(EventsFactory.NewEvent(), publish: true);
        await using var probe = await factory.Probe().StartAsync();
        var message = new TalkScheduled
        {
            TalkId = Guid.NewGuid(),
            EventId = ev.Id,
            Title = "Testing data pipelines with property-based tests",
            Speakers = ["Ada Lovelace"],
            Format = "talk",
            StartsAt = ev.StartsAt!.Value.AddMinutes(30),
            EndsAt = ev.StartsAt!.Value.AddMinutes(60),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();
        await probe.PublishAsync(message, messageId);
        await probe.PublishAsync(message, messageId);
        // The same talk rescheduled (a new message) updates the item instead of adding one.
        await probe.PublishAsync(message with { Title = "Testing data pipelines, revisited", OccurredAt = message.OccurredAt.AddSeconds(1) });

        using var client = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
        {
            var detail = await (await client.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>();
            return detail.Agenda.Any(a => a.Title == "Testing data pipelines, revisited");
        }, "the rescheduled talk shows in the agenda");

        var final = await (await client.GetAsync($"/api/events/{ev.Id}")).ReadJsonAsync<EventResponse>();
        var item = Assert.Single(final.Agenda);
        Assert.Equal(message.TalkId, item.TalkId);
        Assert.Equal(AgendaItemKind.Talk, item.Kind);
        Assert.Equal(["Ada Lovelace"], item.Speakers);
    }
}
