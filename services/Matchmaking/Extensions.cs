using EventPlatform.Matchmaking.Consumers;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Rounds;
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
        builder.Services.Configure<NetworkingOptions>(builder.Configuration.GetSection(NetworkingOptions.Section));
        builder.Services.AddScoped<RoundPlanner>();
        // Registered after the database start-up, so it only looks for due rounds in a migrated database.
        builder.Services.AddSingleton<RoundScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoundScheduler>());
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<NetworkingEventConsumer>();
            bus.AddConsumer<PoolConsumer>();
            bus.AddConsumer<NetworkingRoundConsumer>();
        });
        return builder;
    }
}
