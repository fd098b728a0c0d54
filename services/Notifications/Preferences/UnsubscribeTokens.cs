using System.Security.Cryptography;
using System.Text;
using EventPlatform.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Notifications.Preferences;

/// <summary>
/// The signed part of an unsubscribe link: who and which kind (or "all"), with an HMAC-SHA256 over both, so that the
/// link works without signing in and nobody can make one for someone else. The key is made at random the first time
/// and kept in the service's database, so every replica signs and checks with the same key and links outlive restarts.
/// </summary>
public sealed class UnsubscribeTokens(IServiceScopeFactory scopes)
{
    public const string All = "all";
    private const string KeyName = "unsubscribe";
    private byte[]? _key;

    public async Task<string> IssueAsync(Guid attendeeId, string kind, CancellationToken cancellationToken)
    {
        var payload = $"{attendeeId:N}.{kind}";
        return $"{payload}.{Base64Url(Sign(await KeyAsync(cancellationToken), payload))}";
    }

    /// <summary>Who and which kind the token stands for, or null when it is malformed or not ours.</summary>
    public async Task<(Guid AttendeeId, string Kind)?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var attendeeId) || parts[1].Length is 0 or > 40)
        {
            return null;
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[2].Length % 4) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = Sign(await KeyAsync(cancellationToken), $"{parts[0]}.{parts[1]}");
        return CryptographicOperations.FixedTimeEquals(signature, expected) ? (attendeeId, parts[1]) : null;
    }

    private static byte[] Sign(byte[] key, string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // The first replica to need it makes it; the others (and later starts) read the same one.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO signing_keys (name, key) VALUES ({KeyName}, {RandomNumberGenerator.GetBytes(32)}) ON CONFLICT DO NOTHING", cancellationToken);
        _key = await db.Database.SqlQuery<byte[]>($"SELECT key AS \"Value\" FROM signing_keys WHERE name = {KeyName}").SingleAsync(cancellationToken);
        return _key;
    }
}
