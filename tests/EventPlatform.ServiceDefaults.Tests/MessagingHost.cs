using System.Collections.Concurrent;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed record TallyRequested
{
    public required string Key { get; init; }
}

public sealed class Tally
{
    public required string Key { get; init; }
    public int Count { get; set; }
}

public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    /// <summary>Counts one more application of a message with <paramref name="key"/> (saved with the caller's changes).</summary>
    public async Task CountAsync(string key, CancellationToken cancellationToken)
    {
        var tally = await Tallies.FindAsync([key], cancellationToken);
        if (tally is null)
        {
            Tallies.Add(new Tally { Key = key, Count = 1 });
        }
        else
        {
            tally.Count++;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Tally>().HasKey(t => t.Key);
    }
}

/// <summary>Counts each message it applies: a key counted twice means a duplicate got through the inbox.</summary>
public sealed class TallyConsumer(TallyDbContext db, ILogger<TallyConsumer> logger) : IConsumer<TallyRequested>
{
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    public Task Consume(ConsumeContext<TallyRequested> context) =>
        db.ConsumeOnceAsync(context, nameof(TallyConsumer), async cancellationToken =>
        {
            var key = context.Message.Key;
            var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (key.StartsWith("bad-", StringComparison.Ordinal))
            {
                throw new UnprocessableMessageException($"{key} can never be counted");
            }
            if (key.StartsWith("flaky-", StringComparison.Ordinal) && attempt < 3)
            {
                throw new InvalidOperationException($"transient failure {attempt}");
            }
            await db.CountAsync(key, cancellationToken);
        }, logger);
}

public sealed record BatchedTallyRequested
{
    public required string Key { get; init; }
}

/// <summary>What <see cref="BatchedTallyConsumer"/> publishes for each message it applies (through the outbox).</summary>
public sealed record TallyApplied
{
    public required string Key { get; init; }
}

/// <summary>Counts each message it applies, in batches (<see cref="InboxBatches{TDb, TItem}"/>), and remembers every batch.</summary>
public sealed class BatchedTallyConsumer(InboxBatches<TallyDbContext, string> tallies) : IConsumer<BatchedTallyRequested>
{
    /// <summary>The keys of every batch the effect was given, in order.</summary>
    public static readonly ConcurrentQueue<string[]> Batches = new();

    public Task Consume(ConsumeContext<BatchedTallyRequested> context) =>
        tallies.ConsumeOnceAsync(context, nameof(BatchedTallyConsumer), context.Message.Key);

    public static async Task ApplyAsync(TallyDbContext db, IReadOnlyList<Delivery<string>> deliveries, CancellationToken cancellationToken)
    {
        Batches.Enqueue([.. deliveries.Select(d => d.Item)]);
        if (deliveries.Any(d => d.Item.StartsWith("slow-", StringComparison.Ordinal)))
        {
            // Holds the line a while, so that what is delivered meanwhile waits and forms the next batch.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        foreach (var (_, _, correlationId, key) in deliveries)
        {
            if (key.StartsWith("bad-", StringComparison.Ordinal))
            {
                throw new UnprocessableMessageException($"{key} can never be counted");
            }
            await db.CountAsync(key, cancellationToken);
            db.Publish(new TallyApplied { Key = key }, correlationId);
        }
    }
}

/// <summary>A minimal service built from ServiceDefaults: its own database, the outbox relay, the bus and two consumers (one batched).</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private MessagingHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task CreateSchemaAsync(string database)
    {
        var options = new DbContextOptionsBuilder<TallyDbContext>()
            .UseNpgsql(TestInfrastructure.ConnectionString(database)).UseSnakeCaseNamingConvention().Options;
        await using var db = new TallyDbContext(options);
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(DatabaseMigrations.OutboxNotifyTriggerSql);
    }

    public static MessagingHost Create(string database, string virtualHost, int? rabbitPort = null, int? postgresPort = null,
        TimeSpan? pollInterval = null, bool withConsumer = true, string? rabbitHost = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TEST_HOST_LOGS") == "1") { builder.Logging.AddConsole(); }
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = TestInfrastructure.ConnectionString(database, port: postgresPort),
            ["Database:MigrateOnStartup"] = "false",
            ["RabbitMq:Host"] = rabbitHost ?? TestInfrastructure.RabbitHost,
            ["RabbitMq:Port"] = (rabbitPort ?? TestInfrastructure.RabbitPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = virtualHost,
            ["Outbox:PollInterval"] = (pollInterval ?? TimeSpan.FromSeconds(30)).ToString(),
            ["Outbox:PublishTimeout"] = "00:00:03",
            ["Outbox:MaxBackoff"] = "00:00:01",
        });
        builder.AddServiceDatabase<TallyDbContext>(database);
        builder.Services.AddInboxBatches<TallyDbContext, string>(BatchedTallyConsumer.ApplyAsync);
        builder.AddServiceBus("tests", bus =>
        {
            if (withConsumer)
            {
                bus.AddConsumer<TallyConsumer>();
                bus.AddConsumer<BatchedTallyConsumer>();
            }
        });
        return new MessagingHost(builder.Build());
    }

    /// <summary>Starts the host and waits until its bus has connected and bound its queues.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await Host.StartAsync(cancellationToken);
        var health = await Host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The bus did not become healthy: {health}");
        }
    }

    public async Task<T> WithDbAsync<T>(Func<TallyDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }

    public Task<int> TallyAsync(string key) =>
        WithDbAsync(async db => (await db.Tallies.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key))?.Count ?? 0);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await Host.StopAsync(timeout.Token);
        }
        finally
        {
            Host.Dispose();
        }
    }
}
