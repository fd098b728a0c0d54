using System.Security.Claims;
using EventPlatform.Notifications.Data;
using EventPlatform.Notifications.Domain;
using EventPlatform.Notifications.Nudges;
using EventPlatform.Notifications.Preferences;
using EventPlatform.ServiceDefaults;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Notifications.Endpoints;

/// <summary>How one kind reaches the person; <c>emailed</c> says whether that kind is ever emailed at all.</summary>
public sealed record PreferenceItem(string Kind, string Label, bool Email, bool InApp, bool Emailed);

/// <summary>
/// How each kind reaches the person; <c>networkingDigest</c>: the networking nudges' emails (new matches, messages
/// waiting) come as one digest a day, in the person's morning, instead of one by one.
/// </summary>
public sealed record PreferencesResponse(IReadOnlyList<PreferenceItem> Items, bool NetworkingDigest = false);

public sealed record PreferenceChange(string Kind, bool Email, bool InApp);

/// <summary>Kinds not named keep their setting; <c>networkingDigest</c> left out keeps the digest choice as it is.</summary>
public sealed record PreferencesRequest(IReadOnlyList<PreferenceChange> Items, bool? NetworkingDigest = null);

/// <summary>What an unsubscribe link stands for: whose email about which kind (or "all").</summary>
public sealed record UnsubscribeResponse(string Kind, string Label, bool Unsubscribed);

/// <summary>Each person's choice, per kind, of feed and email; and the one-click unsubscribe of every email (no sign-in).</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/notifications/preferences").WithTags("Notifications").RequireAuthorization(Policies.Attendee);
        preferences.MapGet("/", Get).WithSummary("How each kind of notification reaches you (feed, email)");
        preferences.MapPut("/", Put).WithSummary("Change how kinds of notification reach you; kinds not named keep their setting");
        var unsubscribe = app.MapGroup("/api/notifications/unsubscribe").WithTags("Notifications").AllowAnonymous();
        unsubscribe.MapGet("/", DescribeLink).WithSummary("What an unsubscribe link from an email would stop (changes nothing)");
        unsubscribe.MapPost("/", Unsubscribe)
            .WithSummary("Stop the emails an unsubscribe link names (one click, RFC 8058; no sign-in: the link is signed)");
        return app;
    }

    public static async Task<Ok<PreferencesResponse>> Get(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(db, user.AttendeeId(), cancellationToken));

    public static async Task<Results<Ok<PreferencesResponse>, ValidationProblem>> Put(PreferencesRequest request, ClaimsPrincipal user,
        NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Items is null || request.Items.Count > NotificationKind.All.Count || request.Items.Any(i => i?.Kind is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = [$"items is a list of at most {NotificationKind.All.Count} settings, each with a kind, email and inApp."],
            });
        }
        var unknown = request.Items.Where(i => !NotificationKind.All.Contains(i.Kind)).Select(i => i.Kind).ToList();
        if (unknown.Count > 0 || request.Items.Select(i => i.Kind).Distinct().Count() != request.Items.Count)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = [unknown.Count > 0
                    ? $"Unknown kinds: {string.Join(", ", unknown.Take(5).Select(k => k.Length > 40 ? k[..40] + "…" : k))}. Kinds are {string.Join(", ", NotificationKind.All)}."
                    : "items must name each kind at most once."],
            });
        }
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        var existing = await db.Preferences.Where(p => p.AttendeeId == me).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var change in request.Items)
        {
            // A feed-only kind has no email to turn on.
            var email = change.Email && NotificationKind.IsEmailed(change.Kind);
            if (existing.TryGetValue(change.Kind, out var preference))
            {
                preference.Change(email, change.InApp, now);
            }
            else
            {
                db.Preferences.Add(Preference.Create(me, change.Kind, email, change.InApp, now));
            }
        }
        if (request.NetworkingDigest is { } digest)
        {
            var setting = await db.DigestSettings.FindAsync([me], cancellationToken);
            if (setting is null)
            {
                db.DigestSettings.Add(DigestSetting.Create(me, digest, now));
            }
            else
            {
                setting.Change(digest, now);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, me, cancellationToken));
    }

    [ProblemResponses(422)]
    public static async Task<Ok<UnsubscribeResponse>> DescribeLink(string? token, UnsubscribeTokens tokens, CancellationToken cancellationToken)
    {
        var (_, kind) = await tokens.ReadAsync(token, cancellationToken) ?? throw InvalidLink();
        return TypedResults.Ok(new UnsubscribeResponse(kind, LabelOf(kind), Unsubscribed: false));
    }

    [ProblemResponses(422)]
    public static async Task<Ok<UnsubscribeResponse>> Unsubscribe(string? token, UnsubscribeTokens tokens, NotificationsDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (attendeeId, kind) = await tokens.ReadAsync(token, cancellationToken) ?? throw InvalidLink();
        var kinds = kind switch
        {
            UnsubscribeTokens.All => NotificationKind.All.Where(NotificationKind.IsEmailed).ToList(),
            // The digest's link stops what it carries: the networking nudges' emails.
            NotificationKind.NetworkingDigest => NotificationKind.All.Where(NotificationKind.IsNudge).ToList(),
            _ => [kind],
        };
        var now = clock.GetUtcNow();
        var existing = await db.Preferences.Where(p => p.AttendeeId == attendeeId && kinds.Contains(p.Kind)).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var each in kinds)
        {
            if (existing.TryGetValue(each, out var preference))
            {
                preference.Change(email: false, preference.InApp, now);
            }
            else
            {
                db.Preferences.Add(Preference.Create(attendeeId, each, email: false, inApp: true, now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UnsubscribeResponse(kind, LabelOf(kind), Unsubscribed: true));
    }

    private static string LabelOf(string kind) => kind switch
    {
        UnsubscribeTokens.All => "Every email from EventPlatform",
        NotificationKind.NetworkingDigest => "Networking emails (new matches and messages waiting), daily digest included",
        _ => NotificationKind.Label(kind),
    };

    private static DomainRuleException InvalidLink() =>
        new("invalid-unsubscribe-link", "This unsubscribe link is incomplete or was not made by this platform. Use the link from the email as it is, or change your notification settings when signed in.",
            RuleViolation.Unprocessable);

    private static async Task<PreferencesResponse> DescribeAsync(NotificationsDbContext db, Guid me, CancellationToken cancellationToken)
    {
        var chosen = await db.Preferences.AsNoTracking().Where(p => p.AttendeeId == me).ToDictionaryAsync(p => p.Kind, cancellationToken);
        var digest = await db.DigestSettings.AsNoTracking().AnyAsync(d => d.AttendeeId == me && d.Enabled, cancellationToken);
        return new PreferencesResponse([.. NotificationKind.All.Select(kind =>
        {
            var emailed = NotificationKind.IsEmailed(kind);
            var preference = chosen.GetValueOrDefault(kind);
            return new PreferenceItem(kind, NotificationKind.Label(kind), emailed && (preference?.Email ?? true), preference?.InApp ?? true, emailed);
        })], digest);
    }
}
