using EventPlatform.Attendees.Data;
using EventPlatform.Contracts.Attendees;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using EventPlatform.ServiceDefaults.Data;

namespace EventPlatform.Attendees.Domain;

/// <summary>
/// Decides registrations for one event at a time. Every change to an event's seats or waitlist first takes the
/// replica's row lock (<c>SELECT … FOR UPDATE</c>), so concurrent registrations, cancellations and capacity changes
/// are serialised per event by PostgreSQL; the seat count itself is checked by the database. The messages a change
/// causes go into the outbox in the same transaction. New registrations are decided in batches by <see cref="Admissions"/>.
/// </summary>
public sealed class RegistrationDesk(AttendeesDbContext db, Admissions admissions, TimeProvider clock)
{
    /// <summary>What a registration request came to, with the event as it stood when it was decided.</summary>
    public sealed record Outcome(Registration Registration, EventReplica Event, int? WaitlistPosition, bool Created);

    /// <summary>
    /// Registers the attendee: a seat while there is one, else the end of the waitlist; the same registration again when
    /// they already hold one. Who the attendee is and whether they are registered already is read first, in one query,
    /// outside any lock; the decision itself is <see cref="Admissions"/>': together with the other registrations for the
    /// event that arrive meanwhile, in one transaction under the event's row lock. Two requests of one person at once:
    /// the first decided takes the place, and the other answers with it.
    /// </summary>
    public async Task<Outcome> RegisterAsync(Guid eventId, Guid attendeeId, CancellationToken cancellationToken)
    {
        var found = await db.Attendees.AsNoTracking()
            .Where(a => a.Id == attendeeId)
            .Select(a => new
            {
                Attendee = a,
                Existing = db.Registrations.FirstOrDefault(r => r.EventId == eventId && r.AttendeeId == attendeeId && r.Status != RegistrationStatus.Cancelled),
            })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Attendee", attendeeId);
        if (found.Existing is not null)
        {
            return await ExistingAsync(found.Existing, cancellationToken);
        }

        var decision = await admissions.AdmitAsync(eventId, new Applicant(found.Attendee, db.CorrelationId));
        if (decision.AlreadyRegistered)
        {
            // The same person's other request got there first.
            var existing = await db.Registrations.AsNoTracking().SingleAsync(
                r => r.EventId == eventId && r.AttendeeId == attendeeId && r.Status != RegistrationStatus.Cancelled, cancellationToken);
            return await ExistingAsync(existing, cancellationToken);
        }
        return new Outcome(decision.Registration!, decision.Event!, decision.WaitlistPosition, Created: true);
    }

    private async Task<Outcome> ExistingAsync(Registration existing, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == existing.EventId, cancellationToken);
        return new Outcome(existing, ev, await WaitlistPositionAsync(existing, cancellationToken), Created: false);
    }

    /// <summary>Cancels the attendee's own registration; a freed seat goes to the first in line at once.</summary>
    public async Task<Registration> CancelAsync(Guid registrationId, Guid attendeeId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var eventId = await db.Registrations.Where(r => r.Id == registrationId && r.AttendeeId == attendeeId)
            .Select(r => (Guid?)r.EventId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Registration", registrationId);
        var ev = await LockEventAsync(eventId, cancellationToken);
        // Read under the event lock: a promotion may have changed it since the lookup above.
        var registration = await db.Registrations.SingleAsync(r => r.Id == registrationId, cancellationToken);
        var now = clock.GetUtcNow();
        var wasConfirmed = registration.Status == RegistrationStatus.Confirmed;
        ev.Release(registration, now);
        db.Publish(new RegistrationCancelled
        {
            RegistrationId = registration.Id,
            EventId = eventId,
            AttendeeId = attendeeId,
            WasConfirmed = wasConfirmed,
            OccurredAt = now,
        });
        await PromoteFromWaitlistAsync(ev, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    /// <summary>Within the caller's transaction: applies a newer event snapshot; a capacity increase promotes from the waitlist.</summary>
    public async Task ApplyEventChangeAsync(Contracts.Events.EventSnapshot snapshot, CancellationToken cancellationToken)
    {
        await db.LockReplicaAsync(snapshot.EventId, cancellationToken);
        var ev = await db.LockEventAsync(snapshot.EventId, cancellationToken);
        if (ev is null)
        {
            db.Events.Add(EventReplica.From(snapshot));
            return;
        }
        if (ev.Apply(snapshot))
        {
            await PromoteFromWaitlistAsync(ev, clock.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Within the caller's transaction: the organizer cancelled the event, so every registration is cancelled.</summary>
    public async Task CancelEventAsync(Guid eventId, long version, CancellationToken cancellationToken)
    {
        var ev = await db.LockEventAsync(eventId, cancellationToken);
        if (ev is null || !ev.ChangeStatus("cancelled", version))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var active = await db.Registrations
            .Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled)
            .ToListAsync(cancellationToken);
        var confirmed = active.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Id).ToHashSet();
        ev.CancelAll(active, now);
        foreach (var registration in active)
        {
            db.Publish(new RegistrationCancelled
            {
                RegistrationId = registration.Id,
                EventId = eventId,
                AttendeeId = registration.AttendeeId,
                WasConfirmed = confirmed.Contains(registration.Id),
                EventWasCancelled = true,
                OccurredAt = now,
            });
        }
    }

    public async Task<int?> WaitlistPositionAsync(Registration registration, CancellationToken cancellationToken) =>
        registration.Status != RegistrationStatus.Waitlisted
            ? null
            : await db.Registrations.CountAsync(r => r.EventId == registration.EventId
                && r.Status == RegistrationStatus.Waitlisted && r.Sequence <= registration.Sequence, cancellationToken);

    private async Task PromoteFromWaitlistAsync(EventReplica ev, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var freeSeats = ev.Capacity - ev.ConfirmedCount;
        if (freeSeats <= 0 || ev.WaitlistedCount == 0)
        {
            return;
        }
        var next = await db.Registrations
            .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Sequence)
            .Take(freeSeats)
            .Join(db.Attendees, r => r.AttendeeId, a => a.Id, (r, a) => new { Registration = r, Attendee = a })
            .ToListAsync(cancellationToken);
        foreach (var (registration, attendee) in next.OrderBy(n => n.Registration.Sequence).Select(n => (n.Registration, n.Attendee)))
        {
            ev.Promote(registration, now);
            db.Publish(new RegistrationPromoted
            {
                RegistrationId = registration.Id,
                EventId = ev.Id,
                AttendeeId = registration.AttendeeId,
                Profile = attendee.ToNetworkingProfile(),
                OccurredAt = now,
            });
        }
    }

    private async Task<EventReplica> LockEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        await db.LockEventAsync(eventId, cancellationToken) ?? throw EventReplica.NotFound(eventId);
}
