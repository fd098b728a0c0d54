using EventPlatform.Events.Consumers;
using EventPlatform.Events.Data;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;

namespace EventPlatform.Events;

public static class Extensions
{
    public const string ServiceName = "events";

    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<EventsDbContext>("eventplatform_events");
        builder.AddServiceBus(ServiceName, bus => bus.AddConsumer<TalkScheduledConsumer>());
        return builder;
    }
}
