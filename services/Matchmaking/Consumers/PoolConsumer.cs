using EventPlatform.Contracts.Attendees;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>
/// Keeps each event's networking pool from the registration messages: a confirmed seat joins, a waitlisted one joins
/// as waitlisted (networking before the event) and is confirmed when promoted, keeping its matches; a cancellation leaves and releases the person's matches, meetings and table seats there,
/// a profile edit applies to every event the attendee is in.
/// </summary>
public sealed class PoolConsumer(MatchmakingDbContext db, TimeProvider clock, ILogger<PoolConsumer> logger) :
    IConsumer<AttendeeRegistered>, IConsumer<RegistrationPromoted>, IConsumer<RegistrationWaitlisted>, IConsumer<RegistrationCancelled>,
    IConsumer<AttendeeProfileUpdated>
{
    public Task Consume(ConsumeContext<AttendeeRegistered> context)
    {
        var m = context.Message;
        return Join(context, m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt);
    }

    public Task Consume(ConsumeContext<RegistrationPromoted> context)
    {
        var m = context.Message;
        return Join(context, m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt);
    }

    /// <summary>The waitlist networks too (before the event, unless the organizer turns it off); a promotion keeps their matches.</summary>
    public Task Consume(ConsumeContext<RegistrationWaitlisted> context)
    {
        var m = context.Message;
        return Join(context, m.EventId, m.AttendeeId, m.RegistrationId, m.Profile, m.OccurredAt, waitlisted: true);
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
            var (profile, changedAt) = await db.RememberProfileAsync(m.AttendeeId, m.Profile, m.OccurredAt, cancellationToken);
            foreach (var member in await db.PoolMembers.Where(p => p.AttendeeId == m.AttendeeId).ToListAsync(cancellationToken))
            {
                member.UpdateProfile(profile, changedAt);
            }
        }, logger);

    private Task Join<T>(ConsumeContext<T> context, Guid eventId, Guid attendeeId, Guid registrationId, NetworkingProfile? profile,
        DateTimeOffset occurredAt, bool waitlisted = false) where T : class =>
        db.ConsumeOnceAsync(context, $"{nameof(PoolConsumer)}.{typeof(T).Name}", async cancellationToken =>
        {
            // The registration carries the profile as it was then; a later edit may have arrived first.
            await db.LockAttendeeAsync(attendeeId, cancellationToken);
            var remembered = profile is null
                ? await db.RememberedProfileAsync(attendeeId, cancellationToken)
                : await db.RememberProfileAsync(attendeeId, profile, occurredAt, cancellationToken);
            var member = await db.PoolMembers.FirstOrDefaultAsync(p => p.EventId == eventId && p.AttendeeId == attendeeId, cancellationToken);
            if (member is null)
            {
                member = PoolMember.For(eventId, attendeeId, registrationId);
                db.PoolMembers.Add(member);
            }
            if (waitlisted)
            {
                member.Wait(registrationId, occurredAt);
            }
            else
            {
                member.Confirm(registrationId, occurredAt);
            }
            if (remembered is { } known)
            {
                member.UpdateProfile(known.Profile, known.ChangedAt);
            }
        }, logger);
}
