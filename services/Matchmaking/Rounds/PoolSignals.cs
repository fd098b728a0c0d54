using EventPlatform.Matching;
using EventPlatform.Matchmaking.Data;
using EventPlatform.Matchmaking.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventPlatform.Matchmaking.Rounds;

/// <summary>
/// The library signals of a set of people that networking may use: active ones, of the kinds each person allows
/// (<see cref="SignalPreference"/>), with the words of every signal two or more of them share (for reasons).
/// </summary>
public sealed class PoolSignals
{
    private static readonly IReadOnlyCollection<string> None = [];

    private readonly Dictionary<Guid, List<string>> _keys;

    private PoolSignals(Dictionary<Guid, List<string>> keys, Dictionary<string, SignalLabel> labels)
    {
        _keys = keys;
        Labels = labels;
    }

    public IReadOnlyDictionary<string, SignalLabel> Labels { get; }

    public IReadOnlyCollection<string> Of(Guid attendeeId) => _keys.TryGetValue(attendeeId, out var keys) ? keys : None;

    /// <summary>The member as matching sees them at <paramref name="at"/>, with the signals they allow.</summary>
    public Peer PeerOf(PoolMember member, DateTimeOffset at) => member.ToPeer(at) with { Signals = Of(member.AttendeeId) };

    public static async Task<PoolSignals> LoadAsync(MatchmakingDbContext db, IReadOnlyCollection<Guid> attendees, CancellationToken cancellationToken)
    {
        var ids = attendees.ToList();
        var rows = await (
                from s in db.LibrarySignals.AsNoTracking()
                where s.Active && ids.Contains(s.AttendeeId)
                join p in db.SignalPreferences.AsNoTracking() on s.AttendeeId equals p.AttendeeId into preferences
                from p in preferences.DefaultIfEmpty()
                where p == null
                    || (s.Kind == SignalKind.Watched ? p.UseViews : s.Kind == SignalKind.Saved ? p.UseBookmarks : p.UseQuestions)
                select new { s.AttendeeId, s.Key })
            .ToListAsync(cancellationToken);
        var keys = new Dictionary<Guid, List<string>>();
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!keys.TryGetValue(row.AttendeeId, out var own))
            {
                keys[row.AttendeeId] = own = [];
            }
            own.Add(row.Key);
            holders[row.Key] = holders.GetValueOrDefault(row.Key) + 1;
        }
        // One signal can come from several actions of one person (a topic named by two of their questions): counted per row above,
        // so a key may look shared by one person; the model counts people, and a label too many costs nothing.
        var shared = holders.Where(h => h.Value >= 2).Select(h => h.Key).ToList();
        var labels = new Dictionary<string, SignalLabel>(StringComparer.Ordinal);
        if (shared.Count > 0)
        {
            var named = await db.LibrarySignals.AsNoTracking()
                .Where(s => shared.Contains(s.Key))
                .GroupBy(s => s.Key)
                .Select(g => g.OrderBy(s => s.ChangedAt).Select(s => new { s.Key, s.Kind, s.Label, s.TalkTitle }).First())
                .ToListAsync(cancellationToken);
            foreach (var label in named)
            {
                labels[label.Key] = new SignalLabel(label.Kind, label.Label, label.TalkTitle);
            }
        }
        return new PoolSignals(keys, labels);
    }
}
