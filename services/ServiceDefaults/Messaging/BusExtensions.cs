using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventPlatform.ServiceDefaults.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}

public static class BusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ. Queues are named "{service}-{consumer}" so the owner of every queue is visible
    /// in the management UI, and are durable quorum queues (<see cref="QuorumQueueMigration"/>; a replica's temporary
    /// queue stays classic); a short retry absorbs transient faults, then the message moves to the queue's
    /// "_error" queue. Publishing goes through <see cref="Data.ServiceDbContext.Publish{T}"/> (the outbox), not the bus.
    /// </summary>
    /// <param name="isTemporaryQueue">Tells a replica's own temporary queue (auto-deleted, so it stays classic).</param>
    public static IHostApplicationBuilder AddServiceBus(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        Func<string, bool>? isTemporaryQueue = null)
    {
        var rabbit = builder.Configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        var queues = new ServiceQueues();
        builder.Services.AddSingleton(queues);
        builder.Services.AddSingleton(rabbit);
        // Before MassTransit's own hosted service: classic queues from an earlier version become quorum queues first.
        builder.Services.AddHostedService<QuorumQueueMigration>();

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to an outside host from every service.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configureConsumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator queue && isTemporaryQueue?.Invoke(name) != true)
                {
                    queue.SetQuorumQueue();
                    queues.Add(name);
                }
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<UnprocessableMessageException>();
                    retry.Ignore<System.Text.Json.JsonException>();
                    retry.Intervals(100, 500, 1000, 2000);
                });
            });

            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "bus";
                health.Tags.Add(HealthTags.Ready);
            });

            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            // Start the web host even while RabbitMQ is down; the bus keeps reconnecting and /health/ready reports it.
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
