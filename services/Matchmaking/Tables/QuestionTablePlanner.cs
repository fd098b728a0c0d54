using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matching;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Tables;

/// <summary>
/// Tables born from open questions: when a question on a talk of an event has collected the event's threshold of
/// upvotes (set by its organizers; 0: off) and is still open, a topic table on it is proposed at the event's next
/// networking break: its asker is invited to host it, its upvoters to sit first (<see cref="TopicTable.UpvotersFirst"/>
/// before it starts), and the table carries the question. Once per question (a unique index), checked in the
/// transaction of each upvote and of the question itself, under the event's lock.
/// </summary>
public sealed class QuestionTablePlanner(MatchmakingDbContext db, IOptions<NetworkingOptions> options, TimeProvider clock,
    ILogger<QuestionTablePlanner> logger)
{
    public async Task ConsiderAsync(Guid questionId, Guid eventId, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null || ev.QuestionTableThreshold <= 0)
        {
            return;
        }
        // First, so that two upvotes committed at once are counted together by whichever comes second.
        await db.LockEventAsync(eventId, cancellationToken);
        var key = SignalKeys.Question(questionId);
        var people = await db.LibrarySignals.AsNoTracking().Where(s => s.Key == key && s.SourceId == questionId && s.Active).ToListAsync(cancellationToken);
        var asker = people.FirstOrDefault(s => s.Asked);
        var upvoters = people.Where(s => !s.Asked).Select(s => s.AttendeeId).ToList();
        if (asker is null || upvoters.Count < ev.QuestionTableThreshold)
        {
            return;
        }
        var state = await db.QuestionStates.AsNoTracking().FirstOrDefaultAsync(q => q.QuestionId == questionId, cancellationToken);
        if (state is { IsOpen: false })
        {
            return;
        }
        if (await db.TopicTables.AnyAsync(t => t.QuestionId == questionId, cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var breakSlot = await db.Rounds.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RoundStatus.Scheduled && r.StartsAt > now)
            .OrderBy(r => r.StartsAt).Select(r => new { r.StartsAt, r.EndsAt }).FirstOrDefaultAsync(cancellationToken);
        if (breakSlot is null)
        {
            logger.LogInformation("Question {QuestionId} of event {EventId} has {Upvotes} upvotes, but the agenda has no networking break ahead for its table",
                questionId, eventId, upvoters.Count);
            return;
        }
        var topic = await db.LibrarySignals.AsNoTracking()
            .Where(s => s.SourceId == questionId && s.AttendeeId == asker.AttendeeId && s.Kind == SignalKind.AskedAbout)
            .Select(s => s.Label).FirstOrDefaultAsync(cancellationToken) ?? "questions";
        var name = await db.PoolMembers.AsNoTracking().Where(p => p.EventId == eventId && p.AttendeeId == asker.AttendeeId)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "The asker";
        var table = TopicTable.FromQuestion(eventId, asker.AttendeeId, name, questionId, asker.Label, asker.TalkId, topic, breakSlot.StartsAt,
            breakSlot.EndsAt, upvoters.Count, options.Value.VideoRoomBaseUrl, now);
        db.TopicTables.Add(table);
        db.Publish(new QuestionTableProposed
        {
            TableId = table.Id, EventId = eventId, QuestionId = questionId, TalkId = asker.TalkId, TalkTitle = asker.TalkTitle, Question = table.QuestionText!,
            HostId = asker.AttendeeId, UpvoterIds = upvoters, StartsAt = table.StartsAt, EndsAt = table.EndsAt, OccurredAt = now,
        });
        logger.LogInformation("Question {QuestionId} of event {EventId} reached {Upvotes} upvotes: table {TableId} proposed at {StartsAt}",
            questionId, eventId, upvoters.Count, table.Id, table.StartsAt);
    }
}
