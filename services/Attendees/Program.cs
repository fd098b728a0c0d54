using EventPlatform.Attendees;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;

if (KeyCommand.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAttendees();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAuthApi();
app.MapAttendeesApi();
app.MapRegistrationsApi();
app.Run();
return 0;

public partial class Program;
