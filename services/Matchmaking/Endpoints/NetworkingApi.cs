using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

/// <summary>
/// An event's networking: when it is open, the pool (confirmed seats that network), and whether the waitlist networks
/// before the event (<c>waitlistNetworking</c>, the organizer's choice) and how many on it do.
/// </summary>
public sealed record NetworkingStatus(
    Guid EventId, string Title, string Status, DateTimeOffset NetworkingOpensAt, DateTimeOffset NetworkingClosesAt,
    bool IsOpen, IReadOnlyList<string> Topics, long Version, int PoolSize, bool WaitlistNetworking = true, int WaitlistedInPool = 0,
    int QuestionTableThreshold = Domain.NetworkingEvent.DefaultQuestionTableThreshold, int BreakGroupSize = 2);

/// <summary>
/// Where the signed-in attendee stands in an event's networking pool, and why; <c>meetsWaitlisted</c>: a confirmed
/// attendee's choice to meet people on the waitlist too.
/// </summary>
public sealed record PoolMembership(Guid EventId, bool InPool, bool Confirmed, bool NetworkingOptIn, string Reason,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Intents, string TimeZone, bool Waitlisted = false, bool MeetsWaitlisted = false);

/// <summary>A confirmed attendee's choice for one event: to be paired with, and asked to meet by, its waitlist.</summary>
public sealed record MembershipChoice([System.ComponentModel.DataAnnotations.Required] bool? MeetWaitlisted);

/// <summary>The organizer's networking settings for an event.</summary>
/// <param name="QuestionTableThreshold">Upvotes an open question on the event's talks needs before a table is proposed on it at the next networking break; 0 turns it off.</param>
/// <param name="BreakGroupSize">How the agenda's networking breaks put people together: 2 pairs them, 3 or 4 makes small groups.</param>
public sealed record NetworkingSettings(bool? WaitlistNetworking, [System.ComponentModel.DataAnnotations.Range(0, 1000)] int? QuestionTableThreshold = null,
    [System.ComponentModel.DataAnnotations.Range(Domain.NetworkingRound.MinGroupSize, Domain.NetworkingRound.MaxGroupSize)] int? BreakGroupSize = null);

public static class NetworkingApi
{
    public static IEndpointRouteBuilder MapNetworkingApi(this IEndpointRouteBuilder app)
    {
        var networking = app.MapGroup("/api/networking").WithTags("Networking");
        networking.MapGet("/events/{eventId:guid}", GetNetworkingStatus)
            .WithSummary("When networking opens and closes, and how many attendees are in the pool");
        networking.MapGet("/events/{eventId:guid}/me", GetMyMembership).RequireAuthorization(Policies.Attendee)
            .WithSummary("Whether the signed-in attendee is in the event's networking pool, and why (not)");
        networking.MapPut("/events/{eventId:guid}/me", ChooseToMeetWaitlist).RequireAuthorization(Policies.Attendee)
            .WithSummary("With a confirmed seat: choose whether people on the waitlist may be paired with you and ask to meet you");
        networking.MapPut("/events/{eventId:guid}/settings", ChangeSettings).RequireAuthorization(Policies.Organizer)
            .WithSummary("The event's organizers: whether the waitlist networks before the event (on by default)");
        return app;
    }

    /// <summary>When networking for an event opens and closes, as Matchmaking knows it.</summary>
    public static async Task<Ok<NetworkingStatus>> GetNetworkingStatus(Guid eventId, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", eventId);
        var poolSize = await db.PoolMembers.CountAsync(p => p.EventId == eventId && p.Confirmed && p.NetworkingOptIn, cancellationToken);
        var waitlisted = ev.WaitlistNetworksAt(clock.GetUtcNow())
            ? await db.PoolMembers.CountAsync(p => p.EventId == eventId && p.Waitlisted && p.NetworkingOptIn, cancellationToken)
            : 0;
        return TypedResults.Ok(new NetworkingStatus(ev.Id, ev.Title, ev.Status, ev.NetworkingOpensAt, ev.EndsAt,
            ev.IsNetworkingOpen(clock.GetUtcNow()), ev.Topics, ev.Version, poolSize, ev.WaitlistNetworking, waitlisted, ev.QuestionTableThreshold, ev.BreakGroupSize));
    }

    public static async Task<Ok<PoolMembership>> GetMyMembership(Guid eventId, ClaimsPrincipal user, MatchmakingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var attendeeId = user.AttendeeId();
        var member = await db.PoolMembers.AsNoTracking().FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == attendeeId, cancellationToken)
            ?? throw new DomainRuleException("not-registered", $"You are not registered for event '{eventId}'.", RuleViolation.NotFound);
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) ?? throw DomainRuleException.NotFound("Event", eventId);
        var waitlistNetworks = ev.WaitlistNetworksAt(clock.GetUtcNow());
        var reason = (member.Confirmed, member.Waitlisted, member.NetworkingOptIn) switch
        {
            (true, _, true) => "You are in the networking pool: rounds will pair you with a peer.",
            (true, _, false) or (_, true, false) => "You turned networking off in your profile; turn it on to be paired.",
            (_, true, true) when waitlistNetworks =>
                "You are on the waitlist and network until the event starts: with others on it, and with attendees who chose to meet the waitlist. A seat that frees up keeps your matches.",
            (_, true, true) => ev.WaitlistNetworking
                ? "You are on the waitlist; the event has started, so you are paired again once a seat frees up for you."
                : "You are on the waitlist; the organizer keeps networking to confirmed seats, so you join once a seat frees up for you.",
            _ => "Your registration was cancelled, so you are not paired.",
        };
        return TypedResults.Ok(new PoolMembership(eventId, member.IsInPool || (member.Waitlisted && member.NetworkingOptIn && waitlistNetworks), member.Confirmed,
            member.NetworkingOptIn, reason, member.Interests, member.Intents, member.TimeZone, member.Waitlisted, member.MeetsWaitlisted));
    }

    public static async Task<Ok<PoolMembership>> ChooseToMeetWaitlist(Guid eventId, MembershipChoice choice, ClaimsPrincipal user, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var member = await db.PoolMembers.FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == me && p.Confirmed, cancellationToken)
            ?? throw new DomainRuleException("not-attending", $"Choosing whom to meet at event '{eventId}' needs a confirmed seat at it.", RuleViolation.NotFound);
        member.ChooseToMeetWaitlisted(choice.MeetWaitlisted!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return await GetMyMembership(eventId, user, db, clock, cancellationToken);
    }

    public static async Task<Ok<NetworkingStatus>> ChangeSettings(Guid eventId, NetworkingSettings settings, ClaimsPrincipal user, MatchmakingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken) ?? throw DomainRuleException.NotFound("Event", eventId);
        if (!ev.IsOrganizedBy(user.AttendeeId()))
        {
            throw new DomainRuleException("not-event-organizer", "Only the event's organizers change its networking.", RuleViolation.Forbidden);
        }
        if (settings.WaitlistNetworking is { } waitlist)
        {
            ev.SetWaitlistNetworking(waitlist);
        }
        if (settings.QuestionTableThreshold is { } threshold)
        {
            ev.SetQuestionTableThreshold(threshold);
        }
        if (settings.BreakGroupSize is { } size)
        {
            ev.SetBreakGroupSize(size);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await GetNetworkingStatus(eventId, db, clock, cancellationToken);
    }
}
