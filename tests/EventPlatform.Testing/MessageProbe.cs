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
    private readonly string _host;
    private readonly int _port;
    private IBusControl? _bus;

    /// <param name="virtualHost">The fixture's virtual host.</param>
    /// <param name="host">The broker, when not the shared one (a test's dedicated container).</param>
    /// <param name="port">Its AMQP port.</param>
    public MessageProbe(string virtualHost, string? host = null, int? port = null)
    {
        _virtualHost = virtualHost;
        _host = host ?? TestInfrastructure.RabbitHost;
        _port = port ?? TestInfrastructure.RabbitPort;
    }

    /// <summary>
    /// Keep the probe's queue on disk (durable, not auto-deleted), so that it and its bindings survive a broker
    /// restart and nothing published before the probe reconnects is dropped.
    /// </summary>
    public bool SurvivesBrokerRestart { get; init; }

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
            cfg.Host(_host, (ushort)_port, _virtualHost, h =>
            {
                h.Username(TestContainers.RabbitUser);
                h.Password(TestContainers.RabbitPassword);
            });
            cfg.ReceiveEndpoint($"test-probe-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = !SurvivesBrokerRestart;
                endpoint.Durable = SurvivesBrokerRestart;
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

    public async Task PublishAsync<T>(T message, Guid? messageId = null, Guid? correlationId = null) where T : class
    {
        if (_bus is null)
        {
            throw new InvalidOperationException("Start the probe first.");
        }
        await _bus.Publish(message, context =>
        {
            context.MessageId = messageId ?? Guid.NewGuid();
            context.CorrelationId = correlationId;
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }
    }
}
