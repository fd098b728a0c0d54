using System.Globalization;
using System.Text;
using EventPlatform.Web.Services;
using EventPlatform.Web.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace EventPlatform.Web.Endpoints;

/// <summary>What the web app answers outside its pages: signing out, the calendar invite and the registrants' CSV.</summary>
public static class WebEndpoints
{
    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", LogoutAsync);
        // The API is called on behalf of the request's own user (outside components there is no authentication state).
        var files = app.MapGroup("").AddEndpointFilter((context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().Use(context.HttpContext.User);
            return next(context);
        });
        files.MapGet("/me/registrations/{id:guid}/calendar.ics", InviteAsync).RequireAuthorization();
        files.MapGet("/organize/events/{id:guid}/registrations.csv", RegistrantsCsvAsync).RequireAuthorization(policy => policy.RequireRole(SessionClaims.Organizer));
        return app;
    }

    /// <summary>Ends the session everywhere it matters: the platform revokes the refresh token, the cookie goes.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, WebSessions sessions, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        if (context.User.SessionOf() is { } sessionId)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(returnUrl is { Length: > 0 } url && Uri.IsWellFormedUriString(url, UriKind.Relative) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            ? url : "/");
    }

    private static async Task<IResult> InviteAsync(Guid id, RegistrationsClient registrations, CancellationToken cancellationToken)
    {
        var invite = await registrations.InviteAsync(id, cancellationToken);
        return invite is { } file
            ? Results.File(file.Content, "text/calendar; charset=utf-8", file.FileName ?? "event.ics")
            : Results.NotFound();
    }

    /// <summary>Every registrant of an event (confirmed, then the waitlist in order), as CSV for a spreadsheet.</summary>
    private static async Task<IResult> RegistrantsCsvAsync(Guid id, RegistrationsClient registrations, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("name,email,company,status,waitlist_position,registered_at\r\n");
        for (var page = 1; ; page++)
        {
            var result = await registrations.RegistrantsAsync(id, null, page, 100, cancellationToken);
            if (!result.Ok)
            {
                return result.Problem!.Status is 403 or 404 ? Results.NotFound() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            foreach (var r in result.Value!.Items)
            {
                csv.Append(CsvCell.Of(r.DisplayName)).Append(',').Append(CsvCell.Of(r.Email)).Append(',').Append(CsvCell.Of(r.Company ?? "")).Append(',')
                    .Append(r.Status).Append(',').Append(r.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
                    .Append(r.RegisteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\r\n");
            }
            if (page >= result.Value.Pages)
            {
                break;
            }
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
            $"registrants-{id:N}.csv");
    }
}

/// <summary>
/// A CSV cell: quoted, quotes doubled, and a value starting with =, +, -, @, a tab or a carriage return prefixed with an
/// apostrophe, so a spreadsheet opening the export shows it as text and never runs it as a formula.
/// </summary>
public static class CsvCell
{
    public static string Of(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
