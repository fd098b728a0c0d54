using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Rounds;

/// <summary>
/// Runs the rounds that networking breaks in the agenda scheduled, shortly before their slot. Each due round is
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> and completed in the same transaction as its matches, so with several
/// replicas every round runs exactly once.
/// </summary>
public sealed partial class RoundScheduler(IServiceScopeFactory scopes, IOptions<NetworkingOptions> options, TimeProvider clock,
    ILogger<RoundScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        do
        {
            try
            {
                while (await RunNextDueRoundAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs one due round, if there is one; false when none is due.</summary>
    public async Task<bool> RunNextDueRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchmakingDbContext>();
        var due = clock.GetUtcNow() + options.Value.RoundLeadTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var round = await db.Rounds
            .FromSql($"""
                SELECT * FROM networking_rounds
                WHERE status = {nameof(RoundStatus.Scheduled)} AND starts_at <= {due}
                ORDER BY starts_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(cancellationToken);
        if (round is null)
        {
            return false;
        }
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == round.EventId, cancellationToken);
        if (ev is null || ev.Status is "cancelled" or "ended" || round.EndsAt <= clock.GetUtcNow())
        {
            // Nobody to pair any more: the event is over or the slot has passed while the service was down.
            round.Complete(0, 0, 0, [], clock.GetUtcNow());
        }
        else
        {
            // A break meets in the format its organizers chose for the event's breaks.
            round.InGroupsOf(ev.BreakGroupSize);
            await scope.ServiceProvider.GetRequiredService<RoundPlanner>().MatchAsync(round, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Running scheduled networking rounds failed; trying again at the next tick")]
    private partial void LogFailed(Exception exception);
}
