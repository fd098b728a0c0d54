using EventPlatform.Matchmaking.Consumers;
using EventPlatform.Matchmaking.Data;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;

namespace EventPlatform.Matchmaking;

public static class Extensions
{
    public const string ServiceName = "matchmaking";

    public static IHostApplicationBuilder AddMatchmaking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<MatchmakingDbContext>("eventplatform_matchmaking");
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<NetworkingEventConsumer>();
            bus.AddConsumer<PoolConsumer>();
        });
        return builder;
    }
}
