using EventPlatform.ServiceDefaults;
using EventPlatform.Web;
using EventPlatform.Web.Components;
using EventPlatform.Web.Endpoints;
using EventPlatform.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddWeb();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<CorrelationIdMiddleware>();
app.UseSecurityHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
// After authentication: a signed-in request is never answered from (or stored in) the public page cache.
app.UseOutputCache();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapPlatformHealth();
app.MapWebEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

public partial class Program;
