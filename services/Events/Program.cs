using EventPlatform.Events;
using EventPlatform.Events.Endpoints;
using EventPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEvents();

var app = builder.Build();
app.UseServiceDefaults();
app.MapEventsApi();
app.Run();

public partial class Program;
