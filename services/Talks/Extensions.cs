using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Talks.Consumers;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Seeding;

namespace EventPlatform.Talks;

public static class Extensions
{
    public const string ServiceName = "talks";

    public static IHostApplicationBuilder AddTalks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<TalksDbContext>("eventplatform_talks");
        // Registered after the database start-up, so the seeds load into a migrated database.
        builder.Services.Configure<TalkSeedOptions>(builder.Configuration.GetSection("Talks:Seeds"));
        builder.Services.AddSingleton<TalkSeedLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TalkSeedLoader>());
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<TalkEventConsumer>();
            bus.AddConsumer<QuestionAuthorConsumer>();
        });
        return builder;
    }
}
