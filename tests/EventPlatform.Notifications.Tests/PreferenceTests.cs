using System.Net;
using System.Text.RegularExpressions;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Notifications.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Notifications.Tests;

/// <summary>Each person chooses, per kind, feed and email; every email carries a signed link that stops its kind without signing in.</summary>
public sealed partial class PreferenceTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private async Task RegisterAsync(Guid eventId, Guid person) =>
        await factory.Bus.PublishAsync(new AttendeeRegistered
        {
            RegistrationId = Guid.NewGuid(), EventId = eventId, AttendeeId = person, Profile = new NetworkingProfile { DisplayName = "Someone" },
            OccurredAt = DateTimeOffset.UtcNow,
        });

    private async Task<PreferencesResponse> SetAsync(Guid person, string kind, bool email, bool inApp)
    {
        using var client = factory.ClientWithToken(factory.AttendeeToken(person));
        var response = await client.PutJsonAsync("/api/notifications/preferences", new { items = new[] { new { kind, email, inApp } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync<PreferencesResponse>();
    }

    [Fact]
    public async Task Email_off_keeps_the_feed_entry_and_feed_off_keeps_the_email()
    {
        var quiet = await factory.PersonAsync("Sara Quiet");
        var mailOnly = await factory.PersonAsync("Tom Mailonly");
        var settings = await SetAsync(quiet.Id, "registration-confirmed", email: false, inApp: true);
        Assert.False(settings.Items.Single(i => i.Kind == "registration-confirmed").Email);
        Assert.True(settings.Items.Single(i => i.Kind == "match-proposed").Email);
        await SetAsync(mailOnly.Id, "registration-confirmed", email: true, inApp: false);

        var ev = await factory.PublishedEventAsync();
        await RegisterAsync(ev.EventId, quiet.Id);
        await RegisterAsync(ev.EventId, mailOnly.Id);

        await factory.WaitForFeedAsync(quiet.Id, 1);
        Assert.Single(await factory.Mail.WaitForAsync(mailOnly.Email));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(await factory.Mail.ForAsync(quiet.Email));
        var feed = await factory.FeedAsync(mailOnly.Id);
        Assert.Equal(0, feed.Total);
        Assert.Equal(0, feed.Unread);
    }

    [Fact]
    public async Task The_link_in_an_email_stops_that_kind_without_signing_in_and_a_forged_one_is_refused()
    {
        var uma = await factory.PersonAsync("Uma Link");
        var ev = await factory.PublishedEventAsync();
        await RegisterAsync(ev.EventId, uma.Id);
        var email = Assert.Single(await factory.Mail.WaitForAsync(uma.Email));

        // The text points at the web app's page; the List-Unsubscribe header at the one-click address (RFC 8058).
        var token = Uri.UnescapeDataString(StopLink().Match(email.Text!).Groups["token"].Value);
        Assert.Contains("https://events.example.org/unsubscribe?token=", email.Text, StringComparison.Ordinal);
        Assert.Contains("/api/notifications/unsubscribe?token=", email.Headers!["list-unsubscribe"].ToString(), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["list-unsubscribe-post"].ToString());

        using var anonymous = factory.CreateClient();
        var described = await (await anonymous.GetAsync($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}")).ReadJsonAsync<UnsubscribeResponse>();
        Assert.Equal("registration-confirmed", described.Kind);
        Assert.False(described.Unsubscribed);

        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await (await anonymous.PostAsync($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(forged)}", null)).ProblemAsync(422);
        var someoneElse = $"{Guid.NewGuid():N}" + token[32..];
        await (await anonymous.PostAsync($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(someoneElse)}", null)).ProblemAsync(422);
        await (await anonymous.PostAsync("/api/notifications/unsubscribe", null)).ProblemAsync(422);

        var done = await (await anonymous.PostAsync($"/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}", null)).ReadJsonAsync<UnsubscribeResponse>();
        Assert.True(done.Unsubscribed);
        using var client = factory.ClientWithToken(factory.AttendeeToken(uma.Id));
        var settings = await (await client.GetAsync("/api/notifications/preferences")).ReadJsonAsync<PreferencesResponse>();
        Assert.False(settings.Items.Single(i => i.Kind == "registration-confirmed").Email);
        Assert.True(settings.Items.Single(i => i.Kind == "registration-confirmed").InApp);

        var second = await factory.PublishedEventAsync("Second meetup");
        await RegisterAsync(second.EventId, uma.Id);
        await factory.WaitForFeedAsync(uma.Id, 2);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(await factory.Mail.ForAsync(uma.Email));
    }

    [Fact]
    public async Task Settings_refuse_unknown_kinds_and_need_a_token()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/notifications/preferences")).ProblemAsync(401);
        using var client = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await client.PutJsonAsync("/api/notifications/preferences", new { items = new[] { new { kind = "spam", email = true, inApp = true } } })).ProblemAsync(400);
        await (await client.PutJsonAsync("/api/notifications/preferences", new { })).ProblemAsync(400);
        var feedOnly = await (await client.PutJsonAsync("/api/notifications/preferences", new { items = new[] { new { kind = "match-accepted", email = true, inApp = true } } }))
            .ReadJsonAsync<PreferencesResponse>();
        Assert.False(feedOnly.Items.Single(i => i.Kind == "match-accepted").Email);
    }

    [GeneratedRegex(@"Stop emails like this: \S+\?token=(?<token>\S+)")]
    private static partial Regex StopLink();
}
