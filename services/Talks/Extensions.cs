using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using EventPlatform.Talks.Data;

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
        builder.AddServiceBus(ServiceName);
        return builder;
    }
}
