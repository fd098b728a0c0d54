using EventPlatform.Notifications;
using EventPlatform.Notifications.Endpoints;
using EventPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifications();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotificationsApi();
app.MapPreferencesApi();
app.Run();

public partial class Program;
