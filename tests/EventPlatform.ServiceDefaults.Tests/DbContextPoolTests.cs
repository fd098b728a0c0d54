using EventPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventPlatform.ServiceDefaults.Tests;

/// <summary>
/// A service's contexts come from a pool and their connections go back to Npgsql's pool without a session reset: what one
/// request or message leaves behind must not reach the next.
/// </summary>
public sealed class DbContextPoolTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Each_scope_leases_a_pooled_context_that_starts_without_the_previous_correlation_id_or_changes()
    {
        var leased = new HashSet<TallyDbContext>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 20; i++)
        {
            await fixture.Host.WithDbAsync(db =>
            {
                Assert.Null(db.CorrelationId);
                Assert.Empty(db.ChangeTracker.Entries());
                leased.Add(db);
                db.CorrelationId = $"request-{i}";
                db.Tallies.Add(new Tally { Key = $"unsaved-{Guid.NewGuid():N}" });
                return Task.FromResult(0);
            });
        }
        Assert.True(leased.Count < 20, $"{leased.Count} contexts for 20 scopes: they are not pooled");
    }

    [Fact]
    public async Task A_connection_returned_in_an_open_transaction_is_rolled_back_before_its_next_use()
    {
        var abandoned = $"abandoned-{Guid.NewGuid():N}";
        var next = $"next-{Guid.NewGuid():N}";
        await fixture.Host.WithDbAsync(async db =>
        {
            // The scope ends with the transaction neither committed nor rolled back.
            await db.Database.BeginTransactionAsync();
            db.Tallies.Add(new Tally { Key = abandoned, Count = 1 });
            return await db.SaveChangesAsync();
        });
        await fixture.Host.WithDbAsync(async db =>
        {
            db.Tallies.Add(new Tally { Key = next, Count = 1 });
            return await db.SaveChangesAsync();
        });

        // Read over a connection of its own: the second write is committed, the first never was.
        await using var connection = new NpgsqlConnection(TestInfrastructure.ConnectionString(fixture.Database));
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT key FROM tallies WHERE key = ANY($1)", connection) { Parameters = { new() { Value = new[] { abandoned, next } } } };
        var keys = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }
        Assert.Equal([next], keys);
    }
}
