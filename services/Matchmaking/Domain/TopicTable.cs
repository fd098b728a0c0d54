using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// A topic networking session an attendee hosts at an event: a topic, a slot and a number of seats (the host's
/// included). Seats are taken by a conditional update in the database, so a table never overfills.
/// </summary>
public sealed class TopicTable
{
    public const int MinSeats = 2;
    public const int MaxSeats = 50;
    public const int MaxTitleLength = 120;

    /// <summary>How long before a question-born table starts its question's upvoters have the seats to themselves.</summary>
    public static readonly TimeSpan UpvotersFirst = TimeSpan.FromHours(1);

    private TopicTable() { }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid HostId { get; private set; }
    public string HostName { get; private set; } = "";
    public string Topic { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int Seats { get; private set; }
    public int Taken { get; private set; }

    /// <summary>For a table born from an open question: the question, its words and its talk (the table links to it).</summary>
    public Guid? QuestionId { get; private set; }
    public string? QuestionText { get; private set; }
    public Guid? TalkId { get; private set; }

    /// <summary>Proposed to the question's asker, who has not said yet whether they host it (they hold no seat until they do).</summary>
    public bool AwaitingHost { get; private set; }

    /// <summary>The asker declined to host the table proposed on their question: it is not shown, and not proposed again.</summary>
    public bool Withdrawn { get; private set; }

    /// <summary>Until then only the question's asker and upvoters may take a seat.</summary>
    public DateTimeOffset? UpvotersFirstUntil { get; private set; }

    /// <summary>The table's own video room (its seated people meet there).</summary>
    public string RoomUrl { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// A table proposed on an open question that collected enough upvotes: its asker is asked to host, its upvoters may
    /// sit first; seats for them all and a few more.
    /// </summary>
    public static TopicTable FromQuestion(Guid eventId, Guid askerId, string askerName, Guid questionId, string questionText, Guid talkId,
        string topic, DateTimeOffset startsAt, DateTimeOffset endsAt, int upvoters, string roomBaseUrl, DateTimeOffset now)
    {
        var text = questionText.Trim();
        var title = $"Q: {(text.Length > MaxTitleLength - 3 ? text[..(MaxTitleLength - 4)].TrimEnd() + "\u2026" : text)}";
        var table = Host(eventId, askerId, askerName, topic, title, startsAt, endsAt, Math.Clamp(upvoters + 4, MinSeats, MaxSeats), roomBaseUrl, now);
        table.QuestionId = questionId;
        table.QuestionText = text.Length > 1000 ? text[..1000] : text;
        table.TalkId = talkId;
        table.AwaitingHost = true;
        table.Taken = 0;
        table.UpvotersFirstUntil = startsAt - UpvotersFirst;
        return table;
    }

    public static TopicTable Host(Guid eventId, Guid hostId, string hostName, string topic, string? title, DateTimeOffset startsAt,
        DateTimeOffset endsAt, int seats, string roomBaseUrl, DateTimeOffset now)
    {
        var normalized = ServiceDefaults.Vocabulary.Topics.Normalize(topic);
        if (normalized.Length is 0 or > 50)
        {
            throw new DomainRuleException("table-topic", "A table's topic is 1 to 50 characters.", RuleViolation.Unprocessable);
        }
        if (seats is < MinSeats or > MaxSeats)
        {
            throw new DomainRuleException("table-seats", $"A table has {MinSeats} to {MaxSeats} seats, the host's included.", RuleViolation.Unprocessable);
        }
        var trimmedTitle = string.IsNullOrWhiteSpace(title) ? normalized.Replace('-', ' ') : title.Trim();
        if (trimmedTitle.Length > MaxTitleLength)
        {
            throw new DomainRuleException("table-title", $"A table's title is at most {MaxTitleLength} characters.", RuleViolation.Unprocessable);
        }
        var id = Guid.CreateVersion7();
        return new TopicTable
        {
            Id = id,
            RoomUrl = $"{roomBaseUrl.TrimEnd('/')}/table-{id:N}",
            EventId = eventId,
            HostId = hostId,
            HostName = hostName,
            Topic = normalized,
            Title = trimmedTitle,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Seats = seats,
            Taken = 1,
            CreatedAt = now,
        };
    }
}

/// <summary>One attendee's seat at a table: the primary key makes it one seat per person.</summary>
public sealed class TableSeat
{
    public Guid TableId { get; init; }
    public Guid AttendeeId { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
}
