using System.Net;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class TopicTableTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    [Fact]
    public async Task A_table_fills_to_its_seat_limit_and_never_beyond_whatever_the_concurrency()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var people = await factory.PoolAsync(probe, ev, 31, seed: 9);
        var (host, others) = (people[0], people[1..]);

        using var hostClient = As(host);
        var created = await hostClient.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "Feature Stores", startsAt = DateTimeOffset.UtcNow.AddMinutes(30), seats = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var table = await created.ReadJsonAsync<TableResponse>();
        Assert.Equal(("feature-stores", 4, true), (table.Topic, table.SeatsLeft, table.Seated));
        Assert.Equal($"https://rooms.test/r/table-{table.Id:N}", table.RoomUrl);
        // The room is for the people seated at the table.
        using var notSeated = As(others[0]);
        var seen = Assert.Single(await (await notSeated.GetAsync($"/api/networking/events/{ev.EventId}/tables")).ReadJsonAsync<List<TableResponse>>());
        Assert.Null(seen.RoomUrl);

        var results = await Task.WhenAll(others.Select(async attendee =>
        {
            using var client = As(attendee);
            return (await client.PostAsync($"/api/networking/tables/{table.Id}/join", null)).StatusCode;
        }));

        Assert.Equal(4, results.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(26, results.Count(s => s == HttpStatusCode.Conflict));
        var listed = Assert.Single(await (await hostClient.GetAsync($"/api/networking/events/{ev.EventId}/tables?topic=feature-stores")).ReadJsonAsync<List<TableResponse>>());
        Assert.Equal(0, listed.SeatsLeft);
    }

    [Fact]
    public async Task Joining_twice_keeps_one_seat_leaving_frees_it_and_bad_tables_are_refused()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var people = await factory.PoolAsync(probe, ev, 3, seed: 11);
        using var host = As(people[0]);
        var table = await (await host.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "mlops", title = "MLOps horror stories", startsAt = DateTimeOffset.UtcNow.AddMinutes(10), durationMinutes = 45, seats = 3 }))
            .ReadJsonAsync<TableResponse>();

        using var guest = As(people[1]);
        Assert.Equal(1, (await (await guest.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ReadJsonAsync<TableResponse>()).SeatsLeft);
        Assert.Equal(1, (await (await guest.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ReadJsonAsync<TableResponse>()).SeatsLeft);
        Assert.Equal(2, (await (await guest.DeleteAsync($"/api/networking/tables/{table.Id}/join")).ReadJsonAsync<TableResponse>()).SeatsLeft);
        await (await host.DeleteAsync($"/api/networking/tables/{table.Id}/join")).ProblemAsync(409);

        await (await host.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables", new { topic = "mlops", startsAt = DateTimeOffset.UtcNow.AddMinutes(10), seats = 1 })).ProblemAsync(400);
        await (await host.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables", new { topic = "mlops", startsAt = DateTimeOffset.UtcNow.AddDays(-1), seats = 4 })).ProblemAsync(422);
        await (await host.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables", new { topic = "mlops", seats = 4 })).ProblemAsync(400);
        using var stranger = As(Guid.NewGuid());
        await (await stranger.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ProblemAsync(404);
        await (await stranger.GetAsync($"/api/networking/events/{ev.EventId}/tables")).ProblemAsync(404);
        await (await guest.PostAsync($"/api/networking/tables/{Guid.NewGuid()}/join", null)).ProblemAsync(404);
    }
}
