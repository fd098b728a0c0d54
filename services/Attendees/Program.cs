using EventPlatform.Attendees;
using EventPlatform.Attendees.Endpoints;
using EventPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAttendees();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAuthApi();
app.MapAttendeesApi();
app.MapRegistrationsApi();
app.Run();

public partial class Program;
