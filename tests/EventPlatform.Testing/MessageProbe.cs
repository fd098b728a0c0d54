using System.Collections.Concurrent;
using MassTransit;

namespace EventPlatform.Testing;

/// <summary>
/// A real MassTransit bus on the fixture's virtual host: it observes what the service under test publishes and
/// publishes what another service would. Its queue is the test's own, so it never steals the service's messages.
/// </summary>
public sealed class MessageProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly List<Action<IRabbitMqReceiveEndpointConfigurator>> _observers = [];
    private readonly string _virtualHost;
    private IBusControl? _bus;

    public MessageProbe(string virtualHost) => _virtualHost = virtualHost;

    public sealed record Received(object Message, Guid? MessageId, string? CorrelationId);

    public MessageProbe Observe<T>() where T : class
    {
        _observers.Add(endpoint => endpoint.Handler<T>(context =>
        {
            _received.Enqueue(new Received(context.Message, context.MessageId, context.Headers.Get<string>("X-Correlation-Id")));
            return Task.CompletedTask;
        }));
        return this;
    }

    public async Task<MessageProbe> StartAsync()
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(TestInfrastructure.RabbitHost, (ushort)TestInfrastructure.RabbitPort, _virtualHost, h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            cfg.ReceiveEndpoint($"test-probe-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var observe in _observers)
                {
                    observe(endpoint);
                }
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.StartAsync(timeout.Token);
        return this;
    }

    public IReadOnlyList<Received> All<T>(Func<T, bool> predicate) where T : class =>
        [.. _received.Where(r => r.Message is T message && predicate(message))];

    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (All(predicate) is [{ Message: T found }, ..])
            {
                return found;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {typeof(T).Name} matching the condition arrived within {timeout ?? TimeSpan.FromSeconds(15)}.");
    }

    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        if (_bus is null)
        {
            throw new InvalidOperationException("Start the probe first.");
        }
        await _bus.Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid());
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }
    }
}
