using EventPlatform.Notifications.Consumers;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Delivery;
using EventPlatform.Notifications.Preferences;
using EventPlatform.Notifications.Nudges;
using EventPlatform.Notifications.Reminders;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;

namespace EventPlatform.Notifications;

public static class Extensions
{
    public const string ServiceName = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.DescribeApi(api =>
        {
            api.Title = "EventPlatform Notifications API";
            api.Description = "Each person's notifications (registrations, event changes, matches, meetings) and their unread count. Through the gateway at /api/notifications.";
            api.Tags["Notifications"] = "Read your feed, mark notifications read.";
        });
        builder.AddServiceDatabase<NotificationsDbContext>("eventplatform_notifications");
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        builder.Services.Configure<EmailDeliveryOptions>(builder.Configuration.GetSection(EmailDeliveryOptions.Section));
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddHostedService<EmailDispatcher>();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.AddSingleton<ReminderScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        builder.Services.Configure<NudgeOptions>(builder.Configuration.GetSection(NudgeOptions.Section));
        builder.Services.AddSingleton<NudgeScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NudgeScheduler>());
        builder.Services.AddInboxBatches<NotificationsDbContext, RegistrationChange>(RegistrationConsumer.ApplyAsync);
        builder.AddServiceBus(ServiceName, bus =>
        {
            bus.AddConsumer<ContactConsumer>();
            bus.AddConsumer<EventConsumer>();
            bus.AddConsumer<RegistrationConsumer>();
            bus.AddConsumer<MatchConsumer>();
            bus.AddConsumer<QuestionConsumer>();
            bus.AddConsumer<AccountConsumer>();
            bus.AddConsumer<MessageConsumer>();
            bus.AddConsumer<NetworkingInvitationConsumer>();
        });
        return builder;
    }
}
