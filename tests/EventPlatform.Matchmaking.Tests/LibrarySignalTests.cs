using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Contracts.Talks;
using EventPlatform.Matchmaking.Endpoints;
using EventPlatform.Testing;

namespace EventPlatform.Matchmaking.Tests;

/// <summary>
/// What people did in the talk library pairs them: the same question asked and upvoted, the same talk watched. Each
/// person sees what is used about them and can turn it off; the round then pairs them as if it never happened.
/// </summary>
public sealed class LibrarySignalTests(MatchmakingFactory factory) : IClassFixture<MatchmakingFactory>
{
    private const string Talk = "Why ML models crash and burn in production";

    private HttpClient As(Guid attendee) => factory.ClientWithToken(factory.AttendeeToken(attendee));

    /// <summary>
    /// Ana and Cai share a rare interest, and so do Ben and Dee: without signals the round pairs Ana–Cai and Ben–Dee.
    /// Ana asked a question about drift detection on a talk, Ben upvoted it, both watched it.
    /// </summary>
    private async Task<(Guid EventId, Guid Ana, Guid Ben, Guid Cai, Guid Dee)> PoolWithSignalsAsync(MessageProbe probe)
    {
        var ev = await factory.OpenEventAsync(probe);
        Guid ana = Guid.NewGuid(), ben = Guid.NewGuid(), cai = Guid.NewGuid(), dee = Guid.NewGuid();
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ana, "Ana", true, ["mlops", "python"], ["learning"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, cai, "Cai", true, ["mlops", "python"], ["learning"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, ben, "Ben", true, ["mlops", "kubernetes"], ["learning"]));
        await probe.PublishAsync(Registrations.Registered(ev.EventId, dee, "Dee", true, ["mlops", "kubernetes"], ["learning"]));

        var talk = Guid.NewGuid();
        var question = Guid.NewGuid();
        foreach (var (who, asked) in new[] { (ana, true), (ben, false) })
        {
            await probe.PublishAsync(new TalkViewed { TalkId = talk, TalkTitle = Talk, AttendeeId = who, OccurredAt = DateTimeOffset.UtcNow });
            await probe.PublishAsync(new QuestionInterest
            {
                QuestionId = question, TalkId = talk, TalkTitle = Talk, AttendeeId = who, Asked = asked, Active = true,
                Text = "How do you set up drift detection when labels arrive weeks later?", Topics = ["drift-detection"], OccurredAt = DateTimeOffset.UtcNow,
            });
        }
        using var client = factory.CreateClient();
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/networking/events/{ev.EventId}")).ReadJsonAsync<NetworkingStatus>()).PoolSize == 4, "four in the pool");
        foreach (var who in new[] { ana, ben })
        {
            using var person = As(who);
            await Eventually.HoldsAsync(async () =>
                (await (await person.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>()).Total == 3, "the signals arrived");
        }
        return (ev.EventId, ana, ben, cai, dee);
    }

    private async Task<List<MyMatchResponse>> RoundAndMatchesOfAsync(Guid eventId, Guid attendee)
    {
        using var organizer = factory.ClientWithToken(factory.OrganizerToken());
        var round = await (await organizer.PostJsonAsync($"/api/networking/events/{eventId}/rounds", factory.NextSlot())).ReadJsonAsync<RoundResponse>();
        Assert.Equal(2, round.Pairs);
        using var client = As(attendee);
        return await (await client.GetAsync($"/api/networking/me/matches?eventId={eventId}")).ReadJsonAsync<List<MyMatchResponse>>();
    }

    [Fact]
    public async Task People_who_asked_and_upvoted_the_same_question_are_paired_and_told_why()
    {
        await using var probe = await factory.Probe().StartAsync();
        var (eventId, ana, ben, _, _) = await PoolWithSignalsAsync(probe);

        var match = Assert.Single(await RoundAndMatchesOfAsync(eventId, ana));

        Assert.Equal(ben, match.Partner.AttendeeId);
        Assert.Contains($"you both asked about drift detection in '{Talk}'", match.Reasons);
        Assert.Contains($"you both watched '{Talk}'", match.Reasons);
        using var client = As(ben);
        var signals = await (await client.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>();
        Assert.Equal(["asked-about", "question", "watched"], signals.Signals.Select(s => s.Kind).Order());
        Assert.All(signals.Signals, s => Assert.True(s.Used));
    }

    [Fact]
    public async Task Someone_who_turns_the_signals_off_is_paired_as_if_they_never_watched_or_asked()
    {
        await using var probe = await factory.Probe().StartAsync();
        var (eventId, ana, ben, cai, _) = await PoolWithSignalsAsync(probe);
        using var client = As(ben);

        var off = await (await client.PutJsonAsync("/api/networking/me/signals", new { useViews = false, useQuestions = false })).ReadJsonAsync<SignalsResponse>();

        Assert.Equal((false, true, false), (off.UseViews, off.UseBookmarks, off.UseQuestions));
        Assert.All(off.Signals, s => Assert.False(s.Used));
        Assert.Equal(3, off.Total); // kept, not used: turning them back on needs nothing from Talks
        var match = Assert.Single(await RoundAndMatchesOfAsync(eventId, ana));
        Assert.Equal(cai, match.Partner.AttendeeId);
        Assert.DoesNotContain(match.Reasons, r => r.Contains("both asked", StringComparison.Ordinal) || r.Contains("watched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_late_message_does_not_undo_a_newer_one()
    {
        await using var probe = await factory.Probe().StartAsync();
        var ana = Guid.NewGuid();
        var talk = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        // Unsaved at now, saved a second earlier: the "saved" arrives last.
        await probe.PublishAsync(new TalkBookmarkChanged { TalkId = talk, TalkTitle = Talk, AttendeeId = ana, Bookmarked = false, OccurredAt = now });
        await probe.PublishAsync(new TalkViewed { TalkId = talk, TalkTitle = Talk, AttendeeId = ana, OccurredAt = now });
        using var client = As(ana);
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>()).Total == 1, "the view arrived");
        await probe.PublishAsync(new TalkBookmarkChanged { TalkId = talk, TalkTitle = Talk, AttendeeId = ana, Bookmarked = true, OccurredAt = now.AddSeconds(-1) });
        await probe.PublishAsync(new TalkViewed { TalkId = Guid.NewGuid(), TalkTitle = "Another talk", AttendeeId = ana, OccurredAt = now });
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>()).Total == 2, "the second view arrived");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // time for the late "saved" to have been handled too

        var signals = await (await client.GetAsync("/api/networking/me/signals")).ReadJsonAsync<SignalsResponse>();
        Assert.Equal(["watched", "watched"], signals.Signals.Select(s => s.Kind));
    }

    [Fact]
    public async Task The_signal_switches_need_a_token()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/networking/me/signals")).ProblemAsync(401);
        await (await anonymous.PutJsonAsync("/api/networking/me/signals", new { useViews = false })).ProblemAsync(401);
        using var client = As(Guid.NewGuid());
        await (await client.PutJsonAsync("/api/networking/me/signals", new { useViews = "no" })).ProblemAsync(400);
    }
}
