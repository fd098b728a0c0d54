using System.Runtime.CompilerServices;

namespace EventPlatform.Matching;

/// <summary>Groups of a round (indexes into the pool), who could not be placed, and the total compatibility: every pair inside every group, summed.</summary>
public sealed record GroupingResult(IReadOnlyList<int[]> Groups, IReadOnlyList<int> Unplaced, double Total);

/// <summary>
/// Splits a pool into groups of 3 or 4 that maximise total compatibility (the sum of <see cref="CompatibilityModel.Score"/>
/// over every pair inside a group) without putting together any pair that may not meet. Partitioning into groups this
/// way is NP-hard (it generalises maximum-weight triangle packing), so rounds use a heuristic and measure it:
/// <list type="number">
/// <item><see cref="Greedy"/>, the baseline: the strongest remaining candidate pair seeds a group, which then takes
/// whoever adds most to it, until it has its size.</item>
/// <item><see cref="Solve"/>: the greedy groups improved by local search: a person moves to a group with room, or two
/// people of different groups swap, whenever that raises the total; only towards the person's ten best candidates, so a
/// pass costs O(n · g²) score evaluations; repeated until no move helps, then perturbed (a few random swaps) and searched again,
/// keeping the best, within a budget of evaluations.</item>
/// <item><see cref="Exact"/>: dynamic programming over subsets, for pools of up to 16: the optimum the heuristic is
/// measured against (deploy/bench.sh groups).</item>
/// </list>
/// Group sizes are fixed up front (<see cref="Sizes"/>): as many groups of the chosen size as fit, the rest one smaller
/// (4s with some 3s) or larger (3s with some 4s), so everyone has a group whenever the pool has 6 or more people.
/// </summary>
public static class GroupFormation
{
    public const int MinSize = 3;
    public const int MaxSize = 4;
    public const int ExactLimit = 16;

    /// <summary>
    /// The most evaluations a round spends on perturbed restarts by default: on large pools the first descent has done
    /// nearly all of the work (see deploy/bench.sh groups), and a round must not keep people waiting.
    /// </summary>
    public const long DefaultBudgetCap = 2_000_000;

    /// <summary>How many of a person's best candidates the local search tries moving them towards.</summary>
    private const int DescentNeighbours = 10;

    /// <summary>How many seed pairs greedy tries for one group before leaving it out.</summary>
    private const int SeedAttempts = 20;

    /// <summary>The sizes of the groups a pool of <paramref name="count"/> is split into (largest number of <paramref name="size"/>d groups); their sum may fall short of count by the people who cannot be placed.</summary>
    public static int[] Sizes(int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        var other = size == MaxSize ? MinSize : MaxSize;
        for (var main = count / size; main >= 0; main--)
        {
            var rest = count - main * size;
            if (rest % other == 0)
            {
                return [.. Enumerable.Repeat(size, main), .. Enumerable.Repeat(other, rest / other)];
            }
        }
        // Fewer than 6 people and not a multiple: one group of the size, the rest unplaced.
        return count >= size ? [size] : count >= MinSize ? [count] : [];
    }

