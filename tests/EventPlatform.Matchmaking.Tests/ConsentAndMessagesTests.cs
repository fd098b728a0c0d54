using System.Net;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.ServiceDefaults.Http;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

public sealed class ConsentAndMessagesTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    /// <summary>Two attendees at an open event, paired in a round; returns their match as Ana sees it.</summary>
    private async Task<(Guid Ana, Guid Ben, MyMatchResponse Match)> PairAsync(MessageProbe probe)
    {
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 2, attendees: [ana, ben]);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", factory.NextSlot())).EnsureSuccessStatusCode();
        using var client = factory.ClientWithToken(factory.AttendeeToken(ana));
        var match = Assert.Single(await (await client.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>());
        return (ana, ben, match);
    }

    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    [Fact]
    public async Task When_both_accept_the_meeting_is_confirmed_with_its_own_room_and_they_can_message_each_other()
    {
        await using var probe = await factory.Probe().Observe<MatchAccepted>().Observe<MeetingConfirmed>().StartAsync();
        var (ana, ben, match) = await PairAsync(probe);
        Assert.Equal(ben, match.Partner.AttendeeId);
        Assert.Equal("proposed", match.Status);
        Assert.Null(match.RoomUrl);

        using var anaClient = As(ana);
        using var benClient = As(ben);
        var afterAna = await (await anaClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal(("proposed", "accepted", "pending"), (afterAna.Status, afterAna.MyResponse, afterAna.PartnerResponse));
        await (await anaClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "Hi!" })).ProblemAsync(409);

        var afterBen = await (await benClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal("confirmed", afterBen.Status);
        Assert.StartsWith("https://rooms.test/r/", afterBen.RoomUrl, StringComparison.Ordinal);
        var meeting = await probe.WaitForAsync<MeetingConfirmed>(m => m.MatchId == match.Id);
        Assert.Equal(afterBen.RoomUrl, meeting.RoomUrl);
        Assert.Equal(match.StartsAt, meeting.StartsAt);
        Assert.Equal(20, (meeting.EndsAt - meeting.StartsAt).TotalMinutes);
        // Accepting again changes nothing and announces nothing twice.
        (await anaClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        await Task.Delay(300);
        Assert.Equal(2, probe.All<MatchAccepted>(m => m.MatchId == match.Id).Count);
        Assert.Single(probe.All<MeetingConfirmed>(m => m.MatchId == match.Id));

        Assert.Equal(HttpStatusCode.Created, (await anaClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "  Hi Ben, see you at the break?  " })).StatusCode);
        (await benClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "Yes, see you there." })).EnsureSuccessStatusCode();
        var thread = await (await benClient.GetAsync($"/api/networking/matches/{match.Id}/messages")).ReadJsonAsync<Page<MessageResponse>>();
        Assert.Equal(["Hi Ben, see you at the break?", "Yes, see you there."], thread.Items.Select(m => m.Text));
        Assert.Equal([ana, ben], thread.Items.Select(m => m.SenderId));
        var paged = await (await anaClient.GetAsync($"/api/networking/matches/{match.Id}/messages?page=2&pageSize=1")).ReadJsonAsync<Page<MessageResponse>>();
        Assert.Equal((2, "Yes, see you there."), (paged.Total, paged.Items.Single().Text));
    }

    [Fact]
    public async Task Nobody_but_the_pair_can_see_answer_or_message_a_match()
    {
        await using var probe = await factory.Probe().StartAsync();
        var (ana, ben, match) = await PairAsync(probe);
        using (var a = As(ana)) (await a.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        using (var b = As(ben)) (await b.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        using (var a = As(ana)) (await a.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "private" })).EnsureSuccessStatusCode();

        using var stranger = As(Guid.NewGuid());
        await (await stranger.GetAsync($"/api/networking/matches/{match.Id}/messages")).ProblemAsync(404);
        await (await stranger.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "hello" })).ProblemAsync(404);
        await (await stranger.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).ProblemAsync(404);
        await (await stranger.PostAsync($"/api/networking/matches/{match.Id}/decline", null)).ProblemAsync(404);
        Assert.Empty(await (await stranger.GetAsync("/api/networking/me/matches")).ReadJsonAsync<List<MyMatchResponse>>());
        // An organizer is no exception: matches and messages belong to the pair.
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.GetAsync($"/api/networking/matches/{match.Id}/messages")).ProblemAsync(404);
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/networking/matches/{match.Id}/messages")).ProblemAsync(401);
    }

    [Fact]
    public async Task A_decline_ends_the_match_and_bad_messages_are_refused()
    {
        await using var probe = await factory.Probe().Observe<MatchDeclined>().StartAsync();
        var (ana, ben, match) = await PairAsync(probe);
        using var benClient = As(ben);
        var declined = await (await benClient.PostAsync($"/api/networking/matches/{match.Id}/decline", null)).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal("declined", declined.Status);
        await probe.WaitForAsync<MatchDeclined>(m => m.MatchId == match.Id && m.AttendeeId == ben);
        using var anaClient = As(ana);
        await (await anaClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).ProblemAsync(409);
        await (await anaClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "Why?" })).ProblemAsync(409);

        var (carl, dana, other) = await PairAsync(probe);
        using (var c = As(carl)) (await c.PostAsync($"/api/networking/matches/{other.Id}/accept", null)).EnsureSuccessStatusCode();
        using var danaClient = As(dana);
        (await danaClient.PostAsync($"/api/networking/matches/{other.Id}/accept", null)).EnsureSuccessStatusCode();
        await (await danaClient.PostAsync($"/api/networking/matches/{other.Id}/decline", null)).ProblemAsync(409);
        await (await danaClient.PostJsonAsync($"/api/networking/matches/{other.Id}/messages", new { text = "   " })).ProblemAsync(400);
        await (await danaClient.PostJsonAsync($"/api/networking/matches/{other.Id}/messages", new { text = new string('x', 2001) })).ProblemAsync(422);
        await (await danaClient.PostJsonAsync($"/api/networking/matches/{other.Id}/messages", new { })).ProblemAsync(400);
        await (await danaClient.GetAsync($"/api/networking/matches/{other.Id}/messages?pageSize=0")).ProblemAsync(400);
    }

    [Fact]
    public async Task Both_accepting_at_the_same_moment_confirm_one_meeting()
    {
        await using var probe = await factory.Probe().Observe<MeetingConfirmed>().StartAsync();
        var (ana, ben, match) = await PairAsync(probe);
        using var anaClient = As(ana);
        using var benClient = As(ben);
        var responses = await Task.WhenAll(
            anaClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null),
            benClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await probe.WaitForAsync<MeetingConfirmed>(m => m.MatchId == match.Id);
        await Task.Delay(300);
        Assert.Single(probe.All<MeetingConfirmed>(m => m.MatchId == match.Id));
    }
}

