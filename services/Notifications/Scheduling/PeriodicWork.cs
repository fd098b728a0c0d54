namespace EventPlatform.Notifications.Scheduling;

/// <summary>
/// Work a replica does again and again (send due mail, reminders, nudges): a pass, then a pause, until the service
/// stops. A pass that fails (the database away) is logged and tried again after the pause; the service keeps running.
/// </summary>
public abstract class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The service's clock (tests move it).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>What the work is called in the log ("Reminders paused: …").</summary>
    protected abstract string Name { get; }

    /// <summary>The pause after a pass.</summary>
    protected abstract TimeSpan Pause { get; }

    /// <summary>One pass; true when there may be more to do at once (no pause then).</summary>
    protected abstract Task<bool> PassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Work} paused: {Message}", Name, ex.Message);
            }
            if (more)
            {
                continue;
            }
            try
            {
                await Task.Delay(Pause, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
