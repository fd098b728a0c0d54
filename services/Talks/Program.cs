using EventPlatform.ServiceDefaults;
using EventPlatform.Talks;
using EventPlatform.Talks.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTalks();

var app = builder.Build();
app.UseServiceDefaults();
app.MapTalksApi();
app.MapQuestionsApi();
app.MapActivityApi();
app.Run();

public partial class Program;
