using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Talks.Consumers;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Search;
using EventPlatform.Talks.Seeding;

namespace EventPlatform.Talks;

public static class Extensions
{
    public const string ServiceName = "talks";

    public static IHostApplicationBuilder AddTalks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.DescribeApi(api =>
        {
            api.Title = "EventPlatform Talks API";
            api.Description = "The library of past talks (search, filters, facets), talks on an event's programme, and questions with upvotes. Through the gateway at /api/talks.";
            api.Tags["Talks"] = "Search the library, read a talk, put talks on an event's programme.";
            api.Tags["Questions"] = "Ask, upvote and moderate questions on a talk.";
            api.Tags["My library"] = "The talks you watched and saved (networking signals you can turn off in Matchmaking).";
        });
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<TalksDbContext>("eventplatform_talks");
        // Registered after the database start-up, so the seeds load into a migrated database.
        builder.Services.Configure<TalkSeedOptions>(builder.Configuration.GetSection("Talks:Seeds"));
        builder.Services.AddSingleton<TalkSeedLoader>();
        builder.Services.AddSingleton<LibraryIndex>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TalkSeedLoader>());
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<TalkEventConsumer>();
            bus.AddConsumer<QuestionAuthorConsumer>();
        });
        return builder;
    }
}
