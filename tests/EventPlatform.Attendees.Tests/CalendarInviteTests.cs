using EventPlatform.Attendees.Endpoints;
using EventPlatform.Contracts.Events;
using EventPlatform.Testing;
using Ical.Net;

namespace EventPlatform.Attendees.Tests;

public sealed class CalendarInviteTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task The_invite_is_valid_icalendar_with_utc_times_a_stable_uid_and_the_join_url()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published() with
        {
            Title = "MLOps, testing; and \"reproducibility\": a long title that needs folding because it is longer than seventy-five octets — ✓",
            Description = "Line one\nLine two, with commas; and semicolons",
            JoinUrl = "https://meet.example.org/mlops?room=42&lang=en",
        });
        var (_, client) = await fixture.AttendeeAsync();
        var registration = await (await client.PostJsonAsync("/api/registrations", new RegisterRequest { EventId = ev.EventId })).ReadJsonAsync<RegistrationResponse>();

        var response = await client.GetAsync($"/api/registrations/{registration.Id}/calendar.ics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, $"unfolded line: {line}"));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var calendar = Calendar.Load(text)!;
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(ev.Title, vevent.Summary);
        Assert.Equal(ev.StartsAt.UtcDateTime, vevent.Start!.AsUtc);
        Assert.Equal(ev.EndsAt.UtcDateTime, vevent.End!.AsUtc);
        Assert.Equal(new Uri(ev.JoinUrl!), vevent.Url);
        Assert.Contains("Line two, with commas; and semicolons", vevent.Description, StringComparison.Ordinal);
        Assert.Contains(ev.JoinUrl!, vevent.Description, StringComparison.Ordinal);
        Assert.Equal("CONFIRMED", vevent.Status);

        var again = Calendar.Load(await client.GetStringAsync($"/api/registrations/{registration.Id}/calendar.ics"))!;
        Assert.Equal(vevent.Uid, Assert.Single(again.Events).Uid);
    }
}

