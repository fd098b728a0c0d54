using EventPlatform.Attendees.Data;
using EventPlatform.Contracts.Attendees;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// The links mailed to prove an address: a sign-up's confirmation and a password reset. Each is recorded (by its hash)
/// with the message that asks Notifications to mail it, in one transaction through the outbox. What the caller is told
/// never depends on whether the address has an account: the mail says what happened.
/// </summary>
public sealed class AccountLinks(AttendeesDbContext db, TimeProvider clock, ILogger<AccountLinks> logger)
{
    /// <summary>
    /// A sign-up: a new address is mailed the link that creates the account; an address that has one is mailed a
    /// password reset instead (the person may have forgotten they signed up).
    /// </summary>
    public async Task SignUpAsync(Attendee pending, CancellationToken cancellationToken)
    {
        var existing = await db.Attendees.AsNoTracking().FirstOrDefaultAsync(a => a.Email == pending.Email, cancellationToken);
        if (existing is not null)
        {
            await ResetAsync(existing, duringSignUp: true, cancellationToken);
            return;
        }
        if (await OverLimitAsync(pending.Email, cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var (row, value) = AccountToken.ForSignUp(pending, now);
        db.AccountTokens.Add(row);
        db.Publish(new EmailVerificationRequested
        {
            SignUpId = row.Id, Email = row.Email, DisplayName = pending.DisplayName, Token = value, ExpiresAt = row.ExpiresAt, OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Forgot password": the account's address is mailed a reset link; an unknown address changes nothing.</summary>
    public async Task ForgotPasswordAsync(string email, CancellationToken cancellationToken)
    {
        var attendee = await db.Attendees.AsNoTracking().FirstOrDefaultAsync(a => a.Email == Attendee.NormalizeEmail(email), cancellationToken);
        if (attendee is not null)
        {
            await ResetAsync(attendee, duringSignUp: false, cancellationToken);
        }
    }

    /// <summary>
    /// The link's row, locked for the caller's transaction, when the secret is one of <paramref name="purpose"/> and
    /// still usable; otherwise null (unknown, expired or used: all the same to the caller).
    /// </summary>
    public async Task<AccountToken?> RedeemAsync(string value, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var hash = RefreshToken.Hash(value);
        var purposeName = purpose.ToString();
        var token = await db.AccountTokens
            .FromSql($"SELECT * FROM account_tokens WHERE token_hash = {hash} AND purpose = {purposeName} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        return token is not null && token.IsUsable(clock.GetUtcNow()) ? token : null;
    }

    /// <summary>Every reset link of the account not used yet stops working (a password was set).</summary>
    public Task<int> WithdrawResetsAsync(Guid attendeeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.AccountTokens.Where(t => t.AttendeeId == attendeeId && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
    }

    private async Task ResetAsync(Attendee attendee, bool duringSignUp, CancellationToken cancellationToken)
    {
        if (await OverLimitAsync(attendee.Email, cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var (row, value) = AccountToken.ForPasswordReset(attendee, now);
        db.AccountTokens.Add(row);
        db.Publish(new PasswordResetRequested
        {
            RequestId = row.Id, AttendeeId = attendee.Id, Email = attendee.Email, DisplayName = attendee.DisplayName, Token = value,
            ExpiresAt = row.ExpiresAt, DuringSignUp = duringSignUp, OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>So nobody can flood a mailbox through the sign-up or reset forms: a few links per address per hour.</summary>
    private async Task<bool> OverLimitAsync(string email, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-1);
        var recent = await db.AccountTokens.CountAsync(t => t.Email == email && t.CreatedAt > since, cancellationToken);
        if (recent < AccountToken.MailsPerAddressPerHour)
        {
            return false;
        }
        logger.LogWarning("Not mailing another account link to an address that was sent {Count} in the last hour", recent);
        return true;
    }
}
