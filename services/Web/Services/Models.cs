namespace EventPlatform.Web.Services;

// The public API's answers as the web app reads them (camelCase JSON, enum names as lower-case strings).

public sealed record PageDto<T>(List<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public sealed record CheckYourEmailDto(string Email, string Message);

public sealed record SignedInDto(Guid AttendeeId, string Token, DateTimeOffset ExpiresAt, string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt, List<string> Roles);

public sealed record ProfileDto(Guid Id, string Email, string DisplayName, string? Headline, string? Company, string? Bio,
    List<string> Interests, List<string> Intents, string TimeZone, bool DirectoryVisible, List<string> DirectoryFields, bool NetworkingOptIn);

public sealed record VocabularyDto(List<string> Topics, List<string> Intents);

public sealed record AgendaItemDto(Guid Id, string Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, List<string> Speakers, Guid? TalkId);

public sealed record EventDto(
    Guid Id, string Title, string? Description, string Kind, string Format, string Status, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    string TimeZone, int Capacity, List<string> Topics, DateTimeOffset? RegistrationOpensAt, DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? NetworkingOpensAt, string? JoinUrl, string? CancellationReason, long Version, List<AgendaItemDto> Agenda, bool CanManage,
    List<Guid> OrganizerIds);

public sealed record OrganizersDto(Guid OwnerId, List<Guid> CoOrganizerIds);

public sealed record AvailabilityDto(Guid EventId, string Title, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    int Capacity, int SeatsTaken, int Waitlisted, DateTimeOffset? RegistrationOpensAt, DateTimeOffset RegistrationClosesAt, long Version)
{
    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);
}

public sealed record RegistrationDto(Guid Id, Guid EventId, string EventTitle, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    int? WaitlistPosition, DateTimeOffset RegisteredAt, DateTimeOffset? PromotedAt, DateTimeOffset? CancelledAt, string? JoinUrl,
    string EventStatus, string TimeZone);

public sealed record RegistrantDto(Guid Id, Guid AttendeeId, string DisplayName, string Email, string? Company, string Status,
    int? WaitlistPosition, DateTimeOffset RegisteredAt);

public sealed record SpeakerDto(string Name, string? Affiliation);

public sealed record LinkDto(string Kind, string Url);

