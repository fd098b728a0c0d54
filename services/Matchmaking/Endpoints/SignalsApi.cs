using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>Which kinds of library signals networking may use; fields left out stay as they are.</summary>
public sealed record SignalPreferencesRequest(bool? UseViews, bool? UseBookmarks, bool? UseQuestions);

/// <summary>One thing networking knows you did in the talk library; <c>used</c> is false when you turned its kind off.</summary>
public sealed record SignalItem(string Kind, string Label, string TalkTitle, bool Used, DateTimeOffset At);

public sealed record SignalsResponse(bool UseViews, bool UseBookmarks, bool UseQuestions, int Total, IReadOnlyList<SignalItem> Signals);

/// <summary>What networking uses about you from the talk library, and your switches for it.</summary>
public static class SignalsApi
{
    public const int Shown = 100;

    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var signals = app.MapGroup("/api/networking/me/signals").WithTags("Library signals").RequireAuthorization(Policies.Attendee);
        signals.MapGet("/", Get).WithSummary($"What you did in the talk library that matching may use (the newest {Shown}), and whether it does");
        signals.MapPut("/", Change).WithSummary("Turn the use of your views, saved talks or questions in matching on or off");
        return app;
    }

    public static async Task<Ok<SignalsResponse>> Get(ClaimsPrincipal user, MatchmakingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(db, user.AttendeeId(), cancellationToken));

    public static async Task<Ok<SignalsResponse>> Change(SignalPreferencesRequest request, ClaimsPrincipal user, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        await db.LockAttendeeAsync(me, cancellationToken);
        var preference = await db.SignalPreferences.FirstOrDefaultAsync(p => p.AttendeeId == me, cancellationToken);
        if (preference is null)
        {
            preference = SignalPreference.Default(me);
            db.SignalPreferences.Add(preference);
        }
        preference.Change(request.UseViews, request.UseBookmarks, request.UseQuestions, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, me, cancellationToken));
    }

    private static async Task<SignalsResponse> DescribeAsync(MatchmakingDbContext db, Guid me, CancellationToken cancellationToken)
    {
        var preference = await db.SignalPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.AttendeeId == me, cancellationToken)
            ?? SignalPreference.Default(me);
        var mine = db.LibrarySignals.AsNoTracking().Where(s => s.AttendeeId == me && s.Active);
        var total = await mine.CountAsync(cancellationToken);
        var newest = await mine.OrderByDescending(s => s.ChangedAt).ThenBy(s => s.Key).Take(Shown).ToListAsync(cancellationToken);
        return new SignalsResponse(preference.UseViews, preference.UseBookmarks, preference.UseQuestions, total,
            [.. newest.Select(s => new SignalItem(s.Kind == Matching.SignalKind.AskedAbout ? "asked-about" : WireEnum.Name(s.Kind), s.Label, s.TalkTitle, preference.Uses(s.Kind), s.ChangedAt))]);
    }
}
