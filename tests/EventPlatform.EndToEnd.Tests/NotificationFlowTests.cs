using System.Text.Json;
using EventPlatform.Testing;
using Ical.Net;

namespace EventPlatform.EndToEnd.Tests;

/// <summary>What people hear through the whole platform: the emails that land in the mail catcher and the feed behind the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationFlowTests(Platform platform)
{
    private Task<(Guid Id, string Token, string Email)> SignUpAsync(string name) =>
        platform.SignUpAsync(name, $"{Guid.NewGuid():N}@people.example.org", "attendee-password-1");

    private async Task<Calendar> InviteAsync(MailCatcher.Email email)
    {
        var attachment = Assert.Single(email.Attachments ?? [], a => a.ContentType.StartsWith("text/calendar", StringComparison.Ordinal));
        return Calendar.Load(await platform.Mail.AttachmentAsync(email, attachment))!;
    }

    private async Task<JsonElement> FeedAsync(string token)
    {
        using var client = platform.Client(token);
        return await (await client.GetAsync("/api/notifications")).ReadJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_registration_mails_one_confirmation_with_the_invite_and_a_cancellation_promotes_the_next_with_one_email_and_one_feed_entry()
    {
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent(capacity: 1))).ReadJsonAsync<JsonElement>();
        var eventId = created.GetProperty("id").GetGuid();
        (await organizer.PostAsync($"/api/events/{eventId}/publish", null)).EnsureSuccessStatusCode();
        using var anonymous = platform.Client();
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/registrations/events/{eventId}/availability")).IsSuccessStatusCode,
            "Attendees knows the event");
        var ines = await SignUpAsync("Ines Duarte");
        var jonas = await SignUpAsync("Jonas Berg");

        using var inesClient = platform.Client(ines.Token);
        var seat = await (await inesClient.PostJsonAsync("/api/registrations", new { eventId })).ReadJsonAsync<JsonElement>();
        Assert.Equal("confirmed", seat.GetProperty("status").GetString());
        var confirmation = Assert.Single(await platform.Mail.WaitForAsync(ines.Email));
        Assert.Equal("You're registered for MLOps World online meetup", confirmation.Subject);
        var invite = Assert.Single((await InviteAsync(confirmation)).Events);
        Assert.Equal("MLOps World online meetup", invite.Summary);
        Assert.Equal("https://meet.example.org/mlops-world", invite.Location);
        // The invite in the email and the one Attendees serves for download are one calendar entry.
        var download = Calendar.Load(await inesClient.GetStringAsync($"/api/registrations/{seat.GetProperty("id").GetGuid()}/calendar.ics"))!;
        Assert.Equal(Assert.Single(download.Events).Uid, invite.Uid);

        using var jonasClient = platform.Client(jonas.Token);
        var waiting = await (await jonasClient.PostJsonAsync("/api/registrations", new { eventId })).ReadJsonAsync<JsonElement>();
        Assert.Equal("waitlisted", waiting.GetProperty("status").GetString());
        Assert.Contains("number 1 on the waitlist", Assert.Single(await platform.Mail.WaitForAsync(jonas.Email)).Text, StringComparison.Ordinal);

        (await inesClient.DeleteAsync($"/api/registrations/{seat.GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        var promotion = (await platform.Mail.WaitForAsync(jonas.Email, 2))[1];
        Assert.Equal("A seat opened up: you're in for MLOps World online meetup", promotion.Subject);
        Assert.Equal("https://meet.example.org/mlops-world", Assert.Single((await InviteAsync(promotion)).Events).Location);
        var withdrawal = (await platform.Mail.WaitForAsync(ines.Email, 2))[1];
        Assert.Equal("CANCEL", (await InviteAsync(withdrawal)).Method);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, (await platform.Mail.ForAsync(jonas.Email)).Count);
        Assert.Equal(2, (await platform.Mail.ForAsync(ines.Email)).Count);
        var feed = await FeedAsync(jonas.Token);
        Assert.Equal(["registration-promoted", "registration-waitlisted"],
            feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(2, feed.GetProperty("unread").GetInt32());

        // One click in a mail client (RFC 8058) through the gateway, signed in or not, stops that kind of email.
        var oneClick = confirmation.Headers!["list-unsubscribe"].ToString()!.Trim('<', '>');
        Assert.StartsWith(platform.Gateway.ToString(), oneClick, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        (await anonymous.PostAsync(new Uri(oneClick).PathAndQuery, form)).EnsureSuccessStatusCode();
        var settings = await (await inesClient.GetAsync("/api/notifications/preferences")).ReadJsonAsync<JsonElement>();
        Assert.False(settings.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "registration-confirmed")
            .GetProperty("email").GetBoolean());
    }

    [Fact]
    public async Task With_a_second_Notifications_replica_every_registration_is_still_mailed_exactly_once()
    {
        // A second process on the same database and queues: consumers compete, both dispatchers look for due mail.
        await platform.StartReadyReplicaAsync("notifications");
        using var organizer = platform.Client(await platform.OrganizerTokenAsync());
        var created = await (await organizer.PostJsonAsync("/api/events", EventPublishedFlowTests.NewEvent(capacity: 50))).ReadJsonAsync<JsonElement>();
        var eventId = created.GetProperty("id").GetGuid();
        (await organizer.PostAsync($"/api/events/{eventId}/publish", null)).EnsureSuccessStatusCode();
        using var anonymous = platform.Client();
        await Eventually.HoldsAsync(async () => (await anonymous.GetAsync($"/api/registrations/events/{eventId}/availability")).IsSuccessStatusCode,
            "Attendees knows the event");

        var people = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => SignUpAsync($"Replica person {i}")));
        await Task.WhenAll(people.Select(async person =>
        {
            using var client = platform.Client(person.Token);
            (await client.PostJsonAsync("/api/registrations", new { eventId })).EnsureSuccessStatusCode();
        }));

        foreach (var person in people)
        {
            await platform.Mail.WaitForAsync(person.Email);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var person in people)
        {
            Assert.Single(await platform.Mail.ForAsync(person.Email));
            Assert.Equal(1, (await FeedAsync(person.Token)).GetProperty("total").GetInt32());
        }
    }
}

