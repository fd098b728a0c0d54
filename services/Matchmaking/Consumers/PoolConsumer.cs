using EventPlatform.Contracts.Attendees;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>A registration's word for the pool: the person joins it, confirmed or waitlisted, with the profile the registration carried.</summary>
public sealed record PoolJoin(Guid EventId, Guid AttendeeId, Guid RegistrationId, NetworkingProfile? Profile, DateTimeOffset OccurredAt, bool Waitlisted);

/// <summary>
/// Keeps each event's networking pool from the registration messages: a confirmed seat joins, a waitlisted one joins
/// as waitlisted (networking before the event) and is confirmed when promoted, keeping its matches; a cancellation leaves and releases the person's matches, meetings and table seats there,
/// a profile edit applies to every event the attendee is in. Registrations come in bursts (a popular event opening), so
/// joins are applied in batches (<see cref="InboxBatches{TDb, TItem}"/>).
/// </summary>
public sealed class PoolConsumer(MatchmakingDbContext db, InboxBatches<MatchmakingDbContext, PoolJoin> joins, TimeProvider clock, ILogger<PoolConsumer> logger) :
    IConsumer<AttendeeRegistered>, IConsumer<RegistrationPromoted>, IConsumer<RegistrationWaitlisted>, IConsumer<RegistrationCancelled>,
    IConsumer<AttendeeProfileUpdated>
{
    public Task Consume(ConsumeContext<AttendeeRegistered> context)
    {
        var m = context.Message;
        return Join(context, new PoolJoin(m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt, Waitlisted: false));
    }

    public Task Consume(ConsumeContext<RegistrationPromoted> context)
    {
        var m = context.Message;
        return Join(context, new PoolJoin(m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt, Waitlisted: false));
    }

    /// <summary>The waitlist networks too (before the event, unless the organizer turns it off); a promotion keeps their matches.</summary>
    public Task Consume(ConsumeContext<RegistrationWaitlisted> context)
    {
        var m = context.Message;
        return Join(context, new PoolJoin(m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt, Waitlisted: true));
    }

    public Task Consume(ConsumeContext<RegistrationCancelled> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(PoolConsumer)}.{nameof(RegistrationCancelled)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockAttendeeAsync(m.AttendeeId, cancellationToken);
            var member = await db.PoolMembers.FirstOrDefaultAsync(p => p.EventId == m.EventId && p.AttendeeId == m.AttendeeId, cancellationToken);
            if (member is null)
            {
                // The cancellation overtook the registration: remember it, so the older registration cannot re-add them.
                member = PoolMember.For(m.EventId, m.AttendeeId, m.RegistrationId);
                db.PoolMembers.Add(member);
            }
            if (member.Leave(m.RegistrationId, m.OccurredAt))
            {
                await db.ReleaseAsync(m.EventId, m.AttendeeId, clock.GetUtcNow(), cancellationToken);
            }
        }, logger);

    public Task Consume(ConsumeContext<AttendeeProfileUpdated> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(PoolConsumer)}.{nameof(AttendeeProfileUpdated)}", async cancellationToken =>
        {
            var m = context.Message;
            // Remembered first: a registration that has not reached a pool yet will apply it when it does.
            await db.LockAttendeeAsync(m.AttendeeId, cancellationToken);
            var (profile, changedAt) = (await db.RememberProfilesAsync([(m.AttendeeId, m.Profile, m.OccurredAt)], [m.AttendeeId], cancellationToken))[m.AttendeeId];
            foreach (var member in await db.PoolMembers.Where(p => p.AttendeeId == m.AttendeeId).ToListAsync(cancellationToken))
            {
                member.UpdateProfile(profile, changedAt);
            }
        }, logger);

    private Task Join<T>(ConsumeContext<T> context, PoolJoin join) where T : class =>
        joins.ConsumeOnceAsync(context, $"{nameof(PoolConsumer)}.{typeof(T).Name}", join);

    /// <summary>
    /// Applies a batch of joins in the order they arrived, as one message after another would: the people's locks in one
    /// round trip, the profiles the registrations carried remembered (the newest wins, as ever) and read back in one,
    /// the members they touch in one read, the members' changes in the caller's save.
    /// </summary>
    public static async Task JoinAsync(MatchmakingDbContext db, IReadOnlyList<Delivery<PoolJoin>> deliveries, CancellationToken cancellationToken)
    {
        var joins = deliveries.Select(d => d.Item).ToList();
        var attendeeIds = joins.Select(j => j.AttendeeId).Distinct().ToList();
        var eventIds = joins.Select(j => j.EventId).Distinct().ToList();
        // The registration carries the profile as it was then; a later edit may have arrived first.
        await db.LockAttendeesAsync(attendeeIds, cancellationToken);
        var profiles = await db.RememberProfilesAsync(
            [.. joins.Where(j => j.Profile is not null).Select(j => (j.AttendeeId, j.Profile!, j.OccurredAt))], attendeeIds, cancellationToken);
        var members = (await db.PoolMembers.Where(p => eventIds.Contains(p.EventId) && attendeeIds.Contains(p.AttendeeId)).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.EventId, p.AttendeeId));
        foreach (var join in joins)
        {
            if (!members.TryGetValue((join.EventId, join.AttendeeId), out var member))
            {
                member = PoolMember.For(join.EventId, join.AttendeeId, join.RegistrationId);
                db.PoolMembers.Add(member);
                members.Add((join.EventId, join.AttendeeId), member);
            }
            if (join.Waitlisted)
            {
                member.Wait(join.RegistrationId, join.OccurredAt);
            }
            else
            {
                member.Confirm(join.RegistrationId, join.OccurredAt);
            }
            if (profiles.TryGetValue(join.AttendeeId, out var known))
            {
                member.UpdateProfile(known.Profile, known.ChangedAt);
            }
        }
    }
}
