using EventPlatform.ServiceDefaults.Problems;

namespace EventPlatform.Events.Domain;

public enum EventKind { Meetup, Conference, Workshop, Panel }

public enum EventFormat { Virtual, Hybrid }

public enum EventStatus { Draft, Published, Live, Ended, Cancelled }

/// <summary>What an organizer writes when creating or editing an event.</summary>
public sealed record EventDetails(
    string Title,
    string? Description,
    EventKind Kind,
    EventFormat Format,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string TimeZone,
    int Capacity,
    IReadOnlyList<string> Topics,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? NetworkingOpensAt,
    string? JoinUrl);

/// <summary>
/// A virtual or hybrid event and its lifecycle draft → published → live → ended, or cancelled. It belongs to the
/// organizer who created it and the co-organizers they add; nobody else may change it. Every rule about what may
/// change when lives here; handlers only coordinate.
/// </summary>
public sealed class Event
{
    public static readonly TimeSpan DefaultNetworkingLead = TimeSpan.FromDays(14);

    /// <summary>How early an event may go live without the organizer saying they mean it.</summary>
    public static readonly TimeSpan StartWindow = TimeSpan.FromMinutes(15);

    /// <summary>How early an organizer may start an event on purpose (<c>early=true</c>): a green room, a sound check.</summary>
    public static readonly TimeSpan EarlyStartWindow = TimeSpan.FromHours(2);

    public const int MaxCoOrganizers = 20;

    private readonly List<AgendaItem> _agenda = [];

    private Event() { }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public EventKind Kind { get; private set; }
    public EventFormat Format { get; private set; }
    public EventStatus Status { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public int Capacity { get; private set; }
    public List<string> Topics { get; private set; } = [];
    public DateTimeOffset? RegistrationOpensAt { get; private set; }
    public DateTimeOffset? RegistrationClosesAt { get; private set; }
    public DateTimeOffset? NetworkingOpensAtOverride { get; private set; }
    public string? JoinUrl { get; private set; }

    /// <summary>The organizer who created the event: the only one who can add or remove co-organizers.</summary>
    public Guid OrganizerId { get; private set; }

    /// <summary>Organizers the owner added; they manage the event as the owner does.</summary>
    public List<Guid> CoOrganizerIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Bumped on every change; replicas ignore messages older than what they hold. Also the concurrency token.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda;

    /// <summary>Networking opens weeks before the event: by default 14 days before the start.</summary>
    public DateTimeOffset? NetworkingOpensAt => NetworkingOpensAtOverride ?? StartsAt?.Subtract(DefaultNetworkingLead);

    public bool IsVisibleToPublic => Status != EventStatus.Draft;

    public bool HasSchedule => StartsAt is not null && EndsAt is not null;

    /// <summary>The owner first, then the co-organizers.</summary>
    public IReadOnlyList<Guid> OrganizerIds => [OrganizerId, .. CoOrganizerIds];

    public bool IsOrganizedBy(Guid attendeeId) => attendeeId == OrganizerId || CoOrganizerIds.Contains(attendeeId);

    public static Event Create(EventDetails details, Guid organizerId, DateTimeOffset now)
    {
        var ev = new Event
        {
            Id = Guid.CreateVersion7(),
            OrganizerId = organizerId,
            Status = EventStatus.Draft,
            CreatedAt = now,
        };
        ev.Apply(details, now);
        return ev;
    }

    /// <summary>403 for anyone who is not one of the event's organizers.</summary>
    public void EnsureOrganizedBy(Guid attendeeId)
    {
        if (!IsOrganizedBy(attendeeId))
        {
            throw new DomainRuleException("not-an-organizer-of-event",
                "Only the organizers of this event (its owner and the co-organizers they added) may change it.", RuleViolation.Forbidden);
        }
    }

    public void Update(EventDetails details, DateTimeOffset now)
    {
        EnsureNotOver("edited");
        if (Status != EventStatus.Draft)
        {
            RequireSchedule(details.StartsAt, details.EndsAt);
        }
        if (Status == EventStatus.Live && details.StartsAt != StartsAt)
        {
            throw new DomainRuleException("event-live", "The event is live; its start can no longer move.");
        }
        Apply(details, now);
        foreach (var item in _agenda.Where(item => StartsAt is { } start && EndsAt is { } end && (item.StartsAt < start || item.EndsAt > end)))
        {
            throw new DomainRuleException("agenda-item-outside-event",
                $"The agenda item '{item.Title}' would lie outside the new start and end; move or remove it first.", RuleViolation.Unprocessable);
        }
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status != EventStatus.Draft)
        {
            throw new DomainRuleException("event-not-draft", $"Only a draft can be published; this event is {Name(Status)}.");
        }
        RequireSchedule(StartsAt, EndsAt);
        if (EndsAt <= now)
        {
            throw new DomainRuleException("event-in-the-past", "An event that has already ended cannot be published.", RuleViolation.Unprocessable);
        }
        Status = EventStatus.Published;
        Touch(now);
    }

