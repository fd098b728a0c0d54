using EventPlatform.Attendees.Data;
using EventPlatform.Contracts.Attendees;
using EventPlatform.ServiceDefaults.Batching;
using EventPlatform.ServiceDefaults.Data;
using EventPlatform.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EventPlatform.Attendees.Domain;

/// <summary>Who asks for a place: the attendee as read before the decision, and the request's correlation id for its message.</summary>
public sealed record Applicant(Attendee Attendee, string? CorrelationId);

/// <summary>
/// Decides the registrations for one event together (group commit). Every registration of an event needs the event's row
/// lock, so concurrent ones would otherwise queue on it one transaction each: a lock, a read, the writes, a commit. Here the
/// requests that arrive while one batch is being decided wait in the event's line, and the next batch takes all of them
/// (up to <see cref="MaxBatch"/>) in one transaction: one lock, one read, every registration, the event's new counts and
/// every outbox message in one round trip, one commit. The line is ordered by arrival, so seats and waitlist places go
/// first come, first served, as before; the guarantees are the database's as before too (the seat count's check
/// constraint, the unique active registration per person, the outbox in the same transaction).
/// An idle event is decided at once: a batch of one does not wait for company.
/// </summary>
public sealed class Admissions(IServiceScopeFactory scopes, ILogger<Admissions> logger)
{
    public const int MaxBatch = 64;

    /// <summary>What became of one applicant: a new registration, or the one they held already (decided by their other request).</summary>
    public sealed record Decision(Registration? Registration, EventReplica? Event, int? WaitlistPosition)
    {
        public bool AlreadyRegistered => Registration is null;
    }

    private readonly GroupCommit<Guid, Applicant, Decision> _lines = new((eventId, batch) => DecideAsync(scopes, eventId, batch), MaxBatch, logger);

    /// <summary>Joins the event's line; the answer comes when the batch it lands in has committed (or failed).</summary>
    public Task<Decision> AdmitAsync(Guid eventId, Applicant applicant) => _lines.EnqueueAsync(eventId, applicant);

    private static async Task DecideAsync(IServiceScopeFactory scopes, Guid eventId, IReadOnlyList<Pending<Applicant, Decision>> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendeesDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // The batch belongs to no single request: one caller giving up must not roll back the others' registrations.
        var cancellationToken = CancellationToken.None;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ev = await db.LockEventAsync(eventId, cancellationToken);
        if (ev is null)
        {
            var missing = EventReplica.NotFound(eventId);
            foreach (var pending in batch)
            {
                pending.Answer.TrySetException(missing);
            }
            return;
        }

        // Under the lock, so exact: who holds a place already (their other request was decided before), and the arrival numbers.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var (registered, sequences) = await ReadUnderLockAsync(connection, eventId, batch.Select(b => b.Item.Attendee.Id).ToArray(), cancellationToken);

        var now = clock.GetUtcNow();
        var admitted = new List<(Registration Registration, int? Position, TaskCompletionSource<Decision> Answer)>(batch.Count);
        var messages = new List<(object Message, string? CorrelationId)>(batch.Count);
        var already = new List<TaskCompletionSource<Decision>>();
        foreach (var (applicant, answer) in batch)
        {
            var attendee = applicant.Attendee;
            if (!registered.Add(attendee.Id))
            {
                already.Add(answer);
                continue;
            }
            RegistrationStatus status;
            try
            {
                status = ev.Admit(now);
            }
            catch (DomainRuleException closed)
            {
                answer.TrySetException(closed);
                continue;
            }
            var registration = Registration.Create(eventId, attendee.Id, status, now, sequences[admitted.Count]);
            // Positions count the waiting line, so the newest in it is last.
            int? position = status == RegistrationStatus.Waitlisted ? ev.WaitlistedCount : null;
            admitted.Add((registration, position, answer));
            messages.Add((position is null
                ? new AttendeeRegistered
                {
                    RegistrationId = registration.Id,
                    EventId = eventId,
                    AttendeeId = attendee.Id,
                    Profile = attendee.ToNetworkingProfile(),
                    OccurredAt = now,
                }
                : new RegistrationWaitlisted
                {
                    RegistrationId = registration.Id,
                    EventId = eventId,
                    AttendeeId = attendee.Id,
                    WaitlistPosition = position.Value,
                    Profile = attendee.ToNetworkingProfile(),
                    OccurredAt = now,
                }, applicant.CorrelationId));
        }

        if (admitted.Count > 0)
        {
            await using var writes = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction.GetDbTransaction())
            {
                BatchCommands = { InsertRegistrations(eventId, now, admitted.Select(a => a.Registration).ToList()), UpdateCounts(ev), ServiceDbContext.OutboxInsert(messages) },
            };
            await writes.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        foreach (var (registration, position, answer) in admitted)
        {
            answer.TrySetResult(new Decision(registration, ev, position));
        }
        foreach (var answer in already)
        {
            answer.TrySetResult(new Decision(null, null, null));
        }
    }

    /// <summary>
    /// One round trip: which of the batch's attendees hold an active registration for the event, and one arrival number per
    /// attendee from the registrations' own sequence, so that the order of the batch is the order of the waitlist.
    /// </summary>
    private static async Task<(HashSet<Guid> Registered, long[] Sequences)> ReadUnderLockAsync(
        NpgsqlConnection connection, Guid eventId, Guid[] attendeeIds, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT attendee_id FROM registrations WHERE event_id = $1 AND attendee_id = ANY($2) AND status <> 'Cancelled'")
                {
                    Parameters = { new NpgsqlParameter<Guid> { TypedValue = eventId }, new NpgsqlParameter<Guid[]> { TypedValue = attendeeIds } },
                },
                new NpgsqlBatchCommand("SELECT nextval(pg_get_serial_sequence('registrations', 'sequence')) FROM generate_series(1, $1)")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = attendeeIds.Length } },
                },
            },
        };
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var registered = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            registered.Add(reader.GetGuid(0));
        }
        await reader.NextResultAsync(cancellationToken);
        var sequences = new List<long>(attendeeIds.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            sequences.Add(reader.GetInt64(0));
        }
        sequences.Sort();
        return (registered, [.. sequences]);
    }

    private static NpgsqlBatchCommand InsertRegistrations(Guid eventId, DateTimeOffset now, List<Registration> registrations) =>
        new("""
            INSERT INTO registrations (id, event_id, attendee_id, status, sequence, registered_at)
            OVERRIDING SYSTEM VALUE
            SELECT id, $1, attendee_id, status, sequence, $2
            FROM unnest($3, $4, $5, $6) AS r(id, attendee_id, status, sequence)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = eventId },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. registrations.Select(r => r.Id)] },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. registrations.Select(r => r.AttendeeId)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. registrations.Select(r => r.Status.ToString())] },
                new NpgsqlParameter<long[]> { TypedValue = [.. registrations.Select(r => r.Sequence)] },
            },
        };

    private static NpgsqlBatchCommand UpdateCounts(EventReplica ev) =>
        new("UPDATE event_replicas SET confirmed_count = $2, waitlisted_count = $3 WHERE id = $1")
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = ev.Id },
                new NpgsqlParameter<int> { TypedValue = ev.ConfirmedCount },
                new NpgsqlParameter<int> { TypedValue = ev.WaitlistedCount },
            },
        };
}
