using EventPlatform.Attendees.Consumers;
using EventPlatform.Attendees.Data;
using EventPlatform.Attendees.Domain;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Identity;

namespace EventPlatform.Attendees;

public static class Extensions
{
    public const string ServiceName = "attendees";

    public static WebApplicationBuilder AddAttendees(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.DescribeApi(api =>
        {
            api.Title = "EventPlatform Attendees API";
            api.Description = "Accounts and sessions, profiles, and registrations with capacity, waitlist and calendar invites. Through the gateway at /api/auth, /api/attendees and /api/registrations.";
            api.Tags["Auth"] = "Sign up, sign in, refresh and end sessions, change the password.";
            api.Tags["Attendees"] = "Your profile and what the directory shows of it.";
            api.Tags["Registrations"] = "Register for events, your registrations and invites, who registered (organizers).";
        });
        // The validation source generator only sees request types in the assembly that calls AddValidation.
        builder.Services.AddValidation();
        builder.Services.AddSingleton<IPasswordHasher<Attendee>, PasswordHasher<Attendee>>();
        builder.Services.Configure<PasswordHasherOptions>(builder.Configuration.GetSection("Auth:PasswordHasher"));
        builder.Services.AddSingleton<Admissions>();
        builder.Services.AddScoped<RegistrationDesk>();
        builder.AddTokenIssuer();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddScoped<LoginGuard>();
        builder.Services.AddScoped<AccountLinks>();
        builder.Services.Configure<LoginLockoutOptions>(builder.Configuration.GetSection(LoginLockoutOptions.Section));
        builder.AddServiceDatabase<AttendeesDbContext>("eventplatform_attendees");
        builder.AddServiceBus(ServiceName, bus => bus.AddConsumer<EventReplicaConsumer>());
        return builder;
    }
}
