using System.Net;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Notifications.Tests;

/// <summary>The in-app feed: each person's own notifications, newest first, paged, with an unread count they can clear.</summary>
public sealed class FeedTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private async Task<(Guid Id, string Email, string Name)> PersonWithNotificationsAsync(int count)
    {
        var person = await factory.PersonAsync("Gita Rao");
        var ev = await factory.PublishedEventAsync("Feed meetup");
        for (var i = 0; i < count; i++)
        {
            await factory.Bus.PublishAsync(new RegistrationWaitlisted
            {
                RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = person.Id, WaitlistPosition = i + 1, OccurredAt = DateTimeOffset.UtcNow.AddSeconds(i),
            });
        }
        await factory.WaitForFeedAsync(person.Id, count);
        return person;
    }

    [Fact]
    public async Task The_feed_pages_newest_first_and_counts_what_is_unread()
    {
        var person = await PersonWithNotificationsAsync(5);

        var first = await factory.FeedAsync(person.Id, "page=1&pageSize=2");
        Assert.Equal(5, first.Total);
        Assert.Equal(5, first.Unread);
        Assert.Equal(2, first.Items.Count);
        Assert.Contains("number 5 on the waitlist", first.Items[0].Text, StringComparison.Ordinal);
        Assert.Equal("You're on the waitlist for Feed meetup", first.Items[0].Title);
        var last = await factory.FeedAsync(person.Id, "page=3&pageSize=2");
        Assert.Contains("number 1 on the waitlist", Assert.Single(last.Items).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_one_or_all_clears_the_badge_and_nobody_reads_anyone_elses()
    {
        var person = await PersonWithNotificationsAsync(3);
        var feed = await factory.FeedAsync(person.Id);
        using var client = factory.ClientWithToken(factory.AttendeeToken(person.Id));
        using var stranger = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));

        await (await stranger.PostAsync($"/api/notifications/{feed.Items[0].Id}/read", null)).ProblemAsync(404);
        Assert.Empty((await factory.FeedAsync(Guid.NewGuid())).Items);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{feed.Items[0].Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{feed.Items[0].Id}/read", null)).StatusCode);
        Assert.Equal(2, (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync<UnreadCount>()).Unread);
        var unread = await factory.FeedAsync(person.Id, "unreadOnly=true");
        Assert.Equal(2, unread.Total);
        Assert.DoesNotContain(unread.Items, i => i.Id == feed.Items[0].Id);

        Assert.Equal(0, (await (await client.PostAsync("/api/notifications/read-all", null)).ReadJsonAsync<UnreadCount>()).Unread);
        var after = await factory.FeedAsync(person.Id);
        Assert.Equal(0, after.Unread);
        Assert.All(after.Items, i => Assert.NotNull(i.ReadAt));
    }

    [Fact]
    public async Task The_feed_needs_a_token_and_sensible_paging()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/notifications")).ProblemAsync(401);
        using var client = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await client.GetAsync("/api/notifications?pageSize=0")).ProblemAsync(400);
        await (await client.GetAsync("/api/notifications?page=-1")).ProblemAsync(400);
        await (await client.GetAsync("/api/notifications?unreadOnly=maybe")).ProblemAsync(400);
        await (await client.PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null)).ProblemAsync(404);
    }
}
