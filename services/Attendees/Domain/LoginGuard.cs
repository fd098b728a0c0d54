using EventPlatform.Attendees.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// Slows down password guessing against one email: after <see cref="LoginLockoutOptions.FreeAttempts"/> failures in a
/// row the email is locked for a growing delay. Unknown emails are counted like known ones.
/// </summary>
public sealed class LoginGuard(AttendeesDbContext db, IOptions<LoginLockoutOptions> options, TimeProvider clock)
{
    /// <summary>How long until the email may try again, or null when it may now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lockedUntil = await db.LoginThrottles.AsNoTracking().Where(t => t.Email == email)
            .Select(t => t.LockedUntil).FirstOrDefaultAsync(cancellationToken);
        return lockedUntil is { } until && until > now ? until - now : null;
    }

    /// <summary>Counts a failure (atomically, so parallel guesses all count) and locks the email when it is one too many.</summary>
    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var forgetBefore = now - settings.ResetAfter;
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO login_throttles (email, failures, last_failure_at) VALUES ({email}, 1, {now})
            ON CONFLICT (email) DO UPDATE SET
                failures = CASE WHEN login_throttles.last_failure_at < {forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END,
                last_failure_at = {now}
            RETURNING failures AS "Value"
            """).ToListAsync(cancellationToken);
        var lockFor = settings.LockFor(failures[0]);
        if (lockFor > TimeSpan.Zero)
        {
            var until = now + lockFor;
            await db.LoginThrottles.Where(t => t.Email == email).ExecuteUpdateAsync(set => set.SetProperty(t => t.LockedUntil, until), cancellationToken);
        }
    }

    public Task ClearAsync(string email, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.Email == email).ExecuteDeleteAsync(cancellationToken);
}