public sealed record TalkDto(Guid Id, string Slug, string Title, string Abstract, List<SpeakerDto> Speakers, string Format, string Status,
    List<string> Tags, List<LinkDto> Links, string Language, string EventName, string? EventCity, Guid? EventId, DateOnly? Date, int Year,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record RelatedTalkDto(Guid Id, string Slug, string Title, int Year, List<string> SharedTags);

public sealed record TalkDetailDto(TalkDto Talk, List<RelatedTalkDto> Related, int QuestionCount);

public sealed record FacetDto(string Value, int Count);

public sealed record FacetsDto(List<FacetDto> Tags, List<FacetDto> Years, List<FacetDto> Formats, List<FacetDto> Events);

public sealed record TalkSearchDto(List<TalkDto> Items, int Total, int Page, int PageSize, FacetsDto Facets, string? DidYouMean = null)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public sealed record QuestionDto(Guid Id, Guid TalkId, string AuthorName, string Text, string Status, int Votes, DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt, bool UpvotedByMe, bool AskedByMe);

public sealed record VoteDto(Guid QuestionId, int Votes, bool UpvotedByMe);

public sealed record ModerationItemDto(QuestionDto Question, Guid TalkId, string TalkSlug, string TalkTitle);

public sealed record NetworkingStatusDto(Guid EventId, string Title, string Status, DateTimeOffset NetworkingOpensAt,
    DateTimeOffset NetworkingClosesAt, bool IsOpen, List<string> Topics, long Version, int PoolSize, bool WaitlistNetworking = true, int WaitlistedInPool = 0,
    int QuestionTableThreshold = 5, int BreakGroupSize = 2);

public sealed record MembershipDto(Guid EventId, bool InPool, bool Confirmed, bool NetworkingOptIn, string Reason, List<string> Interests,
    List<string> Intents, string TimeZone, bool Waitlisted = false, bool MeetsWaitlisted = false);

public sealed record PeerDto(Guid AttendeeId, string DisplayName, string? Headline, string? Company);

public sealed record MatchDto(Guid Id, Guid EventId, Guid? RoundId, PeerDto Partner, double Score, List<string> Reasons, string Status,
    string MyResponse, string PartnerResponse, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? RoomUrl, int UnreadMessages);

public sealed record MessageDto(Guid Id, Guid MatchId, Guid SenderId, string Text, DateTimeOffset SentAt);

public sealed record AttentionDto(int AwaitingAnswer, int UnreadMessages)
{
    public int Total => AwaitingAnswer + UnreadMessages;
}

public sealed record DirectoryEntryDto(Guid AttendeeId, string DisplayName, string? Headline, string? Company, List<string> Interests,
    List<string> Intents, bool Waitlisted = false);

public sealed record TableDto(Guid Id, Guid EventId, string Topic, string Title, Guid HostId, string HostName, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, int Seats, int SeatsLeft, bool Seated, string? RoomUrl, Guid? QuestionId = null, string? QuestionText = null,
    Guid? TalkId = null, bool AwaitingHost = false, DateTimeOffset? UpvotersFirstUntil = null, bool Invited = false);

public sealed record BlockDto(Guid AttendeeId, DateTimeOffset BlockedAt, string? DisplayName);

public sealed record RoundDto(Guid Id, Guid EventId, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PoolSize, int Pairs,
    double TotalScore, int Unmatched, DateTimeOffset? CompletedAt, int GroupSize = 2, int Groups = 0)
{
    public bool InGroups => GroupSize > 2;

    /// <summary>Per pair, or per group for a small-group round.</summary>
    public double AverageScore => InGroups ? (Groups == 0 ? 0 : TotalScore / Groups) : Pairs == 0 ? 0 : TotalScore / Pairs;

    public string Format => InGroups ? $"Groups of {GroupSize}" : "Pairs";
}

public sealed record RoundGroupDto(Guid GroupId, List<PeerDto> Members, double Score);

public sealed record RoundGroupsDto(RoundDto Round, List<RoundGroupDto> Groups, List<PeerDto> Unplaced);

/// <summary>One of my small groups: reasons name the member they are about.</summary>
public sealed record MyGroupDto(Guid Id, Guid EventId, Guid RoundId, List<PeerDto> Members, List<string> Reasons, double Score,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string RoomUrl, int UnreadMessages);

public sealed record GroupMessageDto(Guid Id, Guid GroupId, Guid SenderId, string SenderName, string Text, DateTimeOffset SentAt);

public sealed record RoundPairDto(Guid MatchId, PeerDto A, PeerDto B, double Score, string Status);

public sealed record RoundPairsDto(RoundDto Round, List<RoundPairDto> Pairs, List<PeerDto> Unmatched);

public sealed record NotificationDto(Guid Id, string Kind, string Title, string Text, string Link, Guid? EventId, Guid? MatchId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    /// <summary>The link within this site (the API gives it absolute, for emails).</summary>
    public string Path => Uri.TryCreate(Link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : Link;
}

public sealed record NotificationFeedDto(List<NotificationDto> Items, int Total, int Page, int PageSize, int Unread)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public sealed record UnreadCountDto(int Unread);

public sealed class PreferenceDto
{
    public string Kind { get; set; } = "";
    public string Label { get; set; } = "";
    public bool Email { get; set; }
    public bool InApp { get; set; }
    public bool Emailed { get; set; }
}

public sealed class PreferencesDto
{
    public List<PreferenceDto> Items { get; set; } = [];

    /// <summary>New matches and waiting messages by email as one digest a day instead of one by one.</summary>
    public bool NetworkingDigest { get; set; }
}

public sealed record UnsubscribeDto(string Kind, string Label, bool Unsubscribed);

public sealed record FreePeriodDto(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string From, string To);

public sealed record FreeTimesDto(Guid EventId, bool Marked, string TimeZone, List<FreePeriodDto> Periods);

/// <summary>What the signed-in person did with a talk.</summary>
public sealed record TalkActivityDto(Guid TalkId, bool Viewed, bool Bookmarked);

/// <summary>One thing matching knows the person did in the library; <c>Used</c> false when they turned its kind off.</summary>
public sealed record SignalDto(string Kind, string Label, string TalkTitle, bool Used, DateTimeOffset At);

public sealed record SignalsDto(bool UseViews, bool UseBookmarks, bool UseQuestions, int Total, List<SignalDto> Signals);
