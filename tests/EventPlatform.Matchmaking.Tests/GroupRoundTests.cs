using System.Net;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>
/// Rounds in groups of 3 or 4: everyone free is placed, groups never hold a pair that may not meet (blocked, matched
/// or grouped before at this event, not free then), each member sees the group with reasons, its room and its chat.
/// </summary>
public sealed class GroupRoundTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private async Task<RoundResponse> RoundAsync(Guid eventId, int groupSize, object? slot = null)
    {
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var at = slot ?? factory.NextSlot();
        var body = new Dictionary<string, object?>(at.GetType().GetProperties().Select(p => KeyValuePair.Create(p.Name, p.GetValue(at)))) { ["groupSize"] = groupSize };
        var response = await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync<RoundResponse>();
    }

    private async Task<RoundGroupsResponse> GroupsOfAsync(Guid eventId, Guid roundId)
    {
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        return await (await organizer.GetAsync($"/api/networking/events/{eventId}/rounds/{roundId}/groups")).ReadJsonAsync<RoundGroupsResponse>();
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public async Task A_group_round_never_puts_together_people_who_may_not_meet(int seed, int size)
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var pool = await factory.PoolAsync(probe, ev, 17, seed);
        var random = new Random(seed);
        // A pair round first: its pairs have met. Then a few blocks, and one person free only at another time.
        var pairs = await RoundAsync(ev.EventId, 2);
        Assert.True(pairs.Pairs >= 7);
        var blocks = new HashSet<(Guid, Guid)>();
        for (var i = 0; i < 5; i++)
        {
            var (a, b) = (pool[random.Next(pool.Count)], pool[random.Next(pool.Count)]);
            if (a != b)
            {
                using var blocker = As(a);
                (await blocker.PutAsync($"/api/networking/blocks/{b}", null)).EnsureSuccessStatusCode();
                blocks.Add((a, b));
            }
        }
        var away = pool[random.Next(pool.Count)];
        var day = DateTime.UtcNow.Date.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var client = As(away))
        {
            (await client.PutJsonAsync($"/api/networking/events/{ev.EventId}/availability",
                new { timeZone = "UTC", periods = new[] { new { from = $"{day}T09:00", to = $"{day}T10:00" } } })).EnsureSuccessStatusCode();
        }
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var matched = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds/{pairs.Id}/pairs")).ReadJsonAsync<RoundPairsResponse>();
        var met = matched.Pairs.Select(p => (p.A.AttendeeId, p.B.AttendeeId)).ToHashSet();

        var round = await RoundAsync(ev.EventId, size);
        var groups = await GroupsOfAsync(ev.EventId, round.Id);

        Assert.Equal(size, round.GroupSize);
        Assert.Equal(0, round.Pairs);
        Assert.Equal(groups.Groups.Count, round.Groups);
        Assert.All(groups.Groups, g => Assert.InRange(g.Members.Count, 3, 4));
        var placed = groups.Groups.SelectMany(g => g.Members.Select(m => m.AttendeeId)).ToList();
        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.DoesNotContain(away, placed);
        Assert.Equal(16, placed.Count + groups.Unplaced.Count);
        foreach (var group in groups.Groups)
        {
            foreach (var a in group.Members)
            {
                foreach (var b in group.Members.Where(b => b.AttendeeId != a.AttendeeId))
                {
                    Assert.DoesNotContain((a.AttendeeId, b.AttendeeId), blocks);
                    Assert.DoesNotContain((a.AttendeeId, b.AttendeeId), met);
                }
            }
        }

        // And who met in a group is not paired in the next pair round.
        var next = await RoundAsync(ev.EventId, 2);
        var nextPairs = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds/{next.Id}/pairs")).ReadJsonAsync<RoundPairsResponse>();
        var together = groups.Groups.SelectMany(g => g.Members.SelectMany(a => g.Members.Select(b => (a.AttendeeId, b.AttendeeId)))).ToHashSet();
        Assert.DoesNotContain(nextPairs.Pairs, p => together.Contains((p.A.AttendeeId, p.B.AttendeeId)));
    }

    [Fact]
    public async Task Members_see_their_group_with_reasons_and_a_room_and_talk_in_its_chat_which_others_cannot_read()
    {
        await using var probe = await factory.Probe().Observe<GroupFormed>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        Guid ana = Guid.NewGuid(), ben = Guid.NewGuid(), cai = Guid.NewGuid(), dee = Guid.NewGuid(), eve = Guid.NewGuid(), fay = Guid.NewGuid();
        foreach (var (id, name, topics) in new[]
        {
            (ana, "Ana", new[] { "mlops", "feature-stores" }), (ben, "Ben", new[] { "mlops", "feature-stores" }), (cai, "Cai", new[] { "feature-stores", "python" }),
            (dee, "Dee", new[] { "nlp", "kubernetes" }), (eve, "Eve", new[] { "nlp", "kubernetes" }), (fay, "Fay", new[] { "nlp", "python" }),
        })
        {
            await probe.PublishAsync(Registrations.Registered(ev.EventId, id, name, true, topics, ["learning"]));
        }
        using var client = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 6, "six in the pool");

        var round = await RoundAsync(ev.EventId, 3);

        Assert.Equal(2, round.Groups);
        using var anaClient = As(ana);
        var group = Assert.Single(await (await anaClient.GetAsync($"/api/networking/me/groups?eventId={ev.EventId}")).ReadJsonAsync<List<MyGroupResponse>>());
        Assert.Equal(["Ben", "Cai"], group.Members.Select(m => m.DisplayName));
        Assert.Contains("with Ben: you both work on mlops and feature-stores", group.Reasons);
        Assert.Contains(group.Reasons, r => r.StartsWith("with Cai: you both work on feature-stores", StringComparison.Ordinal));
        Assert.StartsWith("http", group.RoomUrl, StringComparison.Ordinal);
        var told = await probe.WaitForAsync<GroupFormed>(m => m.GroupId == group.Id);
        Assert.Equal(new[] { ana, ben, cai }.Order(), told.MemberIds.Order());

        (await anaClient.PostJsonAsync($"/api/networking/groups/{group.Id}/messages", new { text = "Hi both, which feature store do you run?" })).EnsureSuccessStatusCode();
        using var benClient = As(ben);
        var bens = Assert.Single(await (await benClient.GetAsync("/api/networking/me/groups")).ReadJsonAsync<List<MyGroupResponse>>());
        Assert.Equal(1, bens.UnreadMessages);
        var chat = await (await benClient.GetAsync($"/api/networking/groups/{group.Id}/messages")).ReadJsonAsync<Page<GroupMessageResponse>>();
        Assert.Equal(("Ana", "Hi both, which feature store do you run?"), (chat.Items[0].SenderName, chat.Items[0].Text));
        (await benClient.PostAsync($"/api/networking/groups/{group.Id}/read", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, (await (await benClient.GetAsync("/api/networking/me/groups")).ReadJsonAsync<List<MyGroupResponse>>())[0].UnreadMessages);

        using var deeClient = As(dee);
        await (await deeClient.GetAsync($"/api/networking/groups/{group.Id}/messages")).ProblemAsync(404);
        await (await deeClient.PostJsonAsync($"/api/networking/groups/{group.Id}/messages", new { text = "Let me in" })).ProblemAsync(404);
        await (await anaClient.PostJsonAsync($"/api/networking/groups/{group.Id}/messages", new { text = "   " })).ProblemAsync(400);
    }

    [Fact]
    public async Task A_group_size_other_than_2_3_or_4_is_refused()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(5), durationMinutes = 20, groupSize = 5 })).ProblemAsync(400);
        await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds",
            new { startsAt = DateTimeOffset.UtcNow.AddHours(5), durationMinutes = 20, groupSize = 1 })).ProblemAsync(400);
    }

    [Fact]
    public async Task Slots_given_with_a_local_offset_are_accepted_not_a_server_error()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var pool = await factory.PoolAsync(probe, ev, 6, seed: 9);
        var tokyo = DateTimeOffset.UtcNow.AddHours(30).ToOffset(TimeSpan.FromHours(9));
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());

        var round = await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", new { startsAt = tokyo, durationMinutes = 20, groupSize = 3 });
        Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        Assert.Equal(tokyo.UtcDateTime, (await round.ReadJsonAsync<RoundResponse>()).StartsAt.UtcDateTime);
        using var host = As(pool[0]);
        var table = await host.PostJsonAsync($"/api/networking/events/{ev.EventId}/tables",
            new { topic = "mlops", startsAt = tokyo.AddHours(2), durationMinutes = 30, seats = 4 });
        Assert.Equal(HttpStatusCode.Created, table.StatusCode);
    }

    [Fact]
    public async Task The_agendas_breaks_meet_in_the_format_the_organizers_chose()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        await factory.PoolAsync(probe, ev, 12, seed: 11);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.PutJsonAsync($"/api/networking/events/{ev.EventId}/settings", new { breakGroupSize = 5 })).ProblemAsync(400);
        var settings = await (await organizer.PutJsonAsync($"/api/networking/events/{ev.EventId}/settings", new { breakGroupSize = 4 }))
            .ReadJsonAsync<NetworkingStatus>();
        Assert.Equal(4, settings.BreakGroupSize);

        // A break due soon: the scheduler runs it, in groups of 4.
        await probe.PublishAsync(new Contracts.Events.NetworkingRoundScheduled
        {
            EventId = ev.EventId, AgendaItemId = Guid.NewGuid(), StartsAt = DateTimeOffset.UtcNow.AddMinutes(5), EndsAt = DateTimeOffset.UtcNow.AddMinutes(20),
            OccurredAt = DateTimeOffset.UtcNow,
        });
        RoundResponse? ran = null;
        await Eventually.HoldsAsync(async () =>
        {
            var rounds = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>();
            ran = rounds.SingleOrDefault(r => r.Status == "completed");
            return ran is not null;
        }, "the break's round ran");
        Assert.Equal((4, 3, 0), (ran!.GroupSize, ran.Groups, ran.Pairs));
    }
}
