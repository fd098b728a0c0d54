using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EventPlatform.Contracts.Attendees;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matching;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.Matchmaking.Rounds;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.ServiceDefaults.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>A listed person; <c>waitlisted</c>: on the event's waitlist (they network before the event).</summary>
public sealed record DirectoryEntry(Guid AttendeeId, string DisplayName, string? Headline, string? Company,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Intents, bool Waitlisted = false);

public sealed record MeetingRequest([Required] Guid? EventId, [Required] Guid? AttendeeId, DateTimeOffset? StartsAt, [Range(5, 240)] int? DurationMinutes);

/// <summary>
/// The opt-in attendee directory of an event, for the people attending it, and meeting requests to the people
/// listed there: a request is a match the requester has already accepted, and continues as any other match.
/// </summary>
public static class DirectoryApi
{
    public const int DefaultRequestMinutes = 20;

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Directory").RequireAuthorization(Policies.Attendee);
        networking.MapGet("/events/{eventId:guid}/directory", Directory)
            .WithSummary("Attendees who chose to be listed, filtered by interest and intent (for people attending the event)");
        networking.MapPost("/meeting-requests", RequestMeeting)
            .WithSummary("Ask someone in the directory for a 1:1 meeting; they accept or decline it like a match");
        return app;
    }

    public static async Task<Results<Ok<Page<DirectoryEntry>>, ValidationProblem>> Directory(Guid eventId, ClaimsPrincipal user,
        MatchmakingDbContext db, TimeProvider clock, string? interest = null, string? intent = null, int page = 1, int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Validate(page, pageSize) ?? [];
        if (intent is not null && !Topics.Intents.Contains(intent))
        {
            errors["intent"] = [$"intent must be one of {string.Join(", ", Topics.Intents)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var viewer = await db.NetworkingMemberAsync(eventId, user, now, cancellationToken);
        var blocked = db.BlockedWith(user.AttendeeId());
        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, cancellationToken);
        var waitlist = ev.WaitlistNetworksAt(now);
        var listed = db.PoolMembers.AsNoTracking()
            .Where(p => p.EventId == eventId && p.DirectoryVisible && !blocked.Contains(p.AttendeeId))
            .Where(PoolMember.ListedFor(viewer.Waitlisted, waitlist));
        // A filter finds people only by what they show.
        if (!string.IsNullOrWhiteSpace(interest))
        {
            var topic = Topics.Normalize(interest);
            listed = listed.Where(p => p.DirectoryFields.Contains(DirectoryField.Interests) && p.Interests.Contains(topic));
        }
        if (intent is not null)
        {
            listed = listed.Where(p => p.DirectoryFields.Contains(DirectoryField.Intents) && p.Intents.Contains(intent));
        }
        var total = await listed.CountAsync(cancellationToken);
        var items = await listed.OrderBy(p => p.DisplayName).ThenBy(p => p.AttendeeId)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new DirectoryEntry(p.AttendeeId, p.DisplayName,
                p.DirectoryFields.Contains(DirectoryField.Headline) ? p.Headline : null,
                p.DirectoryFields.Contains(DirectoryField.Company) ? p.Company : null,
                p.DirectoryFields.Contains(DirectoryField.Interests) ? p.Interests : new List<string>(),
                p.DirectoryFields.Contains(DirectoryField.Intents) ? p.Intents : new List<string>(), p.Waitlisted))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<DirectoryEntry>(items, total, page, pageSize));
    }

    public static async Task<Created<MyMatchResponse>> RequestMeeting(MeetingRequest request, ClaimsPrincipal user, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (eventId, target) = (request.EventId!.Value, request.AttendeeId!.Value);
        var me = user.AttendeeId();
        var now = clock.GetUtcNow();
        if (target == me)
        {
            throw new DomainRuleException("request-to-self", "A meeting request goes to someone else.", RuleViolation.Unprocessable);
        }
        var requester = await db.NetworkingMemberAsync(eventId, user, now, cancellationToken);
        var ev = await db.OpenNetworkingAsync(eventId, now, cancellationToken);
        var waitlist = ev.WaitlistNetworksAt(now);
        // Whom the requester finds in the directory.
        var invitee = await db.PoolMembers.AsNoTracking()
            .Where(p => p.EventId == eventId && p.AttendeeId == target && p.DirectoryVisible && !db.BlockedWith(me).Contains(p.AttendeeId))
            .Where(PoolMember.ListedFor(requester.Waitlisted, waitlist))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Directory entry", target);
        var startsAt = request.StartsAt?.ToUniversalTime() ?? now.AddHours(1);
        var endsAt = startsAt.AddMinutes(request.DurationMinutes ?? DefaultRequestMinutes);
        if (startsAt < now || startsAt > ev.EndsAt)
        {
            throw new DomainRuleException("slot-outside-networking", "The meeting must start in the future and before the event ends.", RuleViolation.Unprocessable);
        }
        if ((requester.Waitlisted || invitee.Waitlisted) && endsAt > ev.StartsAt)
        {
            throw new DomainRuleException("waitlist-before-event",
                "People on the waitlist meet before the event starts; choose a slot that ends by then.", RuleViolation.Unprocessable);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockEventAsync(eventId, cancellationToken);
        var busy = await db.BusyDuringAsync([me, target], startsAt, endsAt, cancellationToken);
        if (busy.Count > 0)
        {
            throw new DomainRuleException("slot-taken", busy.Contains(me)
                ? "You already have a meeting at that time; choose another slot."
                : "They already have a meeting at that time; choose another slot.");
        }
        var marked = await db.Availabilities.AsNoTracking().Where(x => x.EventId == eventId && (x.AttendeeId == me || x.AttendeeId == target))
            .ToDictionaryAsync(x => x.AttendeeId, cancellationToken);
        if (marked.TryGetValue(me, out var mine) && !mine.Covers(startsAt, endsAt))
        {
            throw new DomainRuleException("slot-not-free", $"You marked other times as free: {mine.Describe()}. Choose a slot within them, or change your availability.",
                RuleViolation.Unprocessable);
        }
        if (marked.TryGetValue(target, out var theirs) && !theirs.Covers(startsAt, endsAt))
        {
            throw new DomainRuleException("slot-not-free", $"They are free at other times: {theirs.Describe(requester.TimeZone)}. Choose a slot within them.",
                RuleViolation.Unprocessable);
        }
        var (a, b) = me.CompareTo(target) < 0 ? (me, target) : (target, me);
        var existing = await db.Matches.AsNoTracking()
            .FirstOrDefaultAsync(m => m.EventId == eventId && m.AttendeeA == a && m.AttendeeB == b, cancellationToken);
        if (existing is not null)
        {
            throw new DomainRuleException(existing.Status == MatchStatus.Declined ? "match-declined" : "already-matched",
                existing.Status == MatchStatus.Declined
                    ? "One of you declined a meeting with the other at this event."
                    : $"You already have a match with this person at this event ({existing.Id}).");
        }

        var signals = await PoolSignals.LoadAsync(db, [me, target], cancellationToken);
        var model = new CompatibilityModel([signals.PeerOf(requester, startsAt), signals.PeerOf(invitee, startsAt)], signals.Labels);
        var forRequester = model.Explain(0, 1);
        var match = Match.Request(eventId, me, target, Math.Round(forRequester.Score, 3),
            Availability.FreeThen(forRequester.Reasons, requester, invitee, marked, startsAt),
            Availability.FreeThen(model.Explain(1, 0).Reasons, invitee, requester, marked, startsAt), startsAt, endsAt, now);
        db.Matches.Add(match);
        db.Publish(new MatchProposed
        {
            MatchId = match.Id, EventId = eventId, AttendeeAId = match.AttendeeA, AttendeeBId = match.AttendeeB, Score = match.Score,
            Reasons = match.ReasonsForA, OccurredAt = now,
        });
        db.Publish(new MatchAccepted { MatchId = match.Id, EventId = eventId, AttendeeId = me, PartnerId = target, OccurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/networking/me/matches?eventId={eventId}", await MatchesApi.DescribeAsync(db, match, me, cancellationToken));
    }
}
