using EventPlatform.Events.Consumers;
using EventPlatform.Events.Data;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;

namespace EventPlatform.Events;

public static class Extensions
{
    public const string ServiceName = "events";

    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.DescribeApi(api =>
        {
            api.Title = "EventPlatform Events API";
            api.Description = "Virtual events and their lifecycle (draft, published, live, ended, cancelled), agenda and organizers. Through the gateway at /api/events.";
            api.Tags["Events"] = "Create, publish, run and end events; build their agenda; manage who organizes them.";
        });
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<EventsDbContext>("eventplatform_events");
        builder.AddServiceBus(ServiceName, bus => bus.AddConsumer<TalkScheduledConsumer>());
        return builder;
    }
}
