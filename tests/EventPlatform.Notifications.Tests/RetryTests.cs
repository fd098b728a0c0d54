using EventPlatform.Notifications.Domain;

namespace EventPlatform.Notifications.Tests;

/// <summary>How an email waits: longer each time, for ever while the server is away, and not for ever when it is refused.</summary>
public sealed class RetryTests
{
    private static OutgoingEmail NewEmail(DateTimeOffset now) =>
        OutgoingEmail.For(Notification.Create(Guid.NewGuid(), NotificationKind.RegistrationConfirmed, now));

    [Fact]
    public void An_outage_of_any_length_keeps_the_email_waiting_at_the_longest_backoff()
    {
        var now = DateTimeOffset.UtcNow;
        var email = NewEmail(now);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3 * OutgoingEmail.MaxAttempts; i++)
        {
            email.Retry(now, "Connection refused", TimeSpan.FromMinutes(5), serverAway: true);
            waits.Add(email.NextAttemptAt - now);
            now = email.NextAttemptAt;
        }
        Assert.Null(email.FailedAt);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300], waits.Take(10).Select(w => w.TotalSeconds));
        Assert.All(waits.Skip(9), w => Assert.Equal(TimeSpan.FromMinutes(5), w));
    }

    [Fact]
    public void A_refused_email_is_given_up_after_the_most_attempts()
    {
        var now = DateTimeOffset.UtcNow;
        var email = NewEmail(now);
        for (var i = 1; i < OutgoingEmail.MaxAttempts; i++)
        {
            email.Retry(now, "550 mailbox unavailable", TimeSpan.FromMinutes(5));
            Assert.Null(email.FailedAt);
        }
        email.Retry(now, "550 mailbox unavailable", TimeSpan.FromMinutes(5));
        Assert.Equal(now, email.FailedAt);
        Assert.Equal("550 mailbox unavailable", email.LastError);
    }
}
