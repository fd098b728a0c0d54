using System.Net.Http.Json;
using System.Security.Cryptography;
using EventPlatform.Web.Data;
using EventPlatform.Web.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Web.Sessions;

/// <summary>
/// The server side of a signed-in browser (backend for frontend): the API tokens live here, sealed, and are renewed
/// here before they expire. Renewing takes the session's row lock, so two requests (or two replicas) never spend the
/// same refresh token twice, which the platform would take for theft and answer by ending the session. Each operation
/// uses a database context of its own: a live page's circuit may ask for a token while another call is under way.
/// </summary>
public sealed class WebSessions(IServiceScopeFactory scopes, IHttpClientFactory clients, IDataProtectionProvider protection, TimeProvider clock,
    ILogger<WebSessions> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string SessionId, string Token, DateTimeOffset ExpiresAt)? _cached;

    /// <summary>An access token with less than this to live is renewed before use.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly IDataProtector _protector = protection.CreateProtector("EventPlatform.Web.SessionTokens");

    public async Task<string> StartAsync(SignedInDto signedIn, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var now = clock.GetUtcNow();
        var session = new WebSession
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            AttendeeId = signedIn.AttendeeId,
            AccessToken = _protector.Protect(signedIn.Token),
            AccessExpiresAt = signedIn.ExpiresAt,
            RefreshToken = _protector.Protect(signedIn.RefreshToken),
            RefreshExpiresAt = signedIn.RefreshTokenExpiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>The tokens of a session changed (a password change starts a new API session): keep the browser's session.</summary>
    public async Task ReplaceTokensAsync(string sessionId, SignedInDto signedIn, CancellationToken cancellationToken)
    {
        _cached = null;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return;
        }
        Store(session, signedIn);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A usable access token for the session, renewed when it is about to expire; null when the session has ended.</summary>
    public async Task<string?> AccessTokenAsync(string sessionId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.SessionId == sessionId && cached.ExpiresAt - clock.GetUtcNow() > RenewBefore)
            {
                return cached.Token;
            }
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null)
            {
                _cached = null;
                return null;
            }
            if (session.AccessExpiresAt - clock.GetUtcNow() > RenewBefore)
            {
                var token = _protector.Unprotect(session.AccessToken);
                _cached = (sessionId, token, session.AccessExpiresAt);
                return token;
            }
            return await RenewAsync(db, sessionId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether the session is still open (not logged out, not refused by the platform). The row read here also serves
    /// this request's API calls (its access token, while fresh), so a page costs one session read, not two.
    /// </summary>
    public async Task<bool> IsOpenAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var now = clock.GetUtcNow();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.RefreshExpiresAt <= now)
        {
            return false;
        }
        if (session.AccessExpiresAt - now > RenewBefore)
        {
            await _gate.WaitAsync(cancellationToken);
            _cached = (sessionId, _protector.Unprotect(session.AccessToken), session.AccessExpiresAt);
            _gate.Release();
        }
        return true;
    }

    /// <summary>Ends the session: the platform forgets its refresh token, and this store its row.</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        _cached = null;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return;
        }
        try
        {
            using var response = await Gateway().PostAsJsonAsync("/api/auth/logout",
                new { refreshToken = _protector.Unprotect(session.RefreshToken) }, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // The refresh token expires on its own; the browser's session ends here either way.
            logger.LogWarning(exception, "Could not tell the platform that session {SessionId} ended", sessionId);
        }
        db.Sessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string?> RenewAsync(WebDbContext db, string sessionId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.Sessions.FromSql($"SELECT * FROM web_sessions WHERE id = {sessionId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }
        if (session.AccessExpiresAt - clock.GetUtcNow() > RenewBefore)
        {
            // Another request (or replica) renewed it while this one waited for the lock.
            var token = _protector.Unprotect(session.AccessToken);
            _cached = (sessionId, token, session.AccessExpiresAt);
            return token;
        }
        using var response = await Gateway().PostAsJsonAsync("/api/auth/refresh",
            new { refreshToken = _protector.Unprotect(session.RefreshToken) }, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            logger.LogInformation("Session {SessionId} ended: its refresh token was refused", sessionId);
            db.Sessions.Remove(session);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        response.EnsureSuccessStatusCode();
        var renewed = await response.Content.ReadFromJsonAsync<SignedInDto>(PlatformApi.Json, cancellationToken)
            ?? throw new InvalidOperationException("The platform answered a refresh without tokens.");
        Store(session, renewed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _cached = (sessionId, renewed.Token, renewed.ExpiresAt);
        return renewed.Token;
    }

    private void Store(WebSession session, SignedInDto signedIn)
    {
        session.AccessToken = _protector.Protect(signedIn.Token);
        session.AccessExpiresAt = signedIn.ExpiresAt;
        session.RefreshToken = _protector.Protect(signedIn.RefreshToken);
        session.RefreshExpiresAt = signedIn.RefreshTokenExpiresAt;
        session.UpdatedAt = clock.GetUtcNow();
    }

    private HttpClient Gateway() => clients.CreateClient(PlatformApi.HttpClientName);
}
