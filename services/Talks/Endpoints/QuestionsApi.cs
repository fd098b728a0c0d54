using EventPlatform.Contracts.Talks;
using System.Security.Claims;
using EventPlatform.ServiceDefaults.Auth;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.ServiceDefaults.Problems;
using EventPlatform.Talks.Data;
using EventPlatform.Talks.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventPlatform.Talks.Endpoints;

/// <summary>Questions on a talk: anyone reads, signed-in attendees ask and upvote (once each), the organizer moderates.</summary>
public static class QuestionsApi
{
    public static IEndpointRouteBuilder MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        var questions = app.MapGroup("/api/talks/{idOrSlug}/questions").WithTags("Questions");
        questions.MapGet("/", ListQuestions).WithSummary("Questions on a talk, by votes (default) or newest first");
        questions.MapPost("/", AskQuestion).RequireAuthorization(Policies.Attendee).WithSummary("Ask a question (3 to 1,000 characters)");
        questions.MapPost("/{questionId:guid}/upvote", Upvote).RequireAuthorization(Policies.Attendee)
            .WithSummary("Upvote once; repeating it changes nothing");
        questions.MapDelete("/{questionId:guid}/upvote", WithdrawUpvote).RequireAuthorization(Policies.Attendee)
            .WithSummary("Take your upvote back; repeating it changes nothing");
        questions.MapPatch("/{questionId:guid}", Moderate).RequireAuthorization(Policies.Organizer)
            .WithSummary("Mark a question answered, hide it, or open it again");
        app.MapGet("/api/talks/questions", ModerationQueue).WithTags("Questions").RequireAuthorization(Policies.Organizer)
            .WithSummary("The questions on every talk of one of your events, for moderation (open first by votes, or by status)");
        return app;
    }

    /// <summary>The moderation queue of an event: its talks' questions, for the event's organizers.</summary>
    public static async Task<Results<Ok<Page<ModerationItem>>, ValidationProblem>> ModerationQueue(Guid? @event, ClaimsPrincipal user,
        TalksDbContext db, string? status = null, string? sort = null, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Validate(page, pageSize) ?? [];
        var wanted = status is null ? null : WireEnum.Parse<QuestionStatus>(status);
        if (status is not null && wanted is null)
        {
            errors["status"] = [$"status must be one of {WireEnum.Names<QuestionStatus>()}."];
        }
        if (sort is not null and not ("votes" or "recent"))
        {
            errors["sort"] = ["sort must be votes or recent."];
        }
        if (@event is null)
        {
            errors["event"] = ["event (an event id) is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var organizers = await db.Events.AsNoTracking().Where(e => e.Id == @event).Select(e => e.OrganizerIds).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainRuleException.NotFound("Event", @event!.Value);
        if (!organizers.Contains(user.AttendeeId()))
        {
            throw new DomainRuleException("not-an-organizer-of-event", "Only the organizers of this event may moderate its questions.", RuleViolation.Forbidden);
        }
        var rows = db.Questions.AsNoTracking()
            .Join(db.Talks.Where(t => t.EventId == @event), q => q.TalkId, t => t.Id, (q, t) => new { Question = q, t.Slug, t.Title })
            .Where(x => wanted == null || x.Question.Status == wanted);
        var total = await rows.CountAsync(cancellationToken);
        var ordered = sort == "recent"
            ? rows.OrderByDescending(x => x.Question.CreatedAt).ThenBy(x => x.Question.Id)
            : rows.OrderBy(x => x.Question.Status == QuestionStatus.Open ? 0 : x.Question.Status == QuestionStatus.Answered ? 1 : 2)
                .ThenByDescending(x => x.Question.Votes).ThenBy(x => x.Question.CreatedAt).ThenBy(x => x.Question.Id);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ModerationItem>(
            [.. items.Select(x => new ModerationItem(QuestionResponse.From(x.Question, false), x.Question.TalkId, x.Slug, x.Title))], total, page, pageSize));
    }

    public static async Task<Results<Ok<Page<QuestionResponse>>, ValidationProblem>> ListQuestions(
        string idOrSlug, ClaimsPrincipal user, TalksDbContext db, string? sort = null, int page = 1, int pageSize = 20,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Validate(page, pageSize) ?? [];
        if (sort is not null and not ("votes" or "recent"))
        {
            errors["sort"] = ["sort must be votes or recent."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var questions = db.Questions.AsNoTracking().Where(q => q.TalkId == talk.Id);
        if (!TalksApi.IsOrganizer(user))
        {
            questions = questions.Where(q => q.Status != QuestionStatus.Hidden);
        }
        var total = await questions.CountAsync(cancellationToken);
        var ordered = sort == "recent"
            ? questions.OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id)
            : questions.OrderByDescending(q => q.Votes).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);

        var mine = new HashSet<Guid>();
        Guid? caller = user.Identity?.IsAuthenticated == true ? user.AttendeeId() : null;
        if (caller is { } voter && items.Count > 0)
        {
            var ids = items.Select(q => q.Id).ToList();
            mine = [.. await db.QuestionVotes.Where(v => v.VoterId == voter && ids.Contains(v.QuestionId)).Select(v => v.QuestionId).ToListAsync(cancellationToken)];
        }
        return TypedResults.Ok(new Page<QuestionResponse>([.. items.Select(q => QuestionResponse.From(q, mine.Contains(q.Id), caller))], total, page, pageSize));
    }

    public static async Task<Created<QuestionResponse>> AskQuestion(
        string idOrSlug, AskQuestionRequest request, ClaimsPrincipal user, TalksDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var name = user.FindFirstValue(JwtRegisteredClaimNames.Name) ?? "Attendee";
        var question = Question.Ask(talk.Id, user.AttendeeId(), name, request.Text, clock.GetUtcNow());
        db.Questions.Add(question);
        // Matchmaking hears of it with the question (a networking signal, and the start of a question-born table).
        db.Publish(Interest(talk, question, question.AuthorId, asked: true, active: true, question.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/talks/{talk.Slug}/questions/{question.Id}", QuestionResponse.From(question, false, question.AuthorId));
    }

    public static Task<Ok<VoteResponse>> Upvote(string idOrSlug, Guid questionId, ClaimsPrincipal user, TalksDbContext db, TimeProvider clock,
        CancellationToken cancellationToken) =>
        ChangeVoteAsync(idOrSlug, questionId, user.AttendeeId(), db, clock, upvoted: true, async voter =>
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO question_votes (question_id, voter_id, created_at) VALUES ({questionId}, {voter}, {clock.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """, cancellationToken) == 1 ? +1 : 0, cancellationToken);

    public static Task<Ok<VoteResponse>> WithdrawUpvote(string idOrSlug, Guid questionId, ClaimsPrincipal user, TalksDbContext db,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeVoteAsync(idOrSlug, questionId, user.AttendeeId(), db, clock, upvoted: false, async voter =>
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM question_votes WHERE question_id = {questionId} AND voter_id = {voter}", cancellationToken) == 1 ? -1 : 0, cancellationToken);

    /// <summary>
    /// The vote row (primary key question + voter) decides whether anything changed; the counter moves in the same
    /// transaction only when it did, so concurrent repeats of the same vote count once.
    /// </summary>
    private static async Task<Ok<VoteResponse>> ChangeVoteAsync(string idOrSlug, Guid questionId, Guid voter, TalksDbContext db,
        TimeProvider clock, bool upvoted, Func<Guid, Task<int>> change, CancellationToken cancellationToken)
    {
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        var question = await db.Questions.AsNoTracking().FirstOrDefaultAsync(
                q => q.Id == questionId && q.TalkId == talk.Id && q.Status != QuestionStatus.Hidden, cancellationToken)
            ?? throw DomainRuleException.NotFound("Question", questionId);
        if (upvoted && question.AuthorId == voter)
        {
            throw new DomainRuleException("own-question", "You asked this question; upvotes are for other people's questions.", RuleViolation.Unprocessable);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delta = await change(voter);
        if (delta != 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE questions SET votes = votes + {delta} WHERE id = {questionId}", cancellationToken);
            db.Publish(Interest(talk, question, voter, asked: false, active: upvoted, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        // After an upvote the voter's row exists (inserted now or before); after a withdrawal it does not.
        var votes = await db.Questions.Where(q => q.Id == questionId).Select(q => q.Votes).SingleAsync(cancellationToken);
        return TypedResults.Ok(new VoteResponse(questionId, votes, upvoted));
    }

    public static async Task<Ok<QuestionResponse>> Moderate(string idOrSlug, Guid questionId, ModerateQuestionRequest request,
        ClaimsPrincipal user, TalksDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var status = WireEnum.Parse<QuestionStatus>(request.Status)
            ?? throw new DomainRuleException("unknown-question-status", $"status must be one of {WireEnum.Names<QuestionStatus>()}.",
                RuleViolation.Unprocessable);
        var talk = await db.Talks.AsNoTracking().FindBySlugOrIdAsync(idOrSlug, cancellationToken);
        await EnsureModeratorAsync(db, talk, user, cancellationToken);
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == questionId && q.TalkId == talk.Id, cancellationToken)
            ?? throw DomainRuleException.NotFound("Question", questionId);
        var wasAnswered = question.Status == QuestionStatus.Answered;
        var before = question.Status;
        question.Moderate(status, clock.GetUtcNow());
        if (before != question.Status)
        {
            db.Publish(new QuestionModerated
            {
                QuestionId = question.Id, TalkId = talk.Id, EventId = talk.EventId, Status = WireEnum.Name(question.Status), OccurredAt = clock.GetUtcNow(),
            });
        }
        if (!wasAnswered && question.Status == QuestionStatus.Answered)
        {
            // The asker hears of it (Notifications); written with the change, so both happen or neither.
            db.Publish(new QuestionAnswered
            {
                QuestionId = question.Id, TalkId = talk.Id, TalkSlug = talk.Slug, TalkTitle = talk.Title, EventId = talk.EventId,
                AuthorId = question.AuthorId, Text = question.Text.Length > 300 ? question.Text[..300] : question.Text,
                OccurredAt = question.AnsweredAt!.Value,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(QuestionResponse.From(question, false));
    }

    /// <summary>Asking or upvoting, as Matchmaking hears of it: with what the question is about.</summary>
    private static QuestionInterest Interest(Talk talk, Question question, Guid attendee, bool asked, bool active, DateTimeOffset at) => new()
    {
        QuestionId = question.Id, TalkId = talk.Id, TalkTitle = talk.Title, EventId = talk.EventId, AttendeeId = attendee, Asked = asked, Active = active,
        Text = question.Text.Length > 300 ? question.Text[..300] : question.Text, Topics = QuestionTopics.Of(question.Text, talk.Tags), OccurredAt = at,
    };

    /// <summary>
    /// The questions on a talk of an event on this platform are moderated by that event's organizers; those on the
    /// library's talks from elsewhere (the seed talks) by any organizer.
    /// </summary>
    private static async Task EnsureModeratorAsync(TalksDbContext db, Talk talk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (talk.EventId is not { } eventId)
        {
            return;
        }
        var organizers = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => e.OrganizerIds).FirstOrDefaultAsync(cancellationToken);
        if (organizers is not null && !organizers.Contains(user.AttendeeId()))
        {
            throw new DomainRuleException("not-an-organizer-of-event", "Only the organizers of this talk's event may moderate its questions.", RuleViolation.Forbidden);
        }
    }
}
