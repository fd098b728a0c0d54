using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Talks.Domain;

public enum QuestionStatus { Open, Answered, Hidden }

/// <summary>A question an attendee asks on a talk; others upvote it, the organizer marks it answered or hides it.</summary>
public sealed class Question
{
    public const int MinLength = 3;
    public const int MaxLength = 1000;
    public const int MaxAuthorNameLength = 200;

    private Question() { }

    public Guid Id { get; private set; }
    public Guid TalkId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public QuestionStatus Status { get; private set; }
    public int Votes { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>When the author's name shown here was current (their profile may change it later).</summary>
    public DateTimeOffset AuthorNameAt { get; private set; }

    public static Question Ask(Guid talkId, Guid authorId, string authorName, string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is < MinLength or > MaxLength)
        {
            throw new DomainRuleException("question-length",
                $"A question is {MinLength} to {MaxLength} characters long once trimmed; this one is {trimmed.Length}.", RuleViolation.Unprocessable);
        }
        return new Question
        {
            Id = Guid.CreateVersion7(),
            TalkId = talkId,
            AuthorId = authorId,
            AuthorName = authorName.Trim() is { Length: > MaxAuthorNameLength } longName ? longName[..MaxAuthorNameLength] : authorName.Trim(),
            Text = trimmed,
            Status = QuestionStatus.Open,
            CreatedAt = now,
            AuthorNameAt = now,
        };
    }

    public void Moderate(QuestionStatus status, DateTimeOffset now)
    {
        Status = status;
        AnsweredAt = status == QuestionStatus.Answered ? AnsweredAt ?? now : null;
    }
}

/// <summary>One attendee's upvote on one question: the primary key makes it once per attendee.</summary>
public sealed class QuestionVote
{
    public Guid QuestionId { get; init; }
    public Guid VoterId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
