using EventPlatform.Matchmaking.Consumers;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Rounds;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;

namespace EventPlatform.Matchmaking;

public static class Extensions
{
    public const string ServiceName = "matchmaking";

    public static IHostApplicationBuilder AddMatchmaking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.DescribeApi(api =>
        {
            api.Title = "EventPlatform Networking API";
            api.Description = "1:1 networking: pools, rounds, matches with reasons, consent, meetings and private messages, the opt-in directory, meeting requests, topic tables and blocks. Through the gateway at /api/networking.";
            api.Tags["Networking"] = "When an event's networking opens, and whether you are in its pool.";
            api.Tags["Networking rounds"] = "Organizers pair an event's pool.";
            api.Tags["Matches"] = "Your matches: accept, decline, and message the other person.";
            api.Tags["Directory"] = "Who chose to be listed at an event, and meeting requests.";
            api.Tags["Topic tables"] = "Host or join a table on a topic.";
            api.Tags["Blocks"] = "Keep someone away from you at every event.";
            api.Tags["Groups"] = "Small groups from group rounds: members, reasons, room and chat.";
            api.Tags["Library signals"] = "What you did in the talk library that matching uses (talks watched and saved, questions), and your switches for it.";
        });
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<MatchmakingDbContext>("eventplatform_matchmaking");
        builder.Services.Configure<NetworkingOptions>(builder.Configuration.GetSection(NetworkingOptions.Section));
        builder.Services.AddScoped<RoundPlanner>();
        builder.Services.AddScoped<Tables.QuestionTablePlanner>();
        // Registered after the database start-up, so it only looks for due rounds in a migrated database.
        builder.Services.AddSingleton<RoundScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoundScheduler>());
        builder.Services.AddInboxBatches<MatchmakingDbContext, PoolJoin>(PoolConsumer.JoinAsync);
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<NetworkingEventConsumer>();
            bus.AddConsumer<PoolConsumer>();
            bus.AddConsumer<NetworkingRoundConsumer>();
            bus.AddConsumer<LibrarySignalConsumer>();
        });
        return builder;
    }
}