public sealed class AttentionTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    [Fact]
    public async Task Messages_are_announced_counted_unread_until_read_and_a_pending_answer_needs_attention()
    {
        await using var probe = await factory.Probe().Observe<DirectMessageSent>().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        var (ana, ben) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.PoolAsync(probe, ev, 2, attendees: [ana, ben]);
        using var anaClient = As(ana);
        using var benClient = As(ben);
        var match = await (await anaClient.PostJsonAsync("/api/networking/meeting-requests",
            new { eventId = ev.EventId, attendeeId = ben, startsAt = DateTimeOffset.UtcNow.AddHours(2) })).ReadJsonAsync<MyMatchResponse>();
        Assert.Equal(new AttentionResponse(1, 0), await (await benClient.GetAsync("/api/networking/me/attention")).ReadJsonAsync<AttentionResponse>());
        Assert.Equal(new AttentionResponse(0, 0), await (await anaClient.GetAsync("/api/networking/me/attention")).ReadJsonAsync<AttentionResponse>());

        (await benClient.PostAsync($"/api/networking/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        (await anaClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "Hello Ben" })).EnsureSuccessStatusCode();
        (await anaClient.PostJsonAsync($"/api/networking/matches/{match.Id}/messages", new { text = "Still on?" })).EnsureSuccessStatusCode();
        var sent = await probe.WaitForAsync<DirectMessageSent>(m => m.MatchId == match.Id);
        Assert.Equal((ana, ben, ev.EventId), (sent.SenderId, sent.RecipientId, sent.EventId));

        Assert.Equal(new AttentionResponse(0, 2), await (await benClient.GetAsync("/api/networking/me/attention")).ReadJsonAsync<AttentionResponse>());
        var bensMatch = Assert.Single(await (await benClient.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>());
        Assert.Equal(2, bensMatch.UnreadMessages);
        // Her own messages are not unread for her.
        Assert.Equal(0, Assert.Single(await (await anaClient.GetAsync($"/api/networking/me/matches?eventId={ev.EventId}")).ReadJsonAsync<List<MyMatchResponse>>()).UnreadMessages);

        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/networking/matches/{match.Id}/read", null)).StatusCode);
        Assert.Equal(new AttentionResponse(0, 0), await (await benClient.GetAsync("/api/networking/me/attention")).ReadJsonAsync<AttentionResponse>());
        using var stranger = As(Guid.NewGuid());
        await (await stranger.PostAsync($"/api/networking/matches/{match.Id}/read", null)).ProblemAsync(404);
    }

    [Fact]
    public async Task Organizers_see_each_rounds_pairs_with_names_and_scores()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ev = await factory.OpenEventAsync(probe);
        await factory.PoolAsync(probe, ev, 5, seed: 31);
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{ev.EventId}/rounds", factory.NextSlot())).ReadJsonAsync<RoundResponse>();
        var pairs = await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds/{round.Id}/pairs")).ReadJsonAsync<RoundPairsResponse>();
        Assert.Equal(2, pairs.Pairs.Count);
        Assert.All(pairs.Pairs, p => Assert.StartsWith("Attendee ", p.A.DisplayName, StringComparison.Ordinal));
        Assert.Single(pairs.Unmatched);
        Assert.Equal(round.TotalScore, Math.Round(pairs.Pairs.Sum(p => p.Score), 3));

        using var stranger = factory.ClientWithToken(factory.OrganizerToken(Guid.NewGuid()));
        await (await stranger.GetAsync($"/api/networking/events/{ev.EventId}/rounds/{round.Id}/pairs")).ProblemAsync(403);
        await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds/{Guid.NewGuid()}/pairs")).ProblemAsync(404);
    }
}
