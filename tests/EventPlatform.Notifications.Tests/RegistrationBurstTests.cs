using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Notifications;
using EventPlatform.Notifications.Data;
using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Notifications.Tests;

/// <summary>A popular event opening: its registration messages arrive all at once and are applied in batches.</summary>
public sealed class RegistrationBurstTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task A_burst_of_registrations_tells_each_person_once_with_their_own_place()
    {
        var ev = await factory.PublishedEventAsync("Burst meetup");
        var people = new List<(Guid Id, string Email, string Name)>();
        for (var i = 0; i < 40; i++)
        {
            people.Add(await factory.PersonAsync($"Person {i}"));
        }
        var messages = people.Select((person, i) => (MessageId: Guid.NewGuid(), Message: new RegistrationWaitlisted
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = person.Id, WaitlistPosition = i + 1, OccurredAt = DateTimeOffset.UtcNow,
        })).ToList();
        // All at once, and the first ten twice (a redelivery, or a publisher retrying after a lost confirm).
        await Task.WhenAll(messages.Concat(messages.Take(10)).Select(m => factory.Bus.PublishAsync(m.Message, m.MessageId)));

        for (var i = 0; i < people.Count; i++)
        {
            var feed = await factory.WaitForFeedAsync(people[i].Id, 1);
            Assert.Contains($"number {i + 1} on the waitlist", Assert.Single(feed.Items).Text, StringComparison.Ordinal);
        }
        await Task.Delay(1000);
        foreach (var person in people.Take(10))
        {
            Assert.Equal(1, (await factory.FeedAsync(person.Id)).Total);
        }

        // Messages applied in one transaction share its start time: fewer times than messages means batches.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var ids = messages.Select(m => m.MessageId).ToList();
        var applied = await db.InboxMessages.Where(m => ids.Contains(m.MessageId)).Select(m => m.ProcessedAt).ToListAsync();
        Assert.Equal(40, applied.Count);
        Assert.True(applied.Distinct().Count() < applied.Count, "some of the burst was applied together");

        // The web app hears of each new notification once, from fewer messages than notifications.
        var personIds = people.Select(p => p.Id).ToHashSet();
        List<NotificationsAdded> told;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await Task.Delay(50);
            told = [.. factory.Bus.All<NotificationsAdded>(m => m.Notifications.Any(n => personIds.Contains(n.RecipientId))).Select(r => (NotificationsAdded)r.Message)];
        }
        while (told.Sum(m => m.Notifications.Count) < people.Count && DateTime.UtcNow < deadline);
        var notifications = told.SelectMany(m => m.Notifications).ToList();
        Assert.Equal(people.Select(p => p.Id).Order(), notifications.Select(n => n.RecipientId).Order());
        Assert.All(notifications, n => Assert.Equal("registration-waitlisted", n.Kind));
        Assert.Equal(notifications.Count, notifications.Select(n => n.NotificationId).Distinct().Count());
        Assert.True(told.Count < notifications.Count, $"{told.Count} messages for {notifications.Count} notifications");
    }
}
