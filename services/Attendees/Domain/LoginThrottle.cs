namespace EventPlatform.Attendees.Domain;

/// <summary>Configuration section "Auth:Lockout": growing delays after repeated wrong passwords for one email.</summary>
public sealed class LoginLockoutOptions
{
    public const string Section = "Auth:Lockout";

    /// <summary>Wrong passwords in a row before the account is locked for a while.</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The first lock; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A count of failures is forgotten after this long without a new one.</summary>
    public TimeSpan ResetAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the email is locked after its <paramref name="failures"/>-th failure in a row (zero: not locked).</summary>
    public TimeSpan LockFor(int failures)
    {
        if (failures < FreeAttempts)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - FreeAttempts, 20);
        var delay = BaseDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}

/// <summary>
/// Failed sign-ins for one email address, whether or not an account has it (so a lock reveals nothing about
/// who is registered). Cleared by a successful sign-in.
/// </summary>
public sealed class LoginThrottle
{
    private LoginThrottle() { }

    public string Email { get; private set; } = "";
    public int Failures { get; private set; }
    public DateTimeOffset LastFailureAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
}
