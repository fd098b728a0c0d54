using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Notifications.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlatform.Notifications.Tests;

/// <summary>Reminders before events and meetings: to the people concerned, once, however many schedulers look at once.</summary>
public sealed class ReminderTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private async Task RegisterAsync(Guid eventId, (Guid Id, string Email, string Name) person) =>
        await factory.Bus.PublishAsync(new AttendeeRegistered
        {
            RegistrationId = Guid.NewGuid(), EventId = eventId, AttendeeId = person.Id, Profile = new NetworkingProfile { DisplayName = person.Name },
            OccurredAt = DateTimeOffset.UtcNow,
        });

    [Fact]
    public async Task An_event_two_hours_away_reminds_each_seat_holder_once_even_with_several_schedulers_and_not_the_waitlist()
    {
        var seated = new[] { await factory.PersonAsync("Mia Chen"), await factory.PersonAsync("Noor Aziz") };
        var waiting = await factory.PersonAsync("Omar Said");
        // Published far ahead, so nobody is reminded before the registrations are in.
        var ev = await factory.PublishedEventAsync("Drift meetup", DateTimeOffset.UtcNow.AddDays(10));
        foreach (var person in seated)
        {
            await RegisterAsync(ev.EventId, person);
            await factory.Mail.WaitForAsync(person.Email);
        }
        await factory.Bus.PublishAsync(new RegistrationWaitlisted
        {
            RegistrationId = Guid.NewGuid(), EventId = ev.EventId, AttendeeId = waiting.Id, WaitlistPosition = 1, OccurredAt = DateTimeOffset.UtcNow,
        });
        await factory.Mail.WaitForAsync(waiting.Email);

        // The organizer moves it to two hours from now: the 24-hour reminder is due at once, the 15-minute one is not yet.
        var moved = ev with { StartsAt = DateTimeOffset.UtcNow.AddHours(2), EndsAt = DateTimeOffset.UtcNow.AddHours(4), Version = ev.Version + 1 };
        await factory.Bus.PublishAsync(new Contracts.Events.EventUpdated { Event = moved, OccurredAt = DateTimeOffset.UtcNow });
        // Besides the service's own scheduler, two more look at the same time, repeatedly.
        var schedulers = new[]
        {
            factory.Services.GetRequiredService<ReminderScheduler>(),
            ActivatorUtilities.CreateInstance<ReminderScheduler>(factory.Services),
        };
        for (var i = 0; i < 10; i++)
        {
            await Task.WhenAll(schedulers.Select(s => s.SendDueAsync(CancellationToken.None)));
            await Task.Delay(100);
        }

        foreach (var person in seated)
        {
            // Registration, the change (with the updated invite), the reminder.
            var emails = await factory.Mail.WaitForAsync(person.Email, 3);
            Assert.Single(emails, e => e.Subject == "Reminder: Drift meetup starts in 2 hours");
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        foreach (var person in seated)
        {
            Assert.Equal(3, (await factory.Mail.ForAsync(person.Email)).Count);
        }
        Assert.DoesNotContain(await factory.Mail.ForAsync(waiting.Email), e => e.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_meeting_ten_minutes_away_reminds_both_people_once_with_the_room()
    {
        var ev = await factory.PublishedEventAsync("Meeting reminder event", DateTimeOffset.UtcNow.AddDays(5));
        var pia = await factory.PersonAsync("Pia Hoffmann");
        var raj = await factory.PersonAsync("Raj Patel");
        var start = DateTimeOffset.UtcNow.AddMinutes(10);
        await factory.Bus.PublishAsync(new MeetingConfirmed
        {
            MeetingId = Guid.NewGuid(), MatchId = Guid.NewGuid(), EventId = ev.EventId, AttendeeIds = [pia.Id, raj.Id], StartsAt = start, EndsAt = start.AddMinutes(15),
            RoomUrl = "https://meet.example.org/room-7", OccurredAt = DateTimeOffset.UtcNow,
        });

        foreach (var (person, partner) in new[] { (pia, raj), (raj, pia) })
        {
            var emails = await factory.Mail.WaitForAsync(person.Email, 2);
            var reminder = Assert.Single(emails, e => e.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
            Assert.Equal($"Reminder: your meeting with {partner.Name} starts in 10 minutes", reminder.Subject);
            Assert.Contains("https://meet.example.org/room-7", reminder.Text, StringComparison.Ordinal);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, (await factory.Mail.ForAsync(pia.Email)).Count);
        Assert.Equal(2, (await factory.Mail.ForAsync(raj.Email)).Count);
    }
}
