using EventPlatform.Attendees.Endpoints;
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
