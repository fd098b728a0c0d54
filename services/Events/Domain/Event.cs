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
/// A virtual or hybrid event and its lifecycle draft → published → live → ended, or cancelled.
/// Every rule about what may change when lives here; handlers only coordinate.
/// </summary>
public sealed class Event
{
    public static readonly TimeSpan DefaultNetworkingLead = TimeSpan.FromDays(14);

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
    public Guid OrganizerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Bumped on every change; replicas ignore messages older than what they hold. Also the concurrency token.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda;

    /// <summary>Networking opens weeks before the event: by default 14 days before the start.</summary>
    public DateTimeOffset? NetworkingOpensAt => NetworkingOpensAtOverride ?? StartsAt?.Subtract(DefaultNetworkingLead);

    public bool IsVisibleToPublic => Status != EventStatus.Draft;

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

    public void Update(EventDetails details, DateTimeOffset now)
    {
        EnsureNotOver("edited");
        if (Status != EventStatus.Draft)
        {
            RequireSchedule(details.StartsAt, details.EndsAt);
        }
        Apply(details, now);
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status != EventStatus.Draft)
        {
            throw new DomainRuleException("event-not-draft", $"Only a draft can be published; this event is {Status.ToString().ToLowerInvariant()}.");
        }
        RequireSchedule(StartsAt, EndsAt);
        if (EndsAt <= now)
        {
            throw new DomainRuleException("event-in-the-past", "An event that has already ended cannot be published.", RuleViolation.Unprocessable);
        }
        Status = EventStatus.Published;
        Touch(now);
    }

    public void Start(DateTimeOffset now)
    {
        if (Status != EventStatus.Published)
        {
            throw new DomainRuleException("event-not-published", $"Only a published event can start; this event is {Status.ToString().ToLowerInvariant()}.");
        }
        Status = EventStatus.Live;
        Touch(now);
    }

    public void End(DateTimeOffset now)
    {
        if (Status is not (EventStatus.Published or EventStatus.Live))
        {
            throw new DomainRuleException("event-not-running", $"Only a published or live event can end; this event is {Status.ToString().ToLowerInvariant()}.");
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

    public AgendaItem AddAgendaItem(AgendaItemKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, IReadOnlyList<string> speakers, DateTimeOffset now)
    {
        EnsureNotOver("given agenda items");
        if (endsAt <= startsAt)
        {
            throw new DomainRuleException("agenda-item-ends-before-start", "An agenda item must end after it starts.", RuleViolation.Unprocessable);
        }
        if (StartsAt is { } start && EndsAt is { } end && (startsAt < start || endsAt > end))
        {
            throw new DomainRuleException("agenda-item-outside-event", "An agenda item must lie within the event's start and end.", RuleViolation.Unprocessable);
        }
        var item = new AgendaItem(Guid.CreateVersion7(), kind, title.Trim(), startsAt, endsAt, [.. speakers], talkId: null);
        _agenda.Add(item);
        Touch(now);
        return item;
    }

    /// <summary>Shows a talk the Talks service scheduled at this event; a repeated message updates the same item.</summary>
    public void ShowScheduledTalk(Guid talkId, string title, IReadOnlyList<string> speakers, string format,
        DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        var kind = format switch
        {
            "panel" => AgendaItemKind.Panel,
            "keynote" => AgendaItemKind.Keynote,
            _ => AgendaItemKind.Talk,
        };
        var existing = _agenda.FirstOrDefault(item => item.TalkId == talkId);
        if (existing is null)
        {
            _agenda.Add(new AgendaItem(Guid.CreateVersion7(), kind, title, startsAt ?? StartsAt ?? now, endsAt ?? EndsAt ?? now, [.. speakers], talkId));
        }
        else
        {
            existing.Reschedule(title, startsAt ?? existing.StartsAt, endsAt ?? existing.EndsAt, speakers);
        }
        Touch(now);
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
        if (details.JoinUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            throw new DomainRuleException("join-url-invalid", "The join URL must be an absolute http(s) URL.", RuleViolation.Unprocessable);
        }

        Title = details.Title.Trim();
        Description = details.Description?.Trim();
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
            throw new DomainRuleException("event-closed", $"This event is {Status.ToString().ToLowerInvariant()} and cannot be {action}.");
        }
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
