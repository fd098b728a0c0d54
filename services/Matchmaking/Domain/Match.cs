using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Matchmaking.Domain;

public enum MatchStatus { Proposed, Confirmed, Declined }

public enum MatchResponse { Pending, Accepted, Declined }

/// <summary>
/// Two attendees proposed to each other in a round. Each accepts or declines; when both accept, the meeting is
/// confirmed with the round's slot and a video room of its own. A pair is matched at most once per event
/// (a unique index on event and pair), and a declined pair is never proposed again.
/// </summary>
public sealed class Match
{
    public const int MaxReasons = 5;

    private Match() { }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid? RoundId { get; private set; }

    /// <summary>The pair in a fixed order (A's id sorts first), so that the pair has one spelling.</summary>
    public Guid AttendeeA { get; private set; }
    public Guid AttendeeB { get; private set; }
    public double Score { get; private set; }
    public List<string> ReasonsForA { get; private set; } = [];
    public List<string> ReasonsForB { get; private set; } = [];
    public MatchResponse ResponseA { get; private set; }
    public MatchResponse ResponseB { get; private set; }
    public MatchStatus Status { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid? MeetingId { get; private set; }
    public string? RoomUrl { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When each of the two last read their messages: what came from the other after it is unread.</summary>
    public DateTimeOffset? ReadByAAt { get; private set; }
    public DateTimeOffset? ReadByBAt { get; private set; }

    public static Match Propose(Guid eventId, Guid? roundId, Guid first, Guid second, double score,
        IReadOnlyList<string> reasonsForFirst, IReadOnlyList<string> reasonsForSecond, DateTimeOffset startsAt, DateTimeOffset endsAt,
        DateTimeOffset now)
    {
        var firstIsA = first.CompareTo(second) < 0;
        return new Match
        {
            Id = Guid.CreateVersion7(),
            EventId = eventId,
            RoundId = roundId,
            AttendeeA = firstIsA ? first : second,
            AttendeeB = firstIsA ? second : first,
            Score = score,
            ReasonsForA = [.. (firstIsA ? reasonsForFirst : reasonsForSecond).Take(MaxReasons)],
            ReasonsForB = [.. (firstIsA ? reasonsForSecond : reasonsForFirst).Take(MaxReasons)],
            Status = MatchStatus.Proposed,
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A meeting request: a match outside any round that the requester has already accepted.</summary>
    public static Match Request(Guid eventId, Guid requester, Guid invitee, double score, IReadOnlyList<string> reasonsForRequester,
        IReadOnlyList<string> reasonsForInvitee, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var match = Propose(eventId, null, requester, invitee, score, reasonsForRequester, reasonsForInvitee, startsAt, endsAt, now);
        match.SetResponse(requester, MatchResponse.Accepted);
        return match;
    }

    public bool Involves(Guid attendee) => attendee == AttendeeA || attendee == AttendeeB;

    /// <summary>Proposed or confirmed: it holds a slot in both people's time.</summary>
    public bool HoldsSlot => Status != MatchStatus.Declined;

    public Guid PartnerOf(Guid attendee) => attendee == AttendeeA ? AttendeeB : AttendeeA;

    public IReadOnlyList<string> ReasonsFor(Guid attendee) => attendee == AttendeeA ? ReasonsForA : ReasonsForB;

    public MatchResponse ResponseOf(Guid attendee) => attendee == AttendeeA ? ResponseA : ResponseB;

    public DateTimeOffset? ReadAtBy(Guid attendee) => attendee == AttendeeA ? ReadByAAt : ReadByBAt;

    /// <summary>The attendee has read every message up to now.</summary>
    public void MarkRead(Guid attendee, DateTimeOffset now)
    {
        if (attendee == AttendeeA)
        {
            ReadByAAt = now;
        }
        else
        {
            ReadByBAt = now;
        }
    }

    /// <summary>Waiting for this attendee's answer, in a slot that has not ended.</summary>
    public bool AwaitsAnswerFrom(Guid attendee, DateTimeOffset now) =>
        Status == MatchStatus.Proposed && ResponseOf(attendee) == MatchResponse.Pending && EndsAt > now;

    /// <summary>Records the attendee's yes. True when this completes the pair's consent and confirms the meeting.</summary>
    public bool Accept(Guid attendee, string roomBaseUrl, DateTimeOffset now)
    {
        EnsureOpenFor(attendee);
        SetResponse(attendee, MatchResponse.Accepted);
        UpdatedAt = now;
        if (ResponseA == MatchResponse.Accepted && ResponseB == MatchResponse.Accepted && Status == MatchStatus.Proposed)
        {
            Status = MatchStatus.Confirmed;
            MeetingId = Guid.CreateVersion7();
            RoomUrl = $"{roomBaseUrl.TrimEnd('/')}/{MeetingId:N}";
            return true;
        }
        return false;
    }

    public void Decline(Guid attendee, DateTimeOffset now)
    {
        if (Status == MatchStatus.Confirmed)
        {
            throw new DomainRuleException("meeting-confirmed", "Both of you accepted and the meeting is confirmed; it can no longer be declined.");
        }
        EnsureOpenFor(attendee);
        SetResponse(attendee, MatchResponse.Declined);
        Status = MatchStatus.Declined;
        UpdatedAt = now;
    }

    /// <summary>
    /// One of the two called it off (blocked the other, or left the event): the match ends as declined by them,
    /// whatever stage it is at (a confirmed meeting is called off, and with it the messages). False when it had already ended.
    /// </summary>
    public bool CallOff(Guid attendee, DateTimeOffset now)
    {
        if (Status == MatchStatus.Declined || !Involves(attendee))
        {
            return false;
        }
        SetResponse(attendee, MatchResponse.Declined);
        Status = MatchStatus.Declined;
        UpdatedAt = now;
        return true;
    }

    private void EnsureOpenFor(Guid attendee)
    {
        if (Status == MatchStatus.Declined)
        {
            throw new DomainRuleException("match-declined", "This match was declined; it will not be proposed again.");
        }
        if (ResponseOf(attendee) == MatchResponse.Declined)
        {
            throw new DomainRuleException("match-declined", "You declined this match.");
        }
    }

    private void SetResponse(Guid attendee, MatchResponse response)
    {
        if (attendee == AttendeeA)
        {
            ResponseA = response;
        }
        else
        {
            ResponseB = response;
        }
    }
}

/// <summary>A private message between the two people of a confirmed match.</summary>
public sealed class DirectMessage
{
    public const int MaxLength = 2000;

    private DirectMessage() { }

    public Guid Id { get; private set; }
    public Guid MatchId { get; private set; }
    public Guid SenderId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    public static DirectMessage Write(Guid matchId, Guid senderId, string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            throw new DomainRuleException("message-length",
                $"A message is 1 to {MaxLength} characters long once trimmed; this one is {trimmed.Length}.", RuleViolation.Unprocessable);
        }
        return new DirectMessage { Id = Guid.CreateVersion7(), MatchId = matchId, SenderId = senderId, Text = trimmed, SentAt = now };
    }
}
