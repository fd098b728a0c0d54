using EventPlatform.Matching;

namespace EventPlatform.Matchmaking.Domain;

/// <summary>
/// Something a person did in the talk library that networking may use, as Talks told it: watched a talk, saved it,
/// asked or upvoted a question (and, from its words, the topics they asked about on that talk). Two people share a
/// signal when they hold the same <see cref="Key"/>; one action may give several keys (a question: the question itself
/// and each topic it names on that talk), each a row with the action's <see cref="SourceId"/>. Later messages win:
/// an older one arriving late changes nothing.
/// </summary>
public sealed class LibrarySignal
{
    public const int MaxLabelLength = 300;

    private LibrarySignal() { }

    public Guid AttendeeId { get; private set; }
    public string Key { get; private set; } = "";

    /// <summary>The talk (views, bookmarks) or question (asking, upvoting) the signal came from.</summary>
    public Guid SourceId { get; private set; }
    public SignalKind Kind { get; private set; }

    /// <summary>What the signal is about, in words: the talk's title, the question's text, or the topic.</summary>
    public string Label { get; private set; } = "";
    public Guid TalkId { get; private set; }
    public string TalkTitle { get; private set; } = "";

    /// <summary>The event whose programme the talk is on, if any (questions on it may become topic tables).</summary>
    public Guid? EventId { get; private set; }

    /// <summary>For question signals: this person asked it (false: upvoted it).</summary>
    public bool Asked { get; private set; }
    public bool Active { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    /// <param name="key">One of <see cref="SignalKeys"/>: it names the kind.</param>
    public static LibrarySignal For(Guid attendeeId, string key, Guid sourceId, string label, Guid talkId, string talkTitle,
        Guid? eventId, bool asked) => new()
    {
        AttendeeId = attendeeId,
        Key = key,
        SourceId = sourceId,
        Kind = SignalKeys.KindOf(key),
        Label = Truncate(label),
        TalkId = talkId,
        TalkTitle = Truncate(talkTitle),
        EventId = eventId,
        Asked = asked,
        ChangedAt = DateTimeOffset.MinValue,
    };

    /// <summary>Switches the signal on or off as of <paramref name="at"/>; false when a newer message already spoke.</summary>
    public bool Set(bool active, DateTimeOffset at)
    {
        if (at < ChangedAt)
        {
            return false;
        }
        Active = active;
        ChangedAt = at;
        return true;
    }

    /// <summary>The words a reason shows for this signal (see <see cref="CompatibilityModel"/>).</summary>
    public SignalLabel ToLabel() => new(Kind, Label, TalkTitle);

    private static string Truncate(string value) => value.Length > MaxLabelLength ? value[..MaxLabelLength] : value;
}

/// <summary>Which of a person's library signals networking may use (all, until they say otherwise).</summary>
public sealed class SignalPreference
{
    private SignalPreference() { }

    public Guid AttendeeId { get; private set; }
    public bool UseViews { get; private set; } = true;
    public bool UseBookmarks { get; private set; } = true;
    public bool UseQuestions { get; private set; } = true;
    public DateTimeOffset ChangedAt { get; private set; }

    public static SignalPreference Default(Guid attendeeId) => new() { AttendeeId = attendeeId };

    public void Change(bool? useViews, bool? useBookmarks, bool? useQuestions, DateTimeOffset now)
    {
        UseViews = useViews ?? UseViews;
        UseBookmarks = useBookmarks ?? UseBookmarks;
        UseQuestions = useQuestions ?? UseQuestions;
        ChangedAt = now;
    }

    public bool Uses(SignalKind kind) => kind switch
    {
        SignalKind.Watched => UseViews,
        SignalKind.Saved => UseBookmarks,
        _ => UseQuestions,
    };
}

/// <summary>A question's moderation status as Talks last told it (open until told otherwise): only open questions become tables.</summary>
public sealed class QuestionState
{
    private QuestionState() { }

    public Guid QuestionId { get; private set; }
    public string Status { get; private set; } = "open";
    public DateTimeOffset ChangedAt { get; private set; }

    public bool IsOpen => Status == "open";

    public static QuestionState Of(Guid questionId) => new() { QuestionId = questionId, ChangedAt = DateTimeOffset.MinValue };

    public void Set(string status, DateTimeOffset at)
    {
        if (at >= ChangedAt)
        {
            Status = status;
            ChangedAt = at;
        }
    }
}
