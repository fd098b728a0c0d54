using System.Net;
using System.Text;
using EventPlatform.Events.Domain;
using EventPlatform.Events.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Events.Tests;

public sealed class EventsAccessTests(EventsFactory factory) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task Writes_without_a_token_are_401_and_for_an_attendee_403()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.PostJsonAsync("/api/events", EventsFactory.NewEvent())).ProblemAsync(401);

        using var attendee = factory.ClientWithToken(factory.AttendeeToken(Guid.NewGuid()));
        await (await attendee.PostJsonAsync("/api/events", EventsFactory.NewEvent())).ProblemAsync(403);
        var ev = await factory.CreateAsync(EventsFactory.NewEvent());
        await (await attendee.PostAsync($"/api/events/{ev.Id}/publish", null)).ProblemAsync(403);
    }

    [Theory]
    [MemberData(nameof(ForgedTokens.All), MemberType = typeof(ForgedTokens))]
    public async Task A_token_not_signed_with_the_platform_key_is_401(string kind)
    {
        using var client = factory.ClientWithToken(ForgedTokens.Make(kind));
        await (await client.PostJsonAsync("/api/events", EventsFactory.NewEvent())).ProblemAsync(401);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_the_gateway_only()
    {
        static async Task<string> ServersAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
            var document = await (await client.SendAsync(request)).ReadJsonAsync<System.Text.Json.JsonElement>();
            return document.TryGetProperty("servers", out var servers) ? servers.ToString() : "";
        }

        using var stranger = factory.CreateClient();
        Assert.DoesNotContain("evil.example", await ServersAsync(stranger), StringComparison.Ordinal);

        var behindGateway = new EventsFactory { ClientAddress = IPAddress.Loopback };
        await ((IAsyncLifetime)behindGateway).InitializeAsync();
        try
        {
            using var gateway = behindGateway.CreateClient();
            Assert.Contains("https://evil.example", await ServersAsync(gateway), StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)behindGateway).DisposeAsync();
        }
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var response = await client.PostAsync("/api/events", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        await response.ProblemAsync(400);
        var wrongType = await client.PostAsync("/api/events", new StringContent("{\"title\": \"x\", \"capacity\": \"many\"}", Encoding.UTF8, "application/json"));
        await wrongType.ProblemAsync(400);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_each_error_named()
    {
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var problem = await (await client.PostJsonAsync("/api/events", EventsFactory.NewEvent() with { Title = "x", Capacity = 0 })).ProblemAsync(400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Title", out _) || errors.TryGetProperty("title", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Capacity", out _) || errors.TryGetProperty("capacity", out _), errors.ToString());
    }

    [Fact]
    public async Task Rules_on_the_event_are_422()
    {
        using var client = factory.ClientWithToken(factory.OrganizerToken());
        var request = EventsFactory.NewEvent();
        var endsBeforeStart = await (await client.PostJsonAsync("/api/events", request with { EndsAt = request.StartsAt!.Value.AddHours(-1) })).ProblemAsync(422);
        Assert.EndsWith("event-ends-before-start", endsBeforeStart.GetProperty("type").GetString());
        await (await client.PostJsonAsync("/api/events", request with { TimeZone = "Mars/Olympus_Mons" })).ProblemAsync(422);
        await (await client.PostJsonAsync("/api/events", request with
        {
            RegistrationOpensAt = request.StartsAt.Value.AddDays(-1),
            RegistrationClosesAt = request.StartsAt.Value.AddDays(-2),
        })).ProblemAsync(422);
    }

    [Fact]
    public async Task Drafts_are_hidden_from_the_public_but_listed_for_organizers()
    {
        var draft = await factory.CreateAsync(EventsFactory.NewEvent());
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/events/{draft.Id}")).StatusCode);
        var publicList = await (await anonymous.GetAsync("/api/events?status=draft")).ReadJsonAsync<Page<EventResponse>>();
        Assert.DoesNotContain(publicList.Items, e => e.Id == draft.Id);

        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var organizerList = await (await organizer.GetAsync("/api/events?status=draft&pageSize=100")).ReadJsonAsync<Page<EventResponse>>();
        Assert.Contains(organizerList.Items, e => e.Id == draft.Id);
    }

    [Fact]
    public async Task Listing_filters_by_topic_status_and_dates_and_pages()
    {
        var topic = $"topic-{Guid.NewGuid():N}"[..20];
        var start = new DateTimeOffset(2031, 3, 10, 15, 0, 0, TimeSpan.Zero);
        var first = await factory.CreateAsync(EventsFactory.NewEvent(startsAt: start, topics: [topic]), publish: true);
        var second = await factory.CreateAsync(EventsFactory.NewEvent(startsAt: start.AddDays(7), topics: [topic, "streaming"]), publish: true);
        var third = await factory.CreateAsync(EventsFactory.NewEvent(startsAt: start.AddDays(14), topics: [topic]), publish: true);
        using var client = factory.CreateClient();

        var all = await (await client.GetAsync($"/api/events?topic={topic}")).ReadJsonAsync<Page<EventResponse>>();
        Assert.Equal([first.Id, second.Id, third.Id], all.Items.Select(e => e.Id));

        var window = await (await client.GetAsync($"/api/events?topic={topic}&from={start.AddDays(6):O}&to={start.AddDays(8):O}".Replace("+", "%2B", StringComparison.Ordinal)))
            .ReadJsonAsync<Page<EventResponse>>();
        Assert.Equal([second.Id], window.Items.Select(e => e.Id));

        var page2 = await (await client.GetAsync($"/api/events?topic={topic}&page=2&pageSize=2")).ReadJsonAsync<Page<EventResponse>>();
        Assert.Equal(3, page2.Total);
        Assert.Equal([third.Id], page2.Items.Select(e => e.Id));

        var live = await (await client.GetAsync($"/api/events?topic={topic}&status=live")).ReadJsonAsync<Page<EventResponse>>();
        Assert.Empty(live.Items);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1000")]
    [InlineData("status=bogus")]
    public async Task Bad_query_values_are_400(string query)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/events?{query}")).ProblemAsync(400);
    }
}
