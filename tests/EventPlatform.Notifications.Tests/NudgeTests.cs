using System.Net.Http.Json;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Notifications.Endpoints;
using EventPlatform.Notifications.Nudges;
using EventPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Notifications.Tests;

/// <summary>
/// Networking nudges that wait: private messages left unread while their recipient is away bring one notice (reading
/// them first brings none), and people who chose the daily digest get their nudges' emails in one a day.
/// </summary>
public sealed class NudgeTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static DirectMessageSent Message(Guid matchId, Guid eventId, Guid from, Guid to) => new()
    {
        MessageId = Guid.NewGuid(), MatchId = matchId, EventId = eventId, SenderId = from, RecipientId = to, OccurredAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Messages_left_unread_bring_one_notice_for_the_lot_even_when_a_message_comes_twice()
    {
        var ev = await factory.PublishedEventAsync("Feature store office hours");
        var (gia, _, _) = await factory.PersonAsync("Gia Sender");
        var hal = await factory.PersonAsync("Hal Away");
        var matchId = Guid.NewGuid();
        var first = Message(matchId, ev.EventId, gia, hal.Id);
        var messageId = Guid.NewGuid();
        await factory.Bus.PublishAsync(first, messageId);
        await factory.Bus.PublishAsync(first, messageId);
        await factory.Bus.PublishAsync(Message(matchId, ev.EventId, gia, hal.Id));

        var mail = Assert.Single(await factory.Mail.WaitForAsync(hal.Email));
        Assert.Equal("Gia Sender wrote to you", mail.Subject);
        Assert.Contains("2 messages from Gia Sender about Feature store office hours wait unread", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"https://events.example.org/me/networking/matches/{matchId}", mail.Text, StringComparison.Ordinal);
        var entry = Assert.Single((await factory.WaitForFeedAsync(hal.Id, 1)).Items);
        Assert.Equal("message-waiting", entry.Kind);

        await Task.Delay(Settle);
        Assert.Single(await factory.Mail.ForAsync(hal.Email));
        Assert.Empty(await factory.Mail.ForAsync($"{gia:N}@people.example.org"));
    }

    [Fact]
    public async Task Messages_read_in_time_bring_no_notice_and_later_ones_start_a_new_wait()
    {
        var ev = await factory.PublishedEventAsync("Drift detection clinic");
        var (ida, _, _) = await factory.PersonAsync("Ida Writer");
        var jon = await factory.PersonAsync("Jon Present");
        var matchId = Guid.NewGuid();
        var sent = Message(matchId, ev.EventId, ida, jon.Id);
        await factory.Bus.PublishAsync(sent);
        await factory.Bus.PublishAsync(new DirectMessagesRead { MatchId = matchId, ReaderId = jon.Id, ReadAt = sent.OccurredAt.AddMilliseconds(500), OccurredAt = DateTimeOffset.UtcNow });

        await Task.Delay(Settle);
        Assert.Empty(await factory.Mail.ForAsync(jon.Email));
        Assert.Empty((await factory.FeedAsync(jon.Id)).Items);

        await factory.Bus.PublishAsync(Message(matchId, ev.EventId, ida, jon.Id));
        var mail = Assert.Single(await factory.Mail.WaitForAsync(jon.Email));
        Assert.Contains("A message from Ida Writer", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_that_overtakes_its_message_on_the_way_still_counts()
    {
        var ev = await factory.PublishedEventAsync("Serving clinic");
        var (kim, _, _) = await factory.PersonAsync("Kim Quick");
        var lia = await factory.PersonAsync("Lia Reader");
        var matchId = Guid.NewGuid();
        var sent = Message(matchId, ev.EventId, kim, lia.Id);
        await factory.Bus.PublishAsync(new DirectMessagesRead { MatchId = matchId, ReaderId = lia.Id, ReadAt = sent.OccurredAt.AddMilliseconds(200), OccurredAt = DateTimeOffset.UtcNow });
        await Task.Delay(500);
        await factory.Bus.PublishAsync(sent);

        await Task.Delay(Settle + Settle);
        Assert.Empty(await factory.Mail.ForAsync(lia.Email));
        Assert.Empty((await factory.FeedAsync(lia.Id)).Items);
    }

    [Fact]
    public async Task With_the_daily_digest_a_days_nudges_arrive_in_one_email_and_the_feed_shows_each_at_once()
    {
        var ev = await factory.PublishedEventAsync("Networking week");
        var kai = await factory.PersonAsync("Kai Digest");
        var (lou, _, _) = await factory.PersonAsync("Lou Partner");
        var (max, _, _) = await factory.PersonAsync("Max Partner");
        // Kai's morning has come in Kai's own time zone (every hour is digest time in these tests).
        await factory.Bus.PublishAsync(new AttendeeProfileUpdated
        {
            AttendeeId = kai.Id, Profile = new NetworkingProfile { DisplayName = kai.Name, TimeZone = "Asia/Tokyo" }, OccurredAt = DateTimeOffset.UtcNow,
        });
        using var client = factory.ClientWithToken(factory.AttendeeToken(kai.Id));
        var chosen = await (await client.PutAsJsonAsync("/api/notifications/preferences", new PreferencesRequest([], NetworkingDigest: true)))
            .ReadJsonAsync<PreferencesResponse>();
        Assert.True(chosen.NetworkingDigest);

        // The scheduler that runs in the service is held back while the day's nudges arrive: the digest is decided below.
        var scheduler = factory.Services.GetRequiredService<NudgeScheduler>();
        await scheduler.StopAsync(CancellationToken.None);
        try
        {
            var firstMatch = Guid.NewGuid();
            await factory.Bus.PublishAsync(new MatchProposed
            {
                MatchId = firstMatch, EventId = ev.EventId, AttendeeAId = kai.Id, AttendeeBId = lou, Score = 0.7, Reasons = ["you both run feature stores"],
                OccurredAt = DateTimeOffset.UtcNow,
            });
            await factory.Bus.PublishAsync(new MatchProposed
            {
                MatchId = Guid.NewGuid(), EventId = ev.EventId, AttendeeAId = max, AttendeeBId = kai.Id, Score = 0.6, Reasons = ["you both hire"],
                OccurredAt = DateTimeOffset.UtcNow,
            });
            await factory.WaitForFeedAsync(kai.Id, 2);
            await Task.Delay(Settle);
            Assert.Empty(await factory.Mail.ForAsync(kai.Email));

            // Three replicas decide at once: one digest.
            var replicas = new[] { scheduler, ActivatorUtilities.CreateInstance<NudgeScheduler>(factory.Services), ActivatorUtilities.CreateInstance<NudgeScheduler>(factory.Services) };
            var sent = await Task.WhenAll(replicas.Select(r => r.SendDigestsAsync(CancellationToken.None)));
            Assert.Equal(1, sent.Sum());
            var digest = Assert.Single(await factory.Mail.WaitForAsync(kai.Email));
            Assert.Equal("Your networking today: 2 updates", digest.Subject);
            Assert.Contains("You're matched with Lou Partner at Networking week", digest.Text, StringComparison.Ordinal);
            Assert.Contains("You're matched with Max Partner at Networking week", digest.Text, StringComparison.Ordinal);
            Assert.Contains($"/me/networking/matches/{firstMatch}", digest.Text, StringComparison.Ordinal);
            Assert.DoesNotContain((await factory.FeedAsync(kai.Id)).Items, i => i.Kind == "networking-digest");

            // A nudge after today's digest waits for tomorrow's.
            await factory.Bus.PublishAsync(new MatchProposed
            {
                MatchId = Guid.NewGuid(), EventId = ev.EventId, AttendeeAId = kai.Id, AttendeeBId = max, Score = 0.5, Reasons = [], OccurredAt = DateTimeOffset.UtcNow,
            });
            await factory.WaitForFeedAsync(kai.Id, 3);
            Assert.All(await Task.WhenAll(replicas.Select(r => r.SendDigestsAsync(CancellationToken.None))), s => Assert.Equal(0, s));
            await Task.Delay(Settle);
            Assert.Single(await factory.Mail.ForAsync(kai.Email));
        }
        finally
        {
            await scheduler.StartAsync(CancellationToken.None);
        }
    }
}
