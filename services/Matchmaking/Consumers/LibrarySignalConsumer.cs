using EventPlatform.Contracts.Talks;
using EventPlatform.Matching;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.Matchmaking.Tables;
using EventPlatform.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Consumers;

/// <summary>
/// Keeps each person's library signals from what Talks tells: a talk watched, a talk saved or unsaved, a question asked,
/// upvoted or the upvote taken back (the question itself and every topic it names on its talk). Whether a signal is
/// used is the person's choice (<see cref="SignalPreference"/>), applied when a round reads them; they are kept either way.
/// </summary>
public sealed class LibrarySignalConsumer(MatchmakingDbContext db, QuestionTablePlanner tables, ILogger<LibrarySignalConsumer> logger) :
    IConsumer<TalkViewed>, IConsumer<TalkBookmarkChanged>, IConsumer<QuestionInterest>, IConsumer<QuestionModerated>
{
    public Task Consume(ConsumeContext<TalkViewed> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(LibrarySignalConsumer)}.{nameof(TalkViewed)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockAttendeeAsync(m.AttendeeId, cancellationToken);
            await SetAsync(m.AttendeeId, SignalKeys.Watched(m.TalkId), m.TalkId, m.TalkTitle, m.TalkId, m.TalkTitle, null, false, true, m.OccurredAt,
                cancellationToken);
        }, logger);

    public Task Consume(ConsumeContext<TalkBookmarkChanged> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(LibrarySignalConsumer)}.{nameof(TalkBookmarkChanged)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockAttendeeAsync(m.AttendeeId, cancellationToken);
            await SetAsync(m.AttendeeId, SignalKeys.Saved(m.TalkId), m.TalkId, m.TalkTitle, m.TalkId, m.TalkTitle, null, false, m.Bookmarked,
                m.OccurredAt, cancellationToken);
        }, logger);

    public Task Consume(ConsumeContext<QuestionInterest> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(LibrarySignalConsumer)}.{nameof(QuestionInterest)}", async cancellationToken =>
        {
            var m = context.Message;
            await db.LockAttendeeAsync(m.AttendeeId, cancellationToken);
            await SetAsync(m.AttendeeId, SignalKeys.Question(m.QuestionId), m.QuestionId, m.Text, m.TalkId, m.TalkTitle, m.EventId, m.Asked, m.Active,
                m.OccurredAt, cancellationToken);
            foreach (var topic in m.Topics.Select(ServiceDefaults.Vocabulary.Topics.Normalize).Where(t => t.Length is > 0 and <= 50).Distinct().Take(10))
            {
                await SetAsync(m.AttendeeId, SignalKeys.AskedAbout(m.TalkId, topic), m.QuestionId, topic, m.TalkId, m.TalkTitle, m.EventId, m.Asked,
                    m.Active, m.OccurredAt, cancellationToken);
            }
            if (m.EventId is { } eventId && m.Active)
            {
                // Seen by the check below, in this transaction.
                await db.SaveChangesAsync(cancellationToken);
                await tables.ConsiderAsync(m.QuestionId, eventId, cancellationToken);
            }
        }, logger);

    /// <summary>Answered or hidden questions no longer become tables (one already proposed stays).</summary>
    public Task Consume(ConsumeContext<QuestionModerated> context) =>
        db.ConsumeOnceAsync(context, $"{nameof(LibrarySignalConsumer)}.{nameof(QuestionModerated)}", async cancellationToken =>
        {
            var m = context.Message;
            var state = await db.QuestionStates.FirstOrDefaultAsync(q => q.QuestionId == m.QuestionId, cancellationToken);
            if (state is null)
            {
                state = QuestionState.Of(m.QuestionId);
                db.QuestionStates.Add(state);
            }
            state.Set(m.Status, m.OccurredAt);
            if (state.IsOpen && m.EventId is { } eventId)
            {
                await db.SaveChangesAsync(cancellationToken);
                await tables.ConsiderAsync(m.QuestionId, eventId, cancellationToken);
            }
        }, logger);

    private async Task SetAsync(Guid attendee, string key, Guid source, string label, Guid talkId, string talkTitle, Guid? eventId, bool asked,
        bool active, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var signal = await db.LibrarySignals.FirstOrDefaultAsync(s => s.AttendeeId == attendee && s.Key == key && s.SourceId == source, cancellationToken);
        if (signal is null)
        {
            signal = LibrarySignal.For(attendee, key, source, label, talkId, talkTitle, eventId, asked);
            db.LibrarySignals.Add(signal);
        }
        signal.Set(active, at);
    }
}