public sealed class InviteChangesTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static async Task<RegistrationResponse> RegisterAsync(HttpClient client, Guid eventId) =>
        await (await client.PostJsonAsync("/api/registrations", new RegisterRequest { EventId = eventId })).ReadJsonAsync<RegistrationResponse>();

    private static async Task<(Calendar Calendar, string Text)> InviteAsync(HttpClient client, Guid registrationId)
    {
        var text = await client.GetStringAsync($"/api/registrations/{registrationId}/calendar.ics");
        return (Calendar.Load(text)!, text);
    }

    [Fact]
    public async Task A_title_with_a_bare_carriage_return_cannot_inject_lines_into_the_invite()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published() with
        {
            Title = "Meetup\rATTENDEE:mailto:mallory@example.org\rX-INJECTED:yes",
            Description = "One\r\nTwo\rThree\nFour",
        });
        var (_, client) = await fixture.AttendeeAsync();
        var registration = await RegisterAsync(client, ev.EventId);
        var (calendar, text) = await InviteAsync(client, registration.Id);

        Assert.DoesNotContain('\r', text.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("\r\nATTENDEE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nX-INJECTED", text, StringComparison.Ordinal);
        var vevent = Assert.Single(calendar.Events);
        Assert.Empty(vevent.Attendees);
        Assert.StartsWith("Meetup", vevent.Summary, StringComparison.Ordinal);
        Assert.Contains("ATTENDEE:mailto:mallory@example.org", vevent.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_link_comes_with_a_confirmed_seat_and_the_invite_sequence_grows_with_every_change()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 1));
        var (_, first) = await fixture.AttendeeAsync();
        var (_, second) = await fixture.AttendeeAsync();
        var seated = await RegisterAsync(first, ev.EventId);
        var waiting = await RegisterAsync(second, ev.EventId);
        Assert.Equal(ev.JoinUrl, seated.JoinUrl);
        Assert.Null(waiting.JoinUrl);

        var tentative = Assert.Single((await InviteAsync(second, waiting.Id)).Calendar.Events);
        Assert.Equal("TENTATIVE", tentative.Status);
        Assert.Null(tentative.Url);
        Assert.DoesNotContain(ev.JoinUrl!, tentative.Description, StringComparison.Ordinal);

        // The first leaves: the second is promoted, and their invite changes (same UID, higher SEQUENCE, now with the link).
        (await first.DeleteAsync($"/api/registrations/{seated.Id}")).EnsureSuccessStatusCode();
        var promoted = Assert.Single((await InviteAsync(second, waiting.Id)).Calendar.Events);
        Assert.Equal(tentative.Uid, promoted.Uid);
        Assert.Equal("CONFIRMED", promoted.Status);
        Assert.True(promoted.Sequence > tentative.Sequence, $"{promoted.Sequence} after {tentative.Sequence}");
        Assert.Equal(new Uri(ev.JoinUrl!), promoted.Url);
        Assert.Equal(ev.JoinUrl, (await (await second.GetAsync($"/api/registrations/{waiting.Id}")).ReadJsonAsync<RegistrationResponse>()).JoinUrl);

        // The organizer moves the event: the invite changes again.
        await fixture.Probe.PublishAsync(new EventUpdated
        {
            Event = ev with { StartsAt = ev.StartsAt.AddHours(1), EndsAt = ev.EndsAt.AddHours(1), Version = ev.Version + 1 },
            OccurredAt = DateTimeOffset.UtcNow,
        });
        await Eventually.HoldsAsync(async () => (await fixture.AvailabilityAsync(ev.EventId)).Version == ev.Version + 1, "the edit is replicated");
        var moved = Assert.Single((await InviteAsync(second, waiting.Id)).Calendar.Events);
        Assert.True(moved.Sequence > promoted.Sequence);
        Assert.Equal(ev.StartsAt.AddHours(1).UtcDateTime, moved.Start!.AsUtc);
    }

    [Fact]
    public async Task A_cancelled_registration_gets_an_invite_that_cancels_the_calendar_entry()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published());
        var (_, client) = await fixture.AttendeeAsync();
        var registration = await RegisterAsync(client, ev.EventId);
        var before = Assert.Single((await InviteAsync(client, registration.Id)).Calendar.Events);
        (await client.DeleteAsync($"/api/registrations/{registration.Id}")).EnsureSuccessStatusCode();

        var (calendar, text) = await InviteAsync(client, registration.Id);
        Assert.Contains("METHOD:CANCEL", text, StringComparison.Ordinal);
        var cancelled = Assert.Single(calendar.Events);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(before.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > before.Sequence);
        Assert.Null(cancelled.Url);
    }

    [Fact]
    public async Task Only_the_events_organizers_see_who_registered()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published());
        var (_, client) = await fixture.AttendeeAsync();
        await RegisterAsync(client, ev.EventId);
        using var otherOrganizer = fixture.Service.ClientWithToken(fixture.Service.OrganizerToken(Guid.NewGuid()));
        await (await otherOrganizer.GetAsync($"/api/registrations?eventId={ev.EventId}")).ProblemAsync(403);
        using var owner = fixture.Service.ClientWithToken(fixture.Service.OrganizerToken());
        (await owner.GetAsync($"/api/registrations?eventId={ev.EventId}")).EnsureSuccessStatusCode();
        await (await owner.GetAsync($"/api/registrations?eventId={Guid.NewGuid()}")).ProblemAsync(404);
    }
}

public sealed class RegistrantSearchTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task Organizers_search_registrants_and_see_each_ones_place_on_the_whole_waitlist()
    {
        var ev = await fixture.PublishEventAsync(EventSnapshots.Published(capacity: 1));
        var names = new[] { "Ana Lima", "Ben Okafor", "Cleo Novak", "Ben Smith" };
        foreach (var name in names)
        {
            var (_, client) = await fixture.AttendeeAsync(name);
            (await client.PostJsonAsync("/api/registrations", new RegisterRequest { EventId = ev.EventId })).EnsureSuccessStatusCode();
        }
        using var owner = fixture.Service.ClientWithToken(fixture.Service.OrganizerToken());
        var bens = await (await owner.GetAsync($"/api/registrations?eventId={ev.EventId}&q=ben")).ReadJsonAsync<EventPlatform.ServiceDefaults.Http.Page<RegistrantResponse>>();
        Assert.Equal(["Ben Okafor", "Ben Smith"], bens.Items.Select(r => r.DisplayName));
        Assert.Equal([1, 3], bens.Items.Select(r => r.WaitlistPosition!.Value));
        var all = await (await owner.GetAsync($"/api/registrations?eventId={ev.EventId}")).ReadJsonAsync<EventPlatform.ServiceDefaults.Http.Page<RegistrantResponse>>();
        Assert.Equal([null, 1, 2, 3], all.Items.Select(r => r.WaitlistPosition));
    }
}