    /// <summary>
    /// Goes live: from 15 minutes before the start, or up to two hours before it when the organizer says so
    /// (<paramref name="early"/>), and not after the event's end.
    /// </summary>
    public void Start(DateTimeOffset now, bool early = false)
    {
        if (Status != EventStatus.Published)
        {
            throw new DomainRuleException("event-not-published", $"Only a published event can start; this event is {Name(Status)}.");
        }
        var earliest = StartsAt!.Value - (early ? EarlyStartWindow : StartWindow);
        if (now < earliest)
        {
            throw new DomainRuleException(early ? "event-start-too-early" : "event-not-started-yet",
                early
                    ? $"An event can start at most {EarlyStartWindow.TotalHours:0} hours early; this one starts at {StartsAt:u}."
                    : $"This event starts at {StartsAt:u}. It can go live {StartWindow.TotalMinutes:0} minutes before; to open it earlier, start it with early=true.");
        }
        if (now >= EndsAt)
        {
            throw new DomainRuleException("event-over", $"This event was to end at {EndsAt:u}; end it instead of starting it.");
        }
        Status = EventStatus.Live;
        Touch(now);
    }

    /// <summary>Ends a live event (early if the organizer wishes), or closes a published one once its end has passed.</summary>
    public void End(DateTimeOffset now)
    {
        var mayEnd = Status == EventStatus.Live || (Status == EventStatus.Published && now >= EndsAt);
        if (!mayEnd)
        {
            throw new DomainRuleException("event-not-running", Status == EventStatus.Published
                ? $"This event has not started; start it first, or cancel it. It can be closed without starting once its end ({EndsAt:u}) has passed."
                : $"Only a live event can end; this event is {Name(Status)}.");
        }
        Status = EventStatus.Ended;
        Touch(now);
    }

    public void Cancel(string? reason, DateTimeOffset now)
    {
        EnsureNotOver("cancelled");
        Status = EventStatus.Cancelled;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch(now);
    }

    /// <summary>The owner adds a co-organizer; adding one twice changes nothing.</summary>
    public void AddCoOrganizer(Guid requester, Guid coOrganizer, DateTimeOffset now)
    {
        EnsureOwner(requester);
        if (coOrganizer == OrganizerId || CoOrganizerIds.Contains(coOrganizer))
        {
            return;
        }
        if (CoOrganizerIds.Count >= MaxCoOrganizers)
        {
            throw new DomainRuleException("too-many-co-organizers", $"An event has at most {MaxCoOrganizers} co-organizers.", RuleViolation.Unprocessable);
        }
        CoOrganizerIds = [.. CoOrganizerIds, coOrganizer];
        Touch(now);
    }

    public void RemoveCoOrganizer(Guid requester, Guid coOrganizer, DateTimeOffset now)
    {
        EnsureOwner(requester);
        if (CoOrganizerIds.Contains(coOrganizer))
        {
            CoOrganizerIds = [.. CoOrganizerIds.Where(id => id != coOrganizer)];
            Touch(now);
        }
    }

    public AgendaItem AddAgendaItem(AgendaItemKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, IReadOnlyList<string> speakers, DateTimeOffset now)
    {
        EnsureNotOver("given agenda items");
        EnsureWithinEvent(startsAt, endsAt);
        var item = new AgendaItem(Guid.CreateVersion7(), kind, title.Trim(), startsAt, endsAt, [.. speakers.Select(s => s.Trim())], talkId: null);
        _agenda.Add(item);
        Touch(now);
        return item;
    }

    /// <summary>Changes an item the organizer added here; a talk's item follows its talk in the library instead.</summary>
    public AgendaItem ChangeAgendaItem(Guid itemId, AgendaItemKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt,
        IReadOnlyList<string> speakers, DateTimeOffset now)
    {
        EnsureNotOver("given agenda changes");
        var item = EditableItem(itemId);
        EnsureWithinEvent(startsAt, endsAt);
        if (kind != item.Kind && (kind == AgendaItemKind.NetworkingRound || item.Kind == AgendaItemKind.NetworkingRound))
        {
            throw new DomainRuleException("agenda-item-kind-fixed",
                "A networking round stays a networking round (its pairs are scheduled); remove it and add a new item instead.", RuleViolation.Unprocessable);
        }
        item.Change(kind, title.Trim(), startsAt, endsAt, [.. speakers.Select(s => s.Trim())]);
        Touch(now);
        return item;
    }

    public AgendaItem RemoveAgendaItem(Guid itemId, DateTimeOffset now)
    {
        EnsureNotOver("given agenda changes");
        var item = EditableItem(itemId);
        _agenda.Remove(item);
        Touch(now);
        return item;
    }

    private AgendaItem EditableItem(Guid itemId)
    {
        var item = _agenda.FirstOrDefault(a => a.Id == itemId) ?? throw DomainRuleException.NotFound("Agenda item", itemId);
        if (item.TalkId is { } talkId)
        {
            throw new DomainRuleException("agenda-item-is-a-talk",
                $"This item shows a talk from the talk library; change or withdraw the talk itself (PATCH or DELETE /api/talks/{talkId}).");
        }
        return item;
    }

