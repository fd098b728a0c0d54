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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
