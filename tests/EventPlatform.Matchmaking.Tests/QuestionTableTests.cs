using System.Net;
using EventPlatform.Contracts.Events;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Contracts.Talks;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>
/// An open question on an event's talk that collects the organizer's threshold of upvotes becomes a topic table at the
/// next networking break: the asker is invited to host, the upvoters sit first, the table carries the question.
/// </summary>
public sealed class QuestionTableTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private const string Text = "How do you run drift detection when labels arrive weeks later?";

    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    private sealed record Setup(Guid EventId, DateTimeOffset BreakStartsAt, Guid Ana, Guid Ben, Guid Cai, Guid Dee, Guid Eve, Guid Talk, Guid Question);

    private async Task<Setup> EventWithABreakAsync(MessageProbe probe, int threshold)
    {
        var ev = await factory.OpenEventAsync(probe);
        var people = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        string[] names = ["Ana", "Ben", "Cai", "Dee", "Eve"];
        for (var i = 0; i < people.Length; i++)
        {
            await probe.PublishAsync(Registrations.Registered(ev.EventId, people[i], names[i], true, ["mlops"], ["learning"]));
        }
        var breakStarts = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7).AddHours(15), TimeSpan.Zero);
        await probe.PublishAsync(new NetworkingRoundScheduled
        {
            EventId = ev.EventId, AgendaItemId = Guid.NewGuid(), StartsAt = breakStarts, EndsAt = breakStarts.AddMinutes(30), OccurredAt = DateTimeOffset.UtcNow,
        });
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await Eventually.HoldsAsync(async () =>
            (await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}/rounds")).ReadJsonAsync<List<RoundResponse>>()).Count == 1
            && (await (await organizer.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 5,
            "the break and the pool are known");
        var settings = await (await organizer.PutJsonAsync($"/api/networking/events/{ev.EventId}/settings", new { questionTableThreshold = threshold }))
            .ReadJsonAsync<NetworkingStatus>();
        Assert.Equal(threshold, settings.QuestionTableThreshold);
        return new Setup(ev.EventId, breakStarts, people[0], people[1], people[2], people[3], people[4], Guid.NewGuid(), Guid.NewGuid());
    }

    private static QuestionInterest Interest(Setup s, Guid who, bool asked, bool active = true) => new()
    {
        QuestionId = s.Question, TalkId = s.Talk, TalkTitle = "Why ML models crash and burn in production", EventId = s.EventId, AttendeeId = who,
        Asked = asked, Active = active, Text = Text, Topics = ["drift-detection"], OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<List<TableResponse>> TablesAsync(Guid eventId, Guid viewer)
    {
        using var client = As(viewer);
        return await (await client.GetAsync($"/api/networking/events/{eventId}/tables")).ReadJsonAsync<List<TableResponse>>();
    }

    [Fact]
    public async Task Enough_upvotes_on_an_open_question_propose_a_table_whose_asker_hosts_and_upvoters_sit_first()
    {
        await using var probe = await factory.Probe().Observe<QuestionTableProposed>().StartAsync();
        var s = await EventWithABreakAsync(probe, threshold: 3);
        await probe.PublishAsync(Interest(s, s.Ana, asked: true));
        await probe.PublishAsync(Interest(s, s.Ben, asked: false));
        await probe.PublishAsync(Interest(s, s.Cai, asked: false));
        using (var cai = As(s.Cai))
        {
            await Eventually.HoldsAsync(async () =>
                (await (await cai.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>()).Total == 2, "Cai's upvote arrived");
        }
        Assert.Empty(await TablesAsync(s.EventId, s.Ana)); // two upvotes: not yet

        await probe.PublishAsync(Interest(s, s.Dee, asked: false));
        var proposed = await probe.WaitForAsync<QuestionTableProposed>(m => m.QuestionId == s.Question);

        Assert.Equal(s.Ana, proposed.HostId);
        Assert.Equal(new[] { s.Ben, s.Cai, s.Dee }.Order(), proposed.UpvoterIds.Order());
        var table = Assert.Single(await TablesAsync(s.EventId, s.Ben));
        Assert.Equal((s.Question, s.Talk, Text), (table.QuestionId, table.TalkId, table.QuestionText));
        Assert.Equal($"Q: {Text}", table.Title);
        Assert.Equal("drift-detection", table.Topic);
        Assert.Equal(s.BreakStartsAt, table.StartsAt);
        Assert.Equal(s.BreakStartsAt.AddHours(-1), table.UpvotersFirstUntil);
        Assert.True(table.AwaitingHost);
        Assert.True(table.Invited);
        Assert.Equal(7, table.SeatsLeft);
        Assert.False((await TablesAsync(s.EventId, s.Eve))[0].Invited);

        using var eve = As(s.Eve);
        var refused = await (await eve.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ProblemAsync(409);
        Assert.Contains("upvoters-first", refused.GetProperty("type").GetString(), StringComparison.Ordinal);
        using var ben = As(s.Ben);
        Assert.True((await (await ben.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ReadJsonAsync<TableResponse>()).Seated);
        using var ana = As(s.Ana);
        await (await ana.PostAsync($"/api/networking/tables/{table.Id}/join", null)).ProblemAsync(409);
        await (await ben.PostAsync($"/api/networking/tables/{table.Id}/host", null)).ProblemAsync(404);
        var hosted = await (await ana.PostAsync($"/api/networking/tables/{table.Id}/host", null)).ReadJsonAsync<TableResponse>();
        Assert.False(hosted.AwaitingHost);
        Assert.True(hosted.Seated);
        Assert.Equal(5, hosted.SeatsLeft);
        await (await ana.PostAsync($"/api/networking/tables/{table.Id}/host", null)).ProblemAsync(409);

        // A fourth upvote proposes nothing more.
        await probe.PublishAsync(Interest(s, s.Eve, asked: false));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(probe.All<QuestionTableProposed>(m => m.QuestionId == s.Question));
        Assert.Single(await TablesAsync(s.EventId, s.Ana));
    }

    [Fact]
    public async Task An_answered_question_or_a_threshold_of_0_proposes_nothing_and_a_declined_table_is_withdrawn_for_good()
    {
        await using var probe = await factory.Probe().Observe<QuestionTableProposed>().StartAsync();
        var off = await EventWithABreakAsync(probe, threshold: 0);
        foreach (var (who, asked) in new[] { (off.Ana, true), (off.Ben, false), (off.Cai, false), (off.Dee, false), (off.Eve, false) })
        {
            await probe.PublishAsync(Interest(off, who, asked));
        }

        var answered = await EventWithABreakAsync(probe, threshold: 2);
        await probe.PublishAsync(Interest(answered, answered.Ana, asked: true));
        await probe.PublishAsync(new QuestionModerated
        {
            QuestionId = answered.Question, TalkId = answered.Talk, EventId = answered.EventId, Status = "answered", OccurredAt = DateTimeOffset.UtcNow,
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        await probe.PublishAsync(Interest(answered, answered.Ben, asked: false));
        await probe.PublishAsync(Interest(answered, answered.Cai, asked: false));

        var declined = await EventWithABreakAsync(probe, threshold: 1);
        await probe.PublishAsync(Interest(declined, declined.Ana, asked: true));
        await probe.PublishAsync(Interest(declined, declined.Ben, asked: false));
        var proposed = await probe.WaitForAsync<QuestionTableProposed>(m => m.QuestionId == declined.Question);
        using var ana = As(declined.Ana);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/networking/tables/{proposed.TableId}/host")).StatusCode);
        Assert.Empty(await TablesAsync(declined.EventId, declined.Ben));
        await probe.PublishAsync(Interest(declined, declined.Cai, asked: false));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await TablesAsync(off.EventId, off.Ben));
        Assert.Empty(await TablesAsync(answered.EventId, answered.Ben));
        Assert.Empty(await TablesAsync(declined.EventId, declined.Cai));
        Assert.Single(probe.All<QuestionTableProposed>(m => m.QuestionId == declined.Question));
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        await (await organizer.PutJsonAsync($"/api/networking/events/{off.EventId}/settings", new { questionTableThreshold = -1 })).ProblemAsync(400);
    }
}
