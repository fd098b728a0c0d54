using System.Diagnostics;
using EventPlatform.Contracts.Matchmaking;
using EventPlatform.Matching;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using EventPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventPlatform.Matchmaking.Rounds;

/// <summary>
/// Pairs an event's networking pool for one round by maximum total compatibility: the pool in a fixed order (by
/// attendee id, so a round is deterministic for a given pool), each attendee's top-k candidates minus the pairs
/// that may not meet, Edmonds' blossom matching, and a <see cref="MatchProposed"/> per pair through the outbox
/// (matches and messages written in bulk, in the caller's transaction).
/// Whoever was left out of the previous round (an odd pool) is matched first this time.
/// Runs inside the caller's transaction, after locking the event row so that rounds of one event never overlap.
/// </summary>
public sealed class RoundPlanner(MatchmakingDbContext db, IOptions<NetworkingOptions> options, TimeProvider clock, ILogger<RoundPlanner> logger)
{
    public async Task MatchAsync(NetworkingRound round, CancellationToken cancellationToken)
    {
        await db.LockEventAsync(round.EventId, cancellationToken);
        var now = clock.GetUtcNow();
        var settings = options.Value;

        // The waitlist takes part in rounds before the event starts, unless the organizer turned that off.
        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == round.EventId, cancellationToken);
        var waitlist = ev.WaitlistNetworksAt(round.StartsAt);
        var members = await db.PoolMembers.AsNoTracking()
            .Where(p => p.EventId == round.EventId && (p.Confirmed || (waitlist && p.Waitlisted)) && p.NetworkingOptIn)
            .OrderBy(p => p.AttendeeId)
            .ToListAsync(cancellationToken);
        // Nobody is paired into a slot that overlaps a meeting they already have (here or at another event).
        var busy = await db.BusyDuringAsync([.. members.Select(m => m.AttendeeId)], round.StartsAt, round.EndsAt, cancellationToken);
        if (busy.Count > 0)
        {
            members.RemoveAll(m => busy.Contains(m.AttendeeId));
        }
        // Nor into a slot outside the times they marked as free (someone who marked none is free whenever networking is open).
        var marked = await db.Availabilities.AsNoTracking().Where(a => a.EventId == round.EventId).ToDictionaryAsync(a => a.AttendeeId, cancellationToken);
        var away = members.RemoveAll(m => marked.TryGetValue(m.AttendeeId, out var free) && !free.Covers(round.StartsAt, round.EndsAt));
        var ids = members.Select(m => m.AttendeeId).ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

        // Pairs that may not meet: already proposed at this event, declined anywhere, or proposed elsewhere recently.
        var since = now - settings.PairCooldown;
        var forbidden = await db.Matches.AsNoTracking()
            .Where(m => ids.Contains(m.AttendeeA) && ids.Contains(m.AttendeeB)
                && (m.EventId == round.EventId || m.Status == MatchStatus.Declined || m.CreatedAt >= since))
            .Select(m => new { m.AttendeeA, m.AttendeeB })
            .ToListAsync(cancellationToken);
        var excluded = forbidden.Select(p => Ordered(index[p.AttendeeA], index[p.AttendeeB])).ToHashSet();
        // And people who already met in a group at this event.
        var grouped = await (
                from x in db.GroupMembers.AsNoTracking()
                join y in db.GroupMembers.AsNoTracking() on x.GroupId equals y.GroupId
                where x.EventId == round.EventId && x.AttendeeId != y.AttendeeId && ids.Contains(x.AttendeeId) && ids.Contains(y.AttendeeId)
                select new { A = x.AttendeeId, B = y.AttendeeId })
            .ToListAsync(cancellationToken);
        excluded.UnionWith(grouped.Select(p => Ordered(index[p.A], index[p.B])));
        // And pairs where one blocked the other.
        var blocked = await db.Blocks.AsNoTracking()
            .Where(b => ids.Contains(b.BlockerId) && ids.Contains(b.BlockedId))
            .Select(b => new { b.BlockerId, b.BlockedId })
            .ToListAsync(cancellationToken);
        excluded.UnionWith(blocked.Select(p => Ordered(index[p.BlockerId], index[p.BlockedId])));

        // What they did in the talk library, as far as each allows it.
        var signals = await PoolSignals.LoadAsync(db, ids, cancellationToken);
        var peers = members.Select(m => signals.PeerOf(m, round.StartsAt)).ToList();
        var model = new CompatibilityModel(peers, signals.Labels);
        var started = Stopwatch.GetTimestamp();
        // Someone on the waitlist meets the confirmed only those who chose to meet the waitlist.
        var edges = CandidateGraph.Build(model, settings.CandidatesPerAttendee, (a, b) => excluded.Contains((a, b)) || !members[a].MayMeet(members[b]));
        var graphTime = Stopwatch.GetElapsedTime(started);

        if (round.GroupSize > 2)
        {
            await GroupAsync(round, members, model, edges, excluded, now, settings, cancellationToken);
            logger.LogInformation("Round {RoundId} of event {EventId} in groups of {GroupSize}: {Groups} groups from a pool of {PoolSize} ({Busy} busy in that slot, {Away} not free then), {Unplaced} unplaced, candidate edges built in {GraphMilliseconds:F0} ms",
                round.Id, round.EventId, round.GroupSize, round.Groups, ids.Count, busy.Count, away, round.Unmatched.Count, graphTime.TotalMilliseconds);
            return;
        }

