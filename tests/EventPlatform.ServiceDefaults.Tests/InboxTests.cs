using EventPlatform.Testing;

namespace EventPlatform.ServiceDefaults.Tests;

public sealed class InboxTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task A_message_delivered_several_times_at_once_is_applied_once()
    {
        var key = $"dup-{Guid.NewGuid():N}";
        var messageId = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.Probe.PublishAsync(new TallyRequested { Key = key }, messageId)));
        await fixture.Probe.PublishAsync(new TallyRequested { Key = key }, messageId);

        await Eventually.HoldsAsync(async () => await fixture.Host.TallyAsync(key) > 0, "the message is applied");
        // Give every copy time to be consumed; all six deliveries ran the consumer, one effect remains.
        await Eventually.HoldsAsync(() => Task.FromResult(TallyConsumer.Attempts.GetValueOrDefault(key) >= 1), "copies are consumed");
        await Task.Delay(1500);
        Assert.Equal(1, await fixture.Host.TallyAsync(key));
    }

    [Fact]
    public async Task Distinct_messages_with_the_same_content_are_each_applied()
    {
        var key = $"distinct-{Guid.NewGuid():N}";
        await fixture.Probe.PublishAsync(new TallyRequested { Key = key }, Guid.NewGuid());
        await fixture.Probe.PublishAsync(new TallyRequested { Key = key }, Guid.NewGuid());
        await Eventually.HoldsAsync(async () => await fixture.Host.TallyAsync(key) == 2, "both messages are applied");
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_applied_once()
    {
        var key = $"flaky-{Guid.NewGuid():N}";
        await fixture.Probe.PublishAsync(new TallyRequested { Key = key });
        await Eventually.HoldsAsync(async () => await fixture.Host.TallyAsync(key) == 1, "the message succeeds on its third attempt");
        Assert.Equal(3, TallyConsumer.Attempts[key]);
    }

    [Fact]
    public async Task A_message_that_can_never_succeed_goes_to_the_error_queue_at_once_without_blocking_the_queue()
    {
        var bad = $"bad-{Guid.NewGuid():N}";
        var good = $"good-{Guid.NewGuid():N}";
        await fixture.Probe.PublishAsync(new TallyRequested { Key = bad });
        await fixture.Probe.PublishAsync(new TallyRequested { Key = good });

        await Eventually.HoldsAsync(async () => await fixture.Host.TallyAsync(good) == 1, "the next message is processed");
        await Eventually.HoldsAsync(async () => await TestInfrastructure.QueueDepthAsync(fixture.VirtualHost, "tests-tally_error") >= 1,
            "the bad message lands in tests-tally_error", TimeSpan.FromSeconds(20));
        Assert.Equal(1, TallyConsumer.Attempts[bad]);
        Assert.Equal(0, await fixture.Host.TallyAsync(bad));
    }
}
