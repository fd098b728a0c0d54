using EventPlatform.Attendees.Data;
using EventPlatform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Attendees.Domain;

/// <summary>A signed-in session as a client receives it: a short-lived access token and the refresh token that renews it.</summary>
public sealed record SessionTokens(AccessToken Access, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, Guid SessionId);

/// <summary>
/// Sessions: each sign-in starts a family of refresh tokens. Refreshing rotates the token; presenting a token that
/// was already rotated or revoked revokes the whole family (it was stolen, or the client is confused — either way
/// the session ends). Logging out revokes the family; changing the password revokes every family of the account.
/// </summary>
public sealed class Sessions(AttendeesDbContext db, TokenIssuer issuer, TimeProvider clock)
{
    public async Task<SessionTokens> StartAsync(Attendee attendee, CancellationToken cancellationToken)
    {
        var tokens = Issue(attendee, Guid.CreateVersion7());
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    /// <summary>A new pair for a usable refresh token, or null (unknown, expired, reused or revoked: the caller signs in again).</summary>
    public async Task<(Attendee Attendee, SessionTokens Tokens)?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = RefreshToken.Hash(refreshToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await db.RefreshTokens.FromSql($"SELECT * FROM refresh_tokens WHERE token_hash = {hash} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return null;
        }
        if (current.UsedAt is not null || current.RevokedAt is not null)
        {
            await RevokeFamilyAsync(current.FamilyId, RevokeReasons.Reuse, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        if (now >= current.ExpiresAt)
        {
            return null;
        }
        var attendee = await db.Attendees.AsNoTracking().FirstOrDefaultAsync(a => a.Id == current.AttendeeId, cancellationToken);
        if (attendee is null)
        {
            return null;
        }
        current.MarkUsed(now);
        var tokens = Issue(attendee, current.FamilyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (attendee, tokens);
    }

    /// <summary>Ends the session the refresh token belongs to; an unknown token changes nothing.</summary>
    public async Task LogoutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = RefreshToken.Hash(refreshToken);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, RevokeReasons.Logout, clock.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Ends every session of the attendee.</summary>
    public Task<int> RevokeAllAsync(Guid attendeeId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.AttendeeId == attendeeId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);
    }

    /// <summary>Everyone is an attendee; an organizer is a confirmed address on the organizer list (<c>Auth:OrganizerEmails</c>).</summary>
    public IReadOnlyList<string> RolesOf(Attendee attendee) =>
        attendee.EmailVerifiedAt is not null && issuer.Options.OrganizerEmails.Any(e => Attendee.NormalizeEmail(e) == attendee.Email)
            ? [Roles.Attendee, Roles.Organizer]
            : [Roles.Attendee];

    private Task<int> RevokeFamilyAsync(Guid familyId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);

    private SessionTokens Issue(Attendee attendee, Guid familyId)
    {
        var now = clock.GetUtcNow();
        var (row, value) = RefreshToken.Issue(attendee.Id, familyId, issuer.Options.RefreshTokenLifetime, now);
        db.RefreshTokens.Add(row);
        var access = issuer.Issue(attendee.Id, attendee.Email, attendee.DisplayName, RolesOf(attendee), familyId);
        return new SessionTokens(access, value, row.ExpiresAt, familyId);
    }
}
