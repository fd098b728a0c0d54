using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EventPlatform.ServiceDefaults.Messaging;

/// <summary>The durable queues this service consumes from (and their _error/_skipped queues), as the bus declares them.</summary>
public sealed class ServiceQueues
{
    private readonly ConcurrentDictionary<string, byte> _names = new();

    public void Add(string queue)
    {
        _names.TryAdd(queue, 0);
        _names.TryAdd(queue + "_error", 0);
        _names.TryAdd(queue + "_skipped", 0);
    }

    public IReadOnlyCollection<string> Names => [.. _names.Keys.Order(StringComparer.Ordinal)];
}

/// <summary>
/// Every durable queue a service consumes from is a quorum queue: replicated across a cluster's nodes, with
/// at-least-once delivery and poison-message handling, what RabbitMQ recommends for messages that matter. RabbitMQ
/// never changes the type of an existing queue, so queues left classic by an earlier version are moved over once,
/// before the bus starts, losing nothing: a quorum queue "{queue}.migrating" is bound to the queue's exchange and
/// takes every message from the classic queue (and whatever arrives meanwhile); the classic queue is deleted once
/// empty, the quorum queue declared and bound in its place, and the held messages moved into it. A redelivered copy,
/// should the service stop halfway, is told apart by the consumers' inbox. While the broker is unreachable the
/// service starts anyway and the move happens when it answers.
/// </summary>
public sealed class QuorumQueueMigration(
    IServiceProvider services, ServiceQueues queues, RabbitMqOptions rabbit, ILogger<QuorumQueueMigration> logger) : IHostedService
{
    private const string QueueType = "x-queue-type";
    private static readonly Dictionary<string, object?> Quorum = new() { [QueueType] = "quorum" };
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the bus configures it (without starting it): the endpoints declare their queue names.
        _ = services.GetRequiredService<IBusControl>();
        var first = MigrateUntilDoneAsync(_stopping.Token);
        var waited = await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        _background = waited == first ? Task.CompletedTask : first;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _background.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task MigrateUntilDoneAsync(CancellationToken cancellation)
    {
        for (var delay = TimeSpan.FromSeconds(1); !cancellation.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30)))
        {
            try
            {
                await MigrateAsync(cancellation);
                return;
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or IOException or TimeoutException)
            {
                logger.LogWarning("Moving classic queues to quorum queues waits for RabbitMQ: {Reason}", e.Message);
                await Task.Delay(delay, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellation)
    {
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "quorum-queue-migration",
        };
        await using var connection = await factory.CreateConnectionAsync(cancellation);
        foreach (var queue in queues.Names)
        {
            if (await IsClassicAsync(connection, queue, cancellation))
            {
                await HoldAndDeleteClassicAsync(connection, queue, cancellation);
            }
            // Also finishes a move that was interrupted after the classic queue was gone.
            if (await ExistsAsync(connection, Holding(queue), cancellation))
            {
                await DeclareQuorumAndReleaseAsync(connection, queue, cancellation);
            }
        }
    }

    private static string Holding(string queue) => queue + ".migrating";

    private static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellation)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellation);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>A queue that exists and is not a quorum queue (declaring it as one is refused with 406).</summary>
    private static async Task<bool> IsClassicAsync(IConnection connection, string queue, CancellationToken cancellation)
    {
        if (!await ExistsAsync(connection, queue, cancellation))
        {
            return false;
        }
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Quorum, cancellationToken: cancellation);
            return false;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            return true;
        }
    }

    /// <summary>The classic queue's messages, and whatever its exchange routes meanwhile, go to the holding queue; then it is deleted.</summary>
    private static async Task HoldAndDeleteClassicAsync(IConnection connection, string queue, CancellationToken cancellation)
    {
        var holding = Holding(queue);
        await using var channel = await ConfirmingChannelAsync(connection, cancellation);
        // MassTransit binds each queue to a fanout exchange of the same name; the holding queue listens there too.
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, cancellationToken: cancellation);
        await channel.QueueDeclareAsync(holding, durable: true, exclusive: false, autoDelete: false, Quorum, cancellationToken: cancellation);
        await channel.QueueBindAsync(holding, queue, "", cancellationToken: cancellation);
        while (true)
        {
            await MoveAllAsync(channel, queue, holding, cancellation);
            try
            {
                await using var deleting = await connection.CreateChannelAsync(cancellationToken: cancellation);
                await deleting.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: true, cancellationToken: cancellation);
                return;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
            {
                // A message arrived after the last one was moved: move it too.
            }
        }
    }

    /// <summary>
    /// The quorum queue in the classic one's place, bound to its exchange, and the held messages moved into it. A fresh
    /// channel: one that used the classic queue keeps its state under the name (RabbitMQ 3.10 fails such a channel).
    /// </summary>
    private async Task DeclareQuorumAndReleaseAsync(IConnection connection, string queue, CancellationToken cancellation)
    {
        var holding = Holding(queue);
        await using var channel = await ConfirmingChannelAsync(connection, cancellation);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, cancellationToken: cancellation);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Quorum, cancellationToken: cancellation);
        await channel.QueueBindAsync(queue, queue, "", cancellationToken: cancellation);
        await channel.QueueUnbindAsync(holding, queue, "", cancellationToken: cancellation);
        var moved = await MoveAllAsync(channel, holding, queue, cancellation);
        // Unbound before it was emptied, so nothing can have reached it since.
        await channel.QueueDeleteAsync(holding, ifUnused: false, ifEmpty: false, cancellationToken: cancellation);
        logger.LogInformation("Queue {Queue} is now a quorum queue ({Count} waiting messages moved over)", queue, moved);
    }

    private static Task<IChannel> ConfirmingChannelAsync(IConnection connection, CancellationToken cancellation) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation);

    /// <summary>Moves every message from one queue to another: each is acknowledged only once the broker has confirmed its copy.</summary>
    private static async Task<int> MoveAllAsync(IChannel channel, string from, string to, CancellationToken cancellation)
    {
        var moved = 0;
        while (await channel.BasicGetAsync(from, autoAck: false, cancellation) is { } message)
        {
            await channel.BasicPublishAsync("", to, mandatory: true, new BasicProperties(message.BasicProperties), message.Body, cancellation);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellation);
            moved++;
        }
        return moved;
    }
}
