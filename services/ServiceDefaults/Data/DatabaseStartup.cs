using EventPlatform.ServiceDefaults.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPlatform.ServiceDefaults.Data;

/// <summary>
/// Waits for PostgreSQL with backoff and applies the committed migrations before anything else starts,
/// so a service launched before its database comes up waits instead of crashing.
/// </summary>
public sealed class DatabaseStartup<TContext>(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseStartup<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pipeline = StartupResilience.WaitForDependency(logger, "PostgreSQL");
        await pipeline.ExecuteAsync(async token =>
        {
            if (options.Value.MigrateOnStartup)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(token);
                logger.LogInformation("Database {Database} is migrated to {Migration}",
                    new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database, db.Database.GetMigrations().LastOrDefault());
            }
            else
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                logger.LogInformation("Database {Database} is reachable; migrations are left to a release job", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);
            }
        }, cancellationToken);

        await WarmUpAsync(cancellationToken);
    }

    /// <summary>
    /// The first query of each entity pays for EF Core's query pipeline, materializers and Npgsql's type handling
    /// (hundreds of milliseconds on a cold process). Paying it here keeps the first request and the first consumed
    /// message after a start as fast as the rest.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType))
        {
            var query = (IQueryable<object>)set.MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
            // Compiles the query and its materializer without reading a row (and without Take's "no OrderBy" warning).
            await query.AsNoTracking().Where(_ => false).ToListAsync(cancellationToken);
        }
        await db.Database.ExecuteSqlAsync($"SELECT 1", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
