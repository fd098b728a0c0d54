using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Notifications;
using EventPlatform.Notifications.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Notifications.Tests;

/// <summary>Notifications on its own database and virtual host, sending through a real SMTP server (the mail catcher).</summary>
public sealed class NotificationsFactory : ServiceFactory<Program>
{
    public MailCatcher Mail { get; private set; } = null!;

    public MessageProbe Bus { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Smtp:Port", Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Notifications:Email:PollInterval", "00:00:00.100"),
        // An outage in a test lasts seconds, not minutes: the waits between attempts stop growing at two seconds.
        new("Notifications:Email:MaxBackoff", "00:00:02"),
        new("Notifications:Email:PublicUrl", "https://events.example.org/"),
        new("Notifications:Reminders:Interval", "00:00:00.200"),
        // Messages count as waiting after two seconds here (ten minutes by default); every hour is digest time.
        new("Notifications:Nudges:Interval", "00:00:00.200"),
        new("Notifications:Nudges:AwayAfter", "00:00:02"),
        new("Notifications:Nudges:DigestHour", "0"),
    ];

    public override async Task InitializeAsync()
    {
        Mail = await MailCatcher.StartAsync();
        await base.InitializeAsync();
        Bus = await Probe().Observe<NotificationsAdded>().StartAsync();
    }

    protected override async Task DisposeOwnAsync()
    {
        await Bus.DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>A person Attendees announced: their id, address and name.</summary>
    public async Task<(Guid Id, string Email, string Name)> PersonAsync(string name)
    {
        var id = Guid.NewGuid();
        var email = $"{id:N}@people.example.org";
        await Bus.PublishAsync(new AttendeeSignedUp { AttendeeId = id, Email = email, DisplayName = name, OccurredAt = DateTimeOffset.UtcNow });
        return (id, email, name);
    }

    public async Task<EventSnapshot> PublishedEventAsync(string title = "MLOps community meetup", DateTimeOffset? startsAt = null)
    {
        var ev = EventSnapshots.Published(startsAt: startsAt) with { Title = title };
        await Bus.PublishAsync(new EventPublished { Event = ev, OccurredAt = DateTimeOffset.UtcNow });
        return ev;
    }

    public async Task<NotificationFeed> FeedAsync(Guid person, string query = "")
    {
        using var client = ClientWithToken(AttendeeToken(person));
        return await (await client.GetAsync($"/api/notifications?{query}")).ReadJsonAsync<NotificationFeed>();
    }

    /// <summary>Waits until the person's feed holds at least <paramref name="count"/> notifications.</summary>
    public async Task<NotificationFeed> WaitForFeedAsync(Guid person, int count)
    {
        NotificationFeed feed = null!;
        await Eventually.HoldsAsync(async () => (feed = await FeedAsync(person)).Total >= count, $"{count} notification(s) for {person}");
        return feed;
    }
}
