using System.Text.Json;
using EventPlatform.Demo;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

/// <summary>deploy/run.sh demo: a newcomer's platform filled through the public API, once; a second run changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DemoTests(Platform platform) : IDisposable
{
    private readonly string _credentials = Path.Combine(Path.GetTempPath(), $"demo-credentials-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task The_demo_builds_an_event_with_a_programme_people_and_a_round_and_a_second_run_changes_nothing()
    {
        using var gatewayHttp = new HttpClient { BaseAddress = platform.Gateway };
        using var attendeesHttp = new HttpClient { BaseAddress = platform.Service("attendees") };
        var options = new DemoOptions(_credentials, Platform.DemoOrganizerEmail);
        using var mailHttp = new HttpClient { BaseAddress = platform.Mail.WebAddress };
        var demo = new DemoBuilder(new DemoApi(gatewayHttp), new DemoApi(attendeesHttp), new MailInbox(mailHttp), options, TextWriter.Null);

        var first = await demo.BuildAsync(CancellationToken.None);

        Assert.True(first.Created);
        Assert.Equal(DemoCast.People.Length, first.Registered);
        // Everyone who networks is in the pool (one opted out); an odd pool leaves one person unmatched.
        Assert.Equal(DemoCast.People.Count(p => p.Networking) / 2, first.Pairs);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_credentials));
        }

        using var visitor = platform.Client();
        await Eventually.HoldsAsync(async () =>
        {
            var ev = await (await visitor.GetAsync($"/api/events/{first.EventId}")).ReadJsonAsync<JsonElement>();
            return ev.GetProperty("status").GetString() == "published" && ev.GetProperty("agenda").GetArrayLength() == DemoCast.Programme.Length + 1;
        }, "the programme's talks are on the agenda", TimeSpan.FromSeconds(15));
        var availability = await (await visitor.GetAsync($"/api/registrations/events/{first.EventId}/availability")).ReadJsonAsync<JsonElement>();
        Assert.Equal(DemoCast.People.Length, availability.GetProperty("seatsTaken").GetInt32());

        // A demo attendee signs in with the saved password and finds a confirmed match with a conversation in it.
        var saved = DemoCredentials.LoadOrCreate(_credentials, Platform.DemoOrganizerEmail);
        var session = await (await visitor.PostJsonAsync("/api/auth/login", new { email = DemoCast.EmailOf(0), password = saved.AttendeePassword }))
            .ReadJsonAsync<JsonElement>();
        using var amara = platform.Client(session.GetProperty("token").GetString());
        var match = (await (await amara.GetAsync($"/api/networking/me/matches?eventId={first.EventId}")).ReadJsonAsync<JsonElement>())[0];
        Assert.Equal("confirmed", match.GetProperty("status").GetString());
        var messages = await (await amara.GetAsync($"/api/networking/matches/{match.GetProperty("id").GetGuid()}/messages")).ReadJsonAsync<JsonElement>();
        Assert.Equal(2, messages.GetProperty("items").GetArrayLength());

        var second = await demo.BuildAsync(CancellationToken.None);
        Assert.False(second.Created);
        Assert.Equal(first.EventId, second.EventId);
        var after = await (await visitor.GetAsync($"/api/registrations/events/{first.EventId}/availability")).ReadJsonAsync<JsonElement>();
        Assert.Equal(DemoCast.People.Length, after.GetProperty("seatsTaken").GetInt32());
    }

    public void Dispose() => File.Delete(_credentials);
}