    /// <summary>A group's compatibility: the scores of every pair inside it, summed (what the solvers maximise over groups).</summary>
    public static double Inside(CompatibilityModel model, IReadOnlyList<int> group)
    {
        double total = 0;
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                total += model.Score(group[i], group[j]);
            }
        }
        return total;
    }

    public static GroupingResult Greedy(CompatibilityModel model, int size, WeightedEdge[] candidates, Func<int, int, bool>? excluded = null) =>
        new Search(model, candidates, excluded ?? ((_, _) => false)).Greedy(Sizes(model.Count, size)).Result();

    /// <param name="budget">How many group-member evaluations to spend at most (2,000 per person by default); the first descent always completes.</param>
    public static GroupingResult Solve(CompatibilityModel model, int size, WeightedEdge[] candidates, Func<int, int, bool>? excluded = null,
        int seed = 1, long? budget = null)
    {
        var search = new Search(model, candidates, excluded ?? ((_, _) => false)).Greedy(Sizes(model.Count, size));
        search.Descend();
        var best = search.Result();
        var random = new Random(seed);
        var limit = budget ?? Math.Min(2_000L * model.Count, DefaultBudgetCap);
        while (search.Evaluations < limit && search.GroupCount >= 2)
        {
            search.Perturb(random, Math.Max(2, search.GroupCount / 10));
            search.Descend();
            var result = search.Result();
            if (result.Total > best.Total + 1e-9)
            {
                best = result;
            }
            else
            {
                search.Restore(best);
            }
        }
        return best;
    }

    /// <summary>The optimum over every split into the sizes of <see cref="Sizes"/> that keeps excluded pairs apart (null when there is none).</summary>
    public static GroupingResult? Exact(CompatibilityModel model, int size, Func<int, int, bool>? excluded = null)
    {
        var n = model.Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, ExactLimit);
        var sizes = Sizes(n, size);
        if (sizes.Sum() != n)
        {
            return null;
        }
        var main = sizes.Count(s => s == size);
        var other = size == MaxSize ? MinSize : MaxSize;
        var score = new double[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                score[a, b] = a == b || (excluded is not null && excluded(Math.Min(a, b), Math.Max(a, b))) ? double.NaN : model.Score(a, b);
            }
        }
        var memo = new Dictionary<(int, int), (double Value, int Group)>();
        var full = (1 << n) - 1;

        (double Value, int Group) Best(int used, int mainLeft)
        {
            if (used == full)
            {
                return (0, 0);
            }
            if (memo.TryGetValue((used, mainLeft), out var known))
            {
                return known;
            }
            var first = System.Numerics.BitOperations.TrailingZeroCount(~used);
            var best = (Value: double.NegativeInfinity, Group: 0);
            var free = new List<int>();
            for (var i = first + 1; i < n; i++)
            {
                if ((used & (1 << i)) == 0)
                {
                    free.Add(i);
                }
            }
            foreach (var groupSize in mainLeft > 0 ? new[] { size, other } : [other])
            {
                var otherLeft = (n - System.Numerics.BitOperations.PopCount((uint)used)) - mainLeft * size;
                if (groupSize == other && otherLeft <= 0)
                {
                    continue;
                }
                foreach (var mates in Combinations(free, groupSize - 1))
                {
                    var members = mates.Prepend(first).ToArray();
                    var inside = Inside(score, members);
                    if (double.IsNaN(inside))
                    {
                        continue;
                    }
                    var mask = members.Aggregate(0, (m, x) => m | (1 << x));
                    var rest = Best(used | mask, groupSize == size ? mainLeft - 1 : mainLeft);
                    if (inside + rest.Value > best.Value)
                    {
                        best = (inside + rest.Value, mask);
                    }
                }
            }
            memo[(used, mainLeft)] = best;
            return best;
        }

        var total = Best(0, main);
        if (double.IsNegativeInfinity(total.Value))
        {
            return null;
        }
        var groups = new List<int[]>();
        for (var (used, left) = (0, main); used != full;)
        {
            var group = Best(used, left).Group;
            var members = Enumerable.Range(0, n).Where(i => (group & (1 << i)) != 0).ToArray();
            groups.Add(members);
            used |= group;
            left -= members.Length == size ? 1 : 0;
        }
        return new GroupingResult(groups, [], total.Value);
    }

    private static double Inside(double[,] score, int[] members)
    {
        double total = 0;
        for (var i = 0; i < members.Length; i++)
        {
            for (var j = i + 1; j < members.Length; j++)
            {
                total += score[members[i], members[j]];
            }
        }
        return total;
    }

    private static IEnumerable<int[]> Combinations(List<int> items, int k, int start = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }
        for (var i = start; i <= items.Count - k; i++)
        {
            foreach (var rest in Combinations(items, k - 1, i + 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    /// <summary>The state of one search: who is in which group, and the moves that improve it.</summary>
    private sealed class Search
    {
        private readonly CompatibilityModel _model;
        private readonly Func<int, int, bool> _excluded;
        private readonly int[][] _neighbours;
        private readonly WeightedEdge[] _candidates;
        private List<List<int>> _groups = [];
        private int[] _groupOf;
        private List<int> _unplaced = [];

        public Search(CompatibilityModel model, WeightedEdge[] candidates, Func<int, int, bool> excluded)
        {
            _model = model;
            _excluded = excluded;
            _candidates = candidates;
            var lists = Enumerable.Range(0, model.Count).Select(_ => new List<(long W, int B)>()).ToArray();
            foreach (var e in candidates)
            {
                lists[e.U].Add((e.Weight, e.V));
                lists[e.V].Add((e.Weight, e.U));
            }
            _neighbours = [.. lists.Select(l => l.OrderByDescending(x => x.W).ThenBy(x => x.B).Select(x => x.B).ToArray())];
            _groupOf = new int[model.Count];
        }

        public long Evaluations { get; private set; }

        public int GroupCount => _groups.Count;

        private bool Forbidden(int a, int b) => _excluded(Math.Min(a, b), Math.Max(a, b));

        /// <summary>What x adds to a group (its pairs with every member but <paramref name="without"/>), or NaN when x may not meet one of them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double Gain(int x, List<int> group, int without = -1)
        {
            Evaluations++;
            double total = 0;
            foreach (var y in group)
            {
                if (y == without || y == x)
                {
                    continue;
                }
                if (Forbidden(x, y))
                {
                    return double.NaN;
                }
                total += _model.Score(x, y);
            }
            return total;
        }

        public Search Greedy(int[] sizes)
        {
            var n = _model.Count;
            var free = new bool[n];
            Array.Fill(free, true);
            Array.Fill(_groupOf, -1);
            var left = n;
            var edges = _candidates.OrderByDescending(e => e.Weight).ThenBy(e => e.U).ThenBy(e => e.V).ToArray();
            var next = 0;
            foreach (var size in sizes)
            {
                if (left < MinSize)
                {
                    break;
                }
                // The strongest free candidate pair seeds the group; when it cannot grow to the size (exclusions),
                // the next seed is tried (up to a few), its people staying free for later groups.
                List<int>? group = null;
                for (var (tried, seed) = (0, next); group is null && tried < SeedAttempts; tried++, seed++)
                {
                    while (seed < edges.Length && !(free[edges[seed].U] && free[edges[seed].V]))
                    {
                        seed++;
                    }
                    if (tried == 0)
                    {
                        next = seed;
                    }
                    List<int> attempt = seed < edges.Length ? [edges[seed].U, edges[seed].V] : [Array.IndexOf(free, true)];
                    group = Grow(attempt, size, free);
                    if (seed >= edges.Length)
                    {
                        break;
                    }
                }
                if (group is null)
                {
                    continue;
                }
                left -= group.Count;
                foreach (var member in group)
                {
                    free[member] = false;
                    _groupOf[member] = _groups.Count;
                }
                _groups.Add(group);
            }
            _unplaced = [.. Enumerable.Range(0, n).Where(i => _groupOf[i] < 0)];
            if (_unplaced.Count is >= MinSize and <= MaxSize)
            {
                Repair();
            }
            return this;
        }

        /// <summary>
        /// The seed grown to <paramref name="size"/> by whoever adds most (among the members' candidates first, anyone
        /// free when none of them is), or null when it cannot reach 3.
        /// </summary>
        private List<int>? Grow(List<int> group, int size, bool[] free)
        {
            foreach (var member in group)
            {
                free[member] = false;
            }
            while (group.Count < size)
            {
                var (best, gain) = (-1, double.NegativeInfinity);
                foreach (var member in group)
                {
                    foreach (var c in _neighbours[member])
                    {
                        if (free[c] && Gain(c, group) is var g && !double.IsNaN(g) && (g > gain || (g == gain && c < best)))
                        {
                            (best, gain) = (c, g);
                        }
                    }
                }
                if (best < 0)
                {
                    for (var c = 0; c < free.Length; c++)
                    {
                        if (free[c] && Gain(c, group) is var g && !double.IsNaN(g) && g > gain)
                        {
                            (best, gain) = (c, g);
                        }
                    }
                }
                if (best < 0)
                {
                    break;
                }
                group.Add(best);
                free[best] = false;
            }
            if (group.Count >= MinSize)
            {
                return group;
            }
            foreach (var member in group)
            {
                free[member] = true;
            }
            return null;
        }

        /// <summary>
        /// The last people left are one group short because some of them may not meet: each such person swaps with
        /// someone of a formed group who may meet the rest of them (and fits where the person was), until they can form
        /// a group of their own.
        /// </summary>
        private void Repair()
        {
            var rest = _unplaced;
            for (var attempt = 0; attempt < 4 * rest.Count; attempt++)
            {
                var clash = rest.FirstOrDefault(u => rest.Any(v => v != u && Forbidden(u, v)), -1);
                if (clash < 0)
                {
                    foreach (var member in rest)
                    {
                        _groupOf[member] = _groups.Count;
                    }
                    _groups.Add([.. rest]);
                    _unplaced = [];
                    return;
                }
                var (bestGroup, bestMember, bestDelta) = (-1, -1, double.NegativeInfinity);
                for (var g = 0; g < _groups.Count; g++)
                {
                    foreach (var c in _groups[g])
                    {
                        var into = Gain(clash, _groups[g], without: c);
                        var back = Gain(c, rest, without: clash);
                        if (!double.IsNaN(into) && !double.IsNaN(back) && into + back - Gain(c, _groups[g]) > bestDelta)
                        {
                            (bestGroup, bestMember, bestDelta) = (g, c, into + back - Gain(c, _groups[g]));
                        }
                    }
                }
                if (bestGroup < 0)
                {
                    return;
                }
                var group = _groups[bestGroup];
                group[group.IndexOf(bestMember)] = clash;
                _groupOf[clash] = bestGroup;
                _groupOf[bestMember] = -1;
                rest[rest.IndexOf(clash)] = bestMember;
            }
        }

        /// <summary>Moves and swaps towards each person's candidates while any of them raises the total.</summary>
        public void Descend()
        {
            PlaceUnplaced();
            for (var improved = true; improved;)
            {
                improved = false;
                for (var a = 0; a < _model.Count; a++)
                {
                    var ga = _groupOf[a];
                    if (ga < 0)
                    {
                        continue;
                    }
                    var stay = double.NaN;
                    var neighbours = _neighbours[a];
                    for (var i = 0; i < Math.Min(neighbours.Length, DescentNeighbours); i++)
                    {
                        var gb = _groupOf[neighbours[i]];
                        if (gb < 0 || gb == ga)
                        {
                            continue;
                        }
                        if (double.IsNaN(stay))
                        {
                            stay = Gain(a, _groups[ga]);
                        }
                        if (TryMove(a, ga, gb, stay) || TrySwap(a, ga, gb, stay))
                        {
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }

        /// <summary>a leaves a group that keeps at least 3 for one with room, when it adds more there than it leaves behind.</summary>
        private bool TryMove(int a, int ga, int gb, double stay)
        {
            List<int> from = _groups[ga], to = _groups[gb];
            if (from.Count <= MinSize || to.Count >= MaxSize)
            {
                return false;
            }
            var delta = Gain(a, to) - stay;
            if (!(delta > 1e-9))
            {
                return false;
            }
            from.Remove(a);
            to.Add(a);
            _groupOf[a] = gb;
            return true;
        }

        /// <summary>a and someone of b's group change places, when that raises the total.</summary>
        private bool TrySwap(int a, int ga, int gb, double stay)
        {
            List<int> from = _groups[ga], to = _groups[gb];
            foreach (var c in to)
            {
                var delta = Gain(a, to, without: c) + Gain(c, from, without: a) - stay - Gain(c, to);
                if (delta > 1e-9)
                {
                    from[from.IndexOf(a)] = c;
                    to[to.IndexOf(c)] = a;
                    _groupOf[a] = gb;
                    _groupOf[c] = ga;
                    return true;
                }
            }
            return false;
        }

        /// <summary>People without a group join one with room (or swap in for someone who fits elsewhere) where they may meet everyone.</summary>
        private void PlaceUnplaced()
        {
            foreach (var person in _unplaced.ToList())
            {
                var (best, gain) = (-1, double.NegativeInfinity);
                for (var g = 0; g < _groups.Count; g++)
                {
                    if (_groups[g].Count < MaxSize && Gain(person, _groups[g]) is var value && !double.IsNaN(value) && value > gain)
                    {
                        (best, gain) = (g, value);
                    }
                }
                if (best >= 0)
                {
                    _groups[best].Add(person);
                    _groupOf[person] = best;
                    _unplaced.Remove(person);
                    continue;
                }
                // No group with room takes them: they take someone's place in a full group, and that someone moves
                // to a group with room (one they may meet everyone of).
                var roomy = Enumerable.Range(0, _groups.Count).Where(g => _groups[g].Count < MaxSize).ToList();
                var placed = false;
                for (var g = 0; g < _groups.Count && !placed; g++)
                {
                    foreach (var c in _groups[g])
                    {
                        if (double.IsNaN(Gain(person, _groups[g], without: c)))
                        {
                            continue;
                        }
                        var target = roomy.FirstOrDefault(r => r != g && !double.IsNaN(Gain(c, _groups[r])), -1);
                        if (target < 0)
                        {
                            continue;
                        }
                        _groups[g][_groups[g].IndexOf(c)] = person;
                        _groupOf[person] = g;
                        _groups[target].Add(c);
                        _groupOf[c] = target;
                        _unplaced.Remove(person);
                        placed = true;
                        break;
                    }
                }
                // Or they join a group with room in place of r, who takes c's place elsewhere, and c joins them there.
                foreach (var target in placed ? [] : roomy)
                {
                    var room = _groups[target];
                    foreach (var r in room.ToList())
                    {
                        if (placed || double.IsNaN(Gain(person, room, without: r)))
                        {
                            continue;
                        }
                        for (var g = 0; g < _groups.Count && !placed; g++)
                        {
                            if (g == target)
                            {
                                continue;
                            }
                            foreach (var c in _groups[g])
                            {
                                if (double.IsNaN(Gain(r, _groups[g], without: c)) || double.IsNaN(Gain(c, room, without: r)) || Forbidden(c, person))
                                {
                                    continue;
                                }
                                _groups[g][_groups[g].IndexOf(c)] = r;
                                _groupOf[r] = g;
                                room[room.IndexOf(r)] = c;
                                _groupOf[c] = target;
                                room.Add(person);
                                _groupOf[person] = target;
                                _unplaced.Remove(person);
                                placed = true;
                                break;
                            }
                        }
                    }
                    if (placed)
                    {
                        break;
                    }
                }
            }
        }

        /// <summary>A few random swaps that keep excluded pairs apart: a way out of a local optimum.</summary>
        public void Perturb(Random random, int swaps)
        {
            for (var i = 0; i < swaps; i++)
            {
                int ga = random.Next(_groups.Count), gb = random.Next(_groups.Count);
                if (ga == gb)
                {
                    continue;
                }
                List<int> from = _groups[ga], to = _groups[gb];
                int a = from[random.Next(from.Count)], c = to[random.Next(to.Count)];
                if (double.IsNaN(Gain(a, to, without: c)) || double.IsNaN(Gain(c, from, without: a)))
                {
                    continue;
                }
                from[from.IndexOf(a)] = c;
                to[to.IndexOf(c)] = a;
                _groupOf[a] = gb;
                _groupOf[c] = ga;
            }
        }

        public void Restore(GroupingResult result)
        {
            _groups = [.. result.Groups.Select(g => g.ToList())];
            Array.Fill(_groupOf, -1);
            for (var g = 0; g < _groups.Count; g++)
            {
                foreach (var member in _groups[g])
                {
                    _groupOf[member] = g;
                }
            }
            _unplaced = [.. result.Unplaced];
        }

        public GroupingResult Result()
        {
            var total = _groups.Sum(group => Inside(_model, group));
            return new GroupingResult([.. _groups.Select(g => g.Order().ToArray())], [.. _unplaced.Order()], total);
        }
    }
}
