namespace EventPlatform.Notifications.Domain;

/// <summary>
/// An email decided in the same transaction as its notification and delivered afterwards by the dispatcher, with
/// retries and backoff: an SMTP outage delays mail, it never loses it. One row per notification that is emailed, with
/// the notification's id.
/// </summary>
public sealed class OutgoingEmail
{
    public const int MaxAttempts = 40;

    private OutgoingEmail()
    {
    }

    /// <summary>The id of the notification it carries.</summary>
    public Guid Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? FailedAt { get; private set; }
    public string? LastError { get; private set; }

    public static OutgoingEmail For(Notification notification) => new()
    {
        Id = notification.Id,
        CreatedAt = notification.CreatedAt,
        NextAttemptAt = notification.CreatedAt,
    };

    public void Sent(DateTimeOffset now) => SentAt = now;

    /// <summary>
    /// Tries again later, waiting longer each time (1 s, 2 s, 4 s … up to <paramref name="maxBackoff"/>). An email the
    /// server refused, or that cannot be written, is given up after <see cref="MaxAttempts"/>; one that waits for the
    /// server to come back (<paramref name="serverAway"/>) never is: an outage of any length delays mail, it loses none.
    /// </summary>
    public void Retry(DateTimeOffset now, string error, TimeSpan maxBackoff, bool serverAway = false)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= MaxAttempts && !serverAway)
        {
            FailedAt = now;
            return;
        }
        NextAttemptAt = now + Backoff(Attempts, maxBackoff);
    }

    public static TimeSpan Backoff(int attempts, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 12))));
}
