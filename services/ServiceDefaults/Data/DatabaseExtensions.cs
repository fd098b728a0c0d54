using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace EventPlatform.ServiceDefaults.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending EF Core migrations at start-up (turn off when a release job migrates instead).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseExtensions
{
    /// <summary>The PostgreSQL on this machine (deploy/infra.sh): over loopback, so without TLS, which would only cost CPU.</summary>
    public static string DefaultConnectionString(string database) =>
        $"Host=127.0.0.1;Port=5432;Database={database};Username=eventplatform;Password=eventplatform;SSL Mode=Disable";

    /// <summary>
    /// A data source for the connection string. Statements a service runs over and over (every request's queries are the
    /// same few shapes) are prepared automatically after their second use, so PostgreSQL parses and plans them once per
    /// connection instead of on every call; a connection string that sets <c>Max Auto Prepare</c> keeps its value.
    /// A connection goes back to the pool without a session reset (<c>No Reset On Close</c>): the services keep no session
    /// state (their locks are transaction locks, their settings none), and the reset was seven statements ahead of the next
    /// query on every connection taken from the pool: two thirds of the statements Attendees sent during registrations. An open
    /// transaction is still rolled back when its connection is returned, and the outbox relay's listening connection
    /// stops listening before it is (<see cref="OutboxRelay{TContext}"/>).
    /// </summary>
    private static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }

    /// <summary>
    /// The service's own PostgreSQL database: one <see cref="NpgsqlDataSource"/> shared by EF Core and the
    /// outbox relay, migrations applied at start-up once the server answers, the outbox relay and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string defaultDatabase)
        where TContext : ServiceDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DefaultConnectionString(defaultDatabase);
        builder.Services.AddSingleton(_ => DataSource(connectionString));
        // Contexts come from a pool: EF Core sets a context up (its internal services, the model) once per pooled instance
        // rather than once per request or message, which was a tenth of the Attendees service's CPU under registrations.
        // Each scope leases one and returns it when the scope ends; the lease starts with no correlation id, the one piece
        // of state a context of ours carries beyond what EF Core resets itself.
        builder.Services.AddPooledDbContextFactory<TContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
        builder.Services.AddScoped(services =>
        {
            var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            db.CorrelationId = null;
            return db;
        });

        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        // Registered before the bus so that consumers never run against a database that is not migrated yet.
        builder.Services.AddHostedService<DatabaseStartup<TContext>>();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddHostedService<OutboxRelay<TContext>>();

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [HealthTags.Ready]);
        return builder;
    }
}
