using EventPlatform.Events.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class EventsFactory : ServiceFactory<Program>
{
    public static EventRequest NewEvent(string? title = null, int capacity = 100, DateTimeOffset? startsAt = null, params string[] topics)
    {
        var start = startsAt ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(15), TimeSpan.Zero);
        return new EventRequest
        {
            Title = title ?? $"MLOps meetup {Guid.NewGuid():N}"[..30],
            Description = "Talks and networking about running models in production.",
            Kind = Domain.EventKind.Meetup,
            StartsAt = start,
            EndsAt = start.AddHours(3),
            TimeZone = "America/Toronto",
            Capacity = capacity,
            Topics = [.. topics.DefaultIfEmpty("mlops")],
            JoinUrl = "https://meet.example.org/mlops",
        };
    }

    public async Task<EventResponse> CreateAsync(EventRequest request, bool publish = false)
    {
        using var client = ClientWithToken(OrganizerToken());
        var created = await (await client.PostJsonAsync("/api/events", request)).ReadJsonAsync<EventResponse>();
        return publish ? await (await client.PostAsync($"/api/events/{created.Id}/publish", null)).ReadJsonAsync<EventResponse>() : created;
    }
}
