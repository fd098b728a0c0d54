using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace EventPlatform.ServiceDefaults.Resilience;

/// <summary>
/// Pipelines for dependencies that may come up after the service does (PostgreSQL in compose, or a
/// restarted server): wait with capped exponential backoff instead of crashing.
/// </summary>
public static class StartupResilience
{
    public static ResiliencePipeline WaitForDependency(ILogger logger, string dependency, TimeSpan? maxDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = maxDelay ?? TimeSpan.FromSeconds(5),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "{Dependency} is not reachable yet (attempt {Attempt}, next try in {Delay}): {Error}",
                        dependency, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Failures that go away when the server comes up; anything else (bad SQL, bad password) is a bug to surface.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient
            || pg.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException or IOException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
