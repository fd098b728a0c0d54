using System.Security.Claims;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Endpoints;

public static class Attendance
{
    /// <summary>The event, when its networking is open now: 404 when Matchmaking does not know it, 409 when closed.</summary>
    public static async Task<NetworkingEvent> OpenNetworkingAsync(this MatchmakingDbContext db, Guid eventId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", eventId);
        if (!ev.IsNetworkingOpen(now))
        {
            throw new DomainRuleException("networking-closed",
                $"Networking for this event is open from {ev.NetworkingOpensAt:O} until it ends ({ev.EndsAt:O}), while it is published or live; it is {ev.Status}.");
        }
        return ev;
    }

    /// <summary>
    /// The caller's pool entry at the event: the directory, meeting requests and topic tables are for people with a
    /// confirmed seat; anyone else gets 404, and learns nothing about who attends.
    /// </summary>
    public static async Task<PoolMember> AttendingAsync(this MatchmakingDbContext db, Guid eventId, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        return await db.PoolMembers.AsNoTracking().FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == me && p.Confirmed, cancellationToken)
            ?? throw new DomainRuleException("not-attending",
                $"The networking of event '{eventId}' (directory, meeting requests, topic tables) is for people with a confirmed seat at it.",
                RuleViolation.NotFound);
    }

    /// <summary>
    /// The caller's pool entry when they take part in the event's networking before it: a confirmed seat, or a place on
    /// the waitlist while the waitlist networks (the organizer allows it and the event has not started). Anyone else
    /// gets 404, and learns nothing about who attends.
    /// </summary>
    public static async Task<PoolMember> NetworkingMemberAsync(this MatchmakingDbContext db, Guid eventId, ClaimsPrincipal user, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var me = user.AttendeeId();
        var member = await db.PoolMembers.AsNoTracking().FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == me && (p.Confirmed || p.Waitlisted),
            cancellationToken);
        if (member is { Waitlisted: true })
        {
            var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            member = ev?.WaitlistNetworksAt(now) == true ? member : null;
        }
        return member ?? throw new DomainRuleException("not-attending",
            $"The networking of event '{eventId}' is for people with a confirmed seat (and, before it starts, for its waitlist).", RuleViolation.NotFound);
    }
}