        var previous = await db.Rounds.AsNoTracking()
            .Where(r => r.EventId == round.EventId && r.Status == RoundStatus.Completed)
            .OrderByDescending(r => r.CompletedAt)
            .Select(r => r.Unmatched)
            .FirstOrDefaultAsync(cancellationToken) ?? [];
        var priority = previous.Where(index.ContainsKey).Select(id => index[id]).ToHashSet();
        if (priority.Count > 0)
        {
            // A bonus above the weight of any whole matching: any matching that pairs them beats every one that does not.
            var bonus = edges.Sum(e => e.Weight) + 1;
            edges = [.. edges.Select(e => priority.Contains(e.U) || priority.Contains(e.V) ? e with { Weight = e.Weight + bonus } : e)];
        }

        started = Stopwatch.GetTimestamp();
        var result = MaximumWeightMatching.Solve(ids.Count, edges);
        var matchingTime = Stopwatch.GetElapsedTime(started);
        var matches = result.Pairs().Select(p => (U: p.U, V: p.V, ForU: model.Explain(p.U, p.V), ForV: model.Explain(p.V, p.U)))
            .Select(p => Match.Propose(round.EventId, round.Id, ids[p.U], ids[p.V], Math.Round(p.ForU.Score, 3),
                Availability.FreeThen(p.ForU.Reasons, members[p.U], members[p.V], marked, round.StartsAt),
                Availability.FreeThen(p.ForV.Reasons, members[p.V], members[p.U], marked, round.StartsAt), round.StartsAt, round.EndsAt, now))
            .ToList();
        await db.InsertMatchesAsync(matches, cancellationToken);
        await db.PublishAllAsync(matches.Select(match => new MatchProposed
        {
            MatchId = match.Id,
            EventId = match.EventId,
            RoundId = round.Id,
            AttendeeAId = match.AttendeeA,
            AttendeeBId = match.AttendeeB,
            Score = match.Score,
            Reasons = match.ReasonsForA,
            OccurredAt = now,
        }), cancellationToken);
        var pairs = matches.Count;
        var total = matches.Sum(m => m.Score);
        var unmatched = ids.Where((_, i) => result.Mates[i] < 0).ToList();
        round.Complete(ids.Count, pairs, Math.Round(total, 3), unmatched, now);
        logger.LogInformation("Round {RoundId} of event {EventId}: {Pairs} pairs from a pool of {PoolSize} ({Busy} busy in that slot, {Away} not free then), {Unmatched} unmatched, {Edges} candidate edges built in {GraphMilliseconds:F0} ms, matched in {MatchingMilliseconds:F0} ms",
            round.Id, round.EventId, pairs, ids.Count, busy.Count, away, unmatched.Count, edges.Length, graphTime.TotalMilliseconds, matchingTime.TotalMilliseconds);
    }

    /// <summary>
    /// Small groups (<see cref="GroupFormation.Solve"/>) with the same exclusions as pairs; each member is told, for each
    /// of the others, the strongest reason they share. No consent step: the group meets in its room at the slot.
    /// </summary>
    private async Task GroupAsync(NetworkingRound round, List<PoolMember> members, CompatibilityModel model, WeightedEdge[] edges,
        HashSet<(int, int)> excluded, DateTimeOffset now, NetworkingOptions settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = GroupFormation.Solve(model, round.GroupSize, edges, (a, b) => excluded.Contains((a, b)) || !members[a].MayMeet(members[b]));
        var solveTime = Stopwatch.GetElapsedTime(started);
        var groupMembers = new List<GroupMember>();
        var rooms = new Dictionary<Guid, string>();
        foreach (var indexes in result.Groups)
        {
            var group = NetworkingGroup.Form(round.EventId, round.Id, Math.Round(GroupFormation.Inside(model, indexes), 3), round.StartsAt, round.EndsAt, settings.VideoRoomBaseUrl, now);
            db.Groups.Add(group);
            rooms[group.Id] = group.RoomUrl;
            foreach (var a in indexes)
            {
                var reasons = indexes.Where(b => b != a)
                    .Select(b => (Name: members[b].DisplayName, Explained: model.Explain(a, b)))
                    .OrderByDescending(x => x.Explained.Score)
                    .Select(x => x.Explained.Reasons.Count > 0 ? $"with {x.Name}: {x.Explained.Reasons[0]}" : $"with {x.Name}: someone new to meet");
                groupMembers.Add(GroupMember.Of(group, members[a].AttendeeId, reasons));
            }
        }
        db.GroupMembers.AddRange(groupMembers);
        await db.PublishAllAsync(groupMembers.GroupBy(m => m.GroupId).Select(g => new GroupFormed
        {
            GroupId = g.Key, EventId = round.EventId, RoundId = round.Id, MemberIds = [.. g.Select(m => m.AttendeeId)], RoomUrl = rooms[g.Key],
            StartsAt = round.StartsAt, EndsAt = round.EndsAt, OccurredAt = now,
        }), cancellationToken);
        round.CompleteInGroups(members.Count, result.Groups.Count, Math.Round(result.Total, 3), result.Unplaced.Select(i => members[i].AttendeeId), now);
        logger.LogInformation("Round {RoundId}: {Groups} groups formed in {SolveMilliseconds:F0} ms (total compatibility {Total:F1})",
            round.Id, result.Groups.Count, solveTime.TotalMilliseconds, result.Total);
    }

    private static (int, int) Ordered(int a, int b) => a < b ? (a, b) : (b, a);
}
