using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Testing;
using Ical.Net;

namespace EventPlatform.Notifications.Tests;

/// <summary>What people receive, read back from a real SMTP server: one email per thing that concerns them, with its invite.</summary>
public sealed class EmailTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private static NetworkingProfile Profile(string name) => new() { DisplayName = name };

    private async Task<Calendar> InviteAsync(MailCatcher.Email email, string method)
    {
        var attachment = Assert.Single(email.Attachments ?? [], a => a.ContentType.StartsWith("text/calendar", StringComparison.Ordinal));
        var calendar = Calendar.Load(await factory.Mail.AttachmentAsync(email, attachment))!;
        Assert.Equal(method, calendar.Method);
        return calendar;
    }

    [Fact]
    public async Task A_registration_brings_one_confirmation_with_a_valid_invite_and_one_feed_entry_even_when_the_message_comes_twice()
    {
        var ana = await factory.PersonAsync("Ana Lima");
        var ev = await factory.PublishedEventAsync("Feature stores in practice");
        var registered = new AttendeeRegistered
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = ana.Id, Profile = Profile(ana.Name), OccurredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();
        await factory.Bus.PublishAsync(registered, messageId);
        await factory.Bus.PublishAsync(registered, messageId);

        var email = Assert.Single(await factory.Mail.WaitForAsync(ana.Email));
        Assert.Equal("You're registered for Feature stores in practice", email.Subject);
        Assert.Contains("Hi Ana Lima", email.Text, StringComparison.Ordinal);
        Assert.Contains("https://events.example.org/events/" + ev.EventId, email.Html, StringComparison.Ordinal);
        var invite = Assert.Single((await InviteAsync(email, "PUBLISH")).Events);
        Assert.Equal("Feature stores in practice", invite.Summary);
        Assert.Equal(ev.StartsAt.UtcDateTime, invite.Start!.AsUtc);
        Assert.Equal(ev.EndsAt.UtcDateTime, invite.End!.AsUtc);
        Assert.Equal($"{ev.EventId:N}-{ana.Id:N}@eventplatform", invite.Uid);
        Assert.Equal(ev.JoinUrl, invite.Url!.ToString());

        await Task.Delay(Settle);
        Assert.Single(await factory.Mail.ForAsync(ana.Email));
        var feed = await factory.FeedAsync(ana.Id);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("registration-confirmed", entry.Kind);
        Assert.Equal(1, feed.Unread);
    }

    [Fact]
    public async Task A_promotion_off_the_waitlist_brings_one_email_with_the_updated_invite_and_one_feed_entry()
    {
        var ben = await factory.PersonAsync("Ben Okafor");
        var ev = await factory.PublishedEventAsync("Drift detection night");
        var registrationId = Guid.NewGuid();
        await factory.Bus.PublishAsync(new RegistrationWaitlisted
        {
            RegistrationId = registrationId, EventId = ev.EventId, AttendeeId = ben.Id, WaitlistPosition = 3, OccurredAt = DateTimeOffset.UtcNow,
        });
        var waitlisted = Assert.Single(await factory.Mail.WaitForAsync(ben.Email));
        Assert.Contains("number 3 on the waitlist", waitlisted.Text, StringComparison.Ordinal);
        Assert.Empty(waitlisted.Attachments ?? []);

        var promoted = new RegistrationPromoted
        {
            RegistrationId = registrationId, EventId = ev.EventId, AttendeeId = ben.Id, Profile = Profile(ben.Name), OccurredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.NewGuid();
        await factory.Bus.PublishAsync(promoted, messageId);
        await factory.Bus.PublishAsync(promoted, messageId);

        var emails = await factory.Mail.WaitForAsync(ben.Email, 2);
        var promotion = emails[1];
        Assert.Equal("A seat opened up: you're in for Drift detection night", promotion.Subject);
        var invite = Assert.Single((await InviteAsync(promotion, "PUBLISH")).Events);
        Assert.Equal($"{ev.EventId:N}-{ben.Id:N}@eventplatform", invite.Uid);
        Assert.True(invite.Sequence > (int)ev.Version, $"sequence {invite.Sequence}");

        await Task.Delay(Settle);
        Assert.Equal(2, (await factory.Mail.ForAsync(ben.Email)).Count);
        var feed = await factory.FeedAsync(ben.Id);
        Assert.Equal(["registration-promoted", "registration-waitlisted"], feed.Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task A_cancelled_event_withdraws_the_invite_once_whichever_of_its_messages_arrives_first()
    {
        var ev = await factory.PublishedEventAsync("Cancelled meetup");
        var early = await factory.PersonAsync("Chen Wei");
        var late = await factory.PersonAsync("Dara Singh");
        var earlyRegistration = Guid.NewGuid();
        foreach (var (person, registration) in new[] { (early, earlyRegistration), (late, Guid.NewGuid()) })
        {
            await factory.Bus.PublishAsync(new AttendeeRegistered
            {
                RegistrationId = registration, EventId = ev.EventId, AttendeeId = person.Id, Profile = Profile(person.Name), OccurredAt = DateTimeOffset.UtcNow,
            });
            await factory.Mail.WaitForAsync(person.Email);
        }

        // Attendees cancels each registration with the event; for one person that message arrives before the event's own.
        await factory.Bus.PublishAsync(new RegistrationCancelled
        {
            RegistrationId = earlyRegistration, EventId = ev.EventId, AttendeeId = early.Id, WasConfirmed = true, EventWasCancelled = true, OccurredAt = DateTimeOffset.UtcNow,
        });
        await Task.Delay(500);
        await factory.Bus.PublishAsync(new EventCancelled { EventId = ev.EventId, Reason = "The venue's stream failed", Version = ev.Version + 1, OccurredAt = DateTimeOffset.UtcNow });

        foreach (var person in new[] { early, late })
        {
            var emails = await factory.Mail.WaitForAsync(person.Email, 2);
            var cancellation = emails[1];
            Assert.Equal("Cancelled meetup is cancelled", cancellation.Subject);
            Assert.Contains("The venue's stream failed", cancellation.Text, StringComparison.Ordinal);
            var invite = Assert.Single((await InviteAsync(cancellation, "CANCEL")).Events);
            Assert.Equal($"{ev.EventId:N}-{person.Id:N}@eventplatform", invite.Uid);
        }
        await Task.Delay(Settle);
        Assert.Equal(2, (await factory.Mail.ForAsync(early.Email)).Count);
        Assert.Equal(2, (await factory.Mail.ForAsync(late.Email)).Count);
        Assert.Equal(["event-cancelled", "registration-confirmed"], (await factory.FeedAsync(early.Id)).Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task A_proposed_match_reaches_both_people_with_the_reasons_and_a_confirmed_meeting_brings_each_an_invite_with_the_room()
    {
        var ev = await factory.PublishedEventAsync("Networking week");
        var eva = await factory.PersonAsync("Eva Novak");
        var farid = await factory.PersonAsync("Farid Haddad");
        var matchId = Guid.NewGuid();
        await factory.Bus.PublishAsync(new MatchProposed
        {
            MatchId = matchId, EventId = ev.EventId, AttendeeAId = eva.Id, AttendeeBId = farid.Id, Score = 0.8,
            Reasons = ["you both work on model monitoring"], OccurredAt = DateTimeOffset.UtcNow,
        });
        var toEva = Assert.Single(await factory.Mail.WaitForAsync(eva.Email));
        var toFarid = Assert.Single(await factory.Mail.WaitForAsync(farid.Email));
        Assert.Equal("You're matched with Farid Haddad at Networking week", toEva.Subject);
        Assert.Equal("You're matched with Eva Novak at Networking week", toFarid.Subject);
        Assert.Contains("you both work on model monitoring", toEva.Text, StringComparison.Ordinal);

        // Farid accepts: Eva hears of it in the app only.
        await factory.Bus.PublishAsync(new MatchAccepted { MatchId = matchId, EventId = ev.EventId, AttendeeId = farid.Id, PartnerId = eva.Id, OccurredAt = DateTimeOffset.UtcNow });
        var evaFeed = await factory.WaitForFeedAsync(eva.Id, 2);
        Assert.Equal("Farid Haddad accepted your match at Networking week", evaFeed.Items[0].Title);

        var start = ev.StartsAt.AddHours(1);
        await factory.Bus.PublishAsync(new MeetingConfirmed
        {
            MeetingId = Guid.NewGuid(), MatchId = matchId, EventId = ev.EventId, AttendeeIds = [eva.Id, farid.Id], StartsAt = start, EndsAt = start.AddMinutes(15),
            RoomUrl = "https://meet.example.org/room-42", OccurredAt = DateTimeOffset.UtcNow,
        });
        foreach (var (person, partner) in new[] { (eva, farid), (farid, eva) })
        {
            var meeting = (await factory.Mail.WaitForAsync(person.Email, 2))[1];
            Assert.Equal($"Meeting with {partner.Name} confirmed", meeting.Subject);
            var invite = Assert.Single((await InviteAsync(meeting, "PUBLISH")).Events);
            Assert.Equal(start.UtcDateTime, invite.Start!.AsUtc);
            Assert.Equal("https://meet.example.org/room-42", invite.Location);
        }
        await Task.Delay(Settle);
        Assert.Equal(2, (await factory.Mail.ForAsync(eva.Email)).Count);
        Assert.Equal(2, (await factory.Mail.ForAsync(farid.Email)).Count);
    }

    [Fact]
    public async Task Mail_decided_while_the_smtp_server_is_down_is_delivered_once_when_it_returns()
    {
        var people = new List<(Guid Id, string Email, string Name)>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await factory.PersonAsync($"Outage person {i}"));
        }
        var ev = await factory.PublishedEventAsync("Outage meetup");
        await Eventually.HoldsAsync(async () => (await factory.FeedAsync(people[0].Id)).Total == 0, "the service is up");

        await factory.Mail.StopAsync();
        try
        {
            foreach (var person in people)
            {
                await factory.Bus.PublishAsync(new AttendeeRegistered
                {
                    RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = person.Id, Profile = Profile(person.Name), OccurredAt = DateTimeOffset.UtcNow,
                });
            }
            foreach (var person in people)
            {
                await factory.WaitForFeedAsync(person.Id, 1);
            }
            // Several attempts fail while the server is away (waits of 1 s, then 2 s).
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await factory.Mail.StartAgainAsync();
        }

        foreach (var person in people)
        {
            Assert.Single(await factory.Mail.WaitForAsync(person.Email));
        }
        await Task.Delay(Settle);
        foreach (var person in people)
        {
            Assert.Single(await factory.Mail.ForAsync(person.Email));
        }
    }

    [Fact]
    public async Task An_answered_question_reaches_its_asker_with_a_link_to_the_talk()
    {
        var asker = await factory.PersonAsync("Wen Zhou");
        await factory.Bus.PublishAsync(new Contracts.Talks.QuestionAnswered
        {
            QuestionId = Guid.NewGuid(), TalkId = Guid.NewGuid(), TalkSlug = "monitoring-ml-in-production", TalkTitle = "Monitoring ML in production",
            AuthorId = asker.Id, Text = "Which drift metric do you alert on?", OccurredAt = DateTimeOffset.UtcNow,
        });
        var email = Assert.Single(await factory.Mail.WaitForAsync(asker.Email));
        Assert.Equal("Your question on “Monitoring ML in production” was answered", email.Subject);
        Assert.Contains("Which drift metric do you alert on?", email.Text, StringComparison.Ordinal);
        Assert.Contains("https://events.example.org/talks/monitoring-ml-in-production", email.Text, StringComparison.Ordinal);
        Assert.Equal("question-answered", Assert.Single((await factory.FeedAsync(asker.Id)).Items).Kind);
    }
}