    private void EnsureWithinEvent(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (endsAt <= startsAt)
        {
            throw new DomainRuleException("agenda-item-ends-before-start", "An agenda item must end after it starts.", RuleViolation.Unprocessable);
        }
        if (StartsAt is { } start && EndsAt is { } end && (startsAt < start || endsAt > end))
        {
            throw new DomainRuleException("agenda-item-outside-event", "An agenda item must lie within the event's start and end.", RuleViolation.Unprocessable);
        }
    }

    private void Apply(EventDetails details, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(details.Title))
        {
            throw new DomainRuleException("event-title-required", "An event needs a title.", RuleViolation.Unprocessable);
        }
        if (details.StartsAt is { } start && details.EndsAt is { } end && end <= start)
        {
            throw new DomainRuleException("event-ends-before-start", "An event must end after it starts.", RuleViolation.Unprocessable);
        }
        if (details.StartsAt is { } s && details.EndsAt is { } e && e - s > TimeSpan.FromDays(31))
        {
            throw new DomainRuleException("event-too-long", "An event lasts at most 31 days.", RuleViolation.Unprocessable);
        }
        if (details.Capacity < 1)
        {
            throw new DomainRuleException("event-capacity-invalid", "Capacity must be at least 1.", RuleViolation.Unprocessable);
        }
        if (Status != EventStatus.Draft && details.Capacity < Capacity)
        {
            // Lowering capacity after publication would strand confirmed attendees; waitlists only ever grow seats.
            throw new DomainRuleException("event-capacity-decrease", "Capacity of a published event can only be increased.", RuleViolation.Unprocessable);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(details.TimeZone, out _))
        {
            throw new DomainRuleException("event-time-zone-unknown", $"'{details.TimeZone}' is not an IANA time zone.", RuleViolation.Unprocessable);
        }
        if (details.RegistrationOpensAt is { } opens && details.RegistrationClosesAt is { } closes && closes <= opens)
        {
            throw new DomainRuleException("registration-window-invalid", "Registration must close after it opens.", RuleViolation.Unprocessable);
        }
        if (details.RegistrationClosesAt is { } closesAt && details.EndsAt is { } endsAt && closesAt > endsAt)
        {
            throw new DomainRuleException("registration-window-invalid", "Registration cannot close after the event ends.", RuleViolation.Unprocessable);
        }
        if (details.RegistrationOpensAt is { } opensAt && details.EndsAt is { } ending && opensAt >= ending)
        {
            throw new DomainRuleException("registration-window-invalid", "Registration must open before the event ends.", RuleViolation.Unprocessable);
        }
        if (details.NetworkingOpensAt is { } networking && details.EndsAt is { } finish && networking >= finish)
        {
            throw new DomainRuleException("networking-window-invalid", "Networking must open before the event ends.", RuleViolation.Unprocessable);
        }
        if (details.JoinUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            throw new DomainRuleException("join-url-invalid", "The join URL must be an absolute http(s) URL.", RuleViolation.Unprocessable);
        }

        Title = ServiceDefaults.Validation.TextRules.SingleLine(details.Title);
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Kind = details.Kind;
        Format = details.Format;
        StartsAt = details.StartsAt?.ToUniversalTime();
        EndsAt = details.EndsAt?.ToUniversalTime();
        TimeZone = details.TimeZone;
        Capacity = details.Capacity;
        Topics = [.. details.Topics.Select(EventPlatform.ServiceDefaults.Vocabulary.Topics.Normalize).Where(t => t.Length > 0).Distinct()];
        RegistrationOpensAt = details.RegistrationOpensAt?.ToUniversalTime();
        RegistrationClosesAt = details.RegistrationClosesAt?.ToUniversalTime();
        NetworkingOpensAtOverride = details.NetworkingOpensAt?.ToUniversalTime();
        JoinUrl = string.IsNullOrWhiteSpace(details.JoinUrl) ? null : details.JoinUrl.Trim();
        Touch(now);
    }

    private void EnsureOwner(Guid requester)
    {
        if (requester != OrganizerId)
        {
            throw new DomainRuleException("not-the-owner", "Only the organizer who created the event can change its co-organizers.", RuleViolation.Forbidden);
        }
    }

    private static void RequireSchedule(DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        if (startsAt is null || endsAt is null)
        {
            throw new DomainRuleException("event-schedule-required", "A published event needs a start and an end.", RuleViolation.Unprocessable);
        }
    }

    private void EnsureNotOver(string action)
    {
        if (Status is EventStatus.Ended or EventStatus.Cancelled)
        {
            throw new DomainRuleException("event-closed", $"This event is {Name(Status)} and cannot be {action}.");
        }
    }

    private static string Name(EventStatus status) => status.ToString().ToLowerInvariant();

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
