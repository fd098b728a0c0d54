using EventPlatform.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMatchmaking();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNetworkingApi();
app.MapRoundsApi();
app.MapMatchesApi();
app.MapDirectoryApi();
app.MapAvailabilityApi();
app.MapTablesApi();
app.MapBlocksApi();
app.MapSignalsApi();
app.MapGroupsApi();
app.Run();

public partial class Program;
