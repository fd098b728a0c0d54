namespace EventPlatform.Matching;

/// <summary>The result of a matching: <c>Mates[v]</c> is v's partner, or -1 when v is left single.</summary>
public sealed record MatchingResult(int[] Mates, long TotalWeight)
{
    /// <summary>Each pair once, lower vertex first.</summary>
    public IEnumerable<(int U, int V)> Pairs() =>
        Mates.Select((mate, v) => (U: v, V: mate)).Where(p => p.V > p.U);
}

/// <summary>
/// Maximum-weight matching in a general (non-bipartite) graph: Edmonds' blossom algorithm with the primal-dual
/// method, after Galil ("Efficient algorithms for finding maximum matching in graphs", ACM Computing Surveys, 1986),
/// with the blossom bookkeeping popularised by J. van Rantwijk. Unlike the classic O(n³) formulation, which drops
/// every label after each augmentation and rescans the whole graph, the alternating trees not on the augmenting path
/// keep their labels, which is what makes sparse candidate graphs of thousands of attendees fast.
/// Exact for integer weights; deterministic for a given vertex count and edge order.
/// </summary>
public static class MaximumWeightMatching
{
    /// <summary>
    /// Pairs vertices 0..<paramref name="vertexCount"/>-1 so that the total weight of the chosen edges is as large as
    /// possible. Edges with weight ≤ 0 are never worth choosing; a repeated pair keeps its largest weight.
    /// </summary>
    public static MatchingResult Solve(int vertexCount, IEnumerable<WeightedEdge> edges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vertexCount);
        var unique = new Dictionary<(int, int), long>();
        foreach (var edge in edges)
        {
            if (edge.U == edge.V)
            {
                throw new ArgumentException($"Edge ({edge.U}, {edge.V}) is a loop.", nameof(edges));
            }
            if ((uint)edge.U >= (uint)vertexCount || (uint)edge.V >= (uint)vertexCount)
            {
                throw new ArgumentException($"Edge ({edge.U}, {edge.V}) names a vertex outside 0..{vertexCount - 1}.", nameof(edges));
            }
            if (edge.Weight <= 0)
            {
                continue;
            }
            var key = edge.U < edge.V ? (edge.U, edge.V) : (edge.V, edge.U);
            unique[key] = unique.TryGetValue(key, out var existing) ? Math.Max(existing, edge.Weight) : edge.Weight;
        }
        var list = unique.Select(e => new WeightedEdge(e.Key.Item1, e.Key.Item2, e.Value)).ToArray();
        var mates = list.Length == 0 ? Enumerable.Repeat(-1, vertexCount).ToArray() : new BlossomSolver(vertexCount, list).Run();
        return new MatchingResult(mates, TotalWeight(mates, list));
    }

    /// <summary>The weight of a matching over the given edges (each pair counted once).</summary>
    public static long TotalWeight(int[] mates, IEnumerable<WeightedEdge> edges)
    {
        var best = new Dictionary<(int, int), long>();
        foreach (var e in edges)
        {
            var key = e.U < e.V ? (e.U, e.V) : (e.V, e.U);
            best[key] = best.TryGetValue(key, out var w) ? Math.Max(w, e.Weight) : e.Weight;
        }
        long total = 0;
        for (var v = 0; v < mates.Length; v++)
        {
            if (mates[v] > v)
            {
                total += best[(v, mates[v])];
            }
        }
        return total;
    }
}

/// <summary>
/// The primal-dual blossom algorithm. Vertices are 0..n-1, non-trivial blossoms n..2n-1. Edge k has endpoints 2k
/// (its U end) and 2k+1 (its V end); "p ^ 1" is the other end of endpoint p. Vertex duals are stored doubled so that
/// integer weights keep every quantity an integer.
/// </summary>
internal sealed class BlossomSolver
{
    private const int Free = 0, Outer = 1, Inner = 2, Breadcrumb = 4;

    private readonly int _n;
    private readonly WeightedEdge[] _edges;
    private readonly int[] _endpointVertex;
    private readonly int[] _adjacencyStart;
    private readonly int[] _adjacentEndpoints;

    private readonly int[] _mate;
    private readonly int[] _label;
    private readonly int[] _labelEnd;
    private readonly int[] _inBlossom;
    private readonly int[] _parent;
    private readonly List<int>?[] _children;
    private readonly List<int>?[] _childEndpoints;
    private readonly int[] _base;
    private readonly int[] _bestEdge;
    private readonly List<int>?[] _blossomBestEdges;
    private readonly Stack<int> _unusedBlossoms;
    private readonly long[] _dual;
    private readonly bool[] _allowed;
    private readonly List<int> _queue = [];

    // Several augmentations per stage: each alternating tree is known by its root vertex; once a tree took part in
    // an augmentation its labels are stale, so the rest of the stage ignores it.
    private readonly int[] _treeRoot;
    private readonly bool[] _queued;
    private readonly List<int> _released = [];
    private readonly List<int> _releasedVertices = [];

    // Scratch space reused by AddBlossom.
    private readonly int[] _bestEdgeTo;
    private readonly List<int> _touched = [];
    private readonly List<int> _leaves = [];

    public BlossomSolver(int vertexCount, WeightedEdge[] edges)
    {
        _n = vertexCount;
        _edges = edges;
        var m = edges.Length;
        _endpointVertex = new int[2 * m];
        var degree = new int[_n + 1];
        for (var k = 0; k < m; k++)
        {
            _endpointVertex[2 * k] = edges[k].U;
            _endpointVertex[2 * k + 1] = edges[k].V;
            degree[edges[k].U]++;
            degree[edges[k].V]++;
        }
        _adjacencyStart = new int[_n + 1];
        for (var v = 0; v < _n; v++)
        {
            _adjacencyStart[v + 1] = _adjacencyStart[v] + degree[v];
        }
        _adjacentEndpoints = new int[2 * m];
        var fill = (int[])_adjacencyStart.Clone();
        for (var k = 0; k < m; k++)
        {
            // At each end, the endpoint on the far side.
            _adjacentEndpoints[fill[edges[k].U]++] = 2 * k + 1;
            _adjacentEndpoints[fill[edges[k].V]++] = 2 * k;
        }

        var maxWeight = edges.Max(e => e.Weight);
        _mate = Enumerable.Repeat(-1, _n).ToArray();
        _label = new int[2 * _n];
        _labelEnd = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _inBlossom = Enumerable.Range(0, _n).ToArray();
        _parent = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _children = new List<int>?[2 * _n];
        _childEndpoints = new List<int>?[2 * _n];
        _base = [.. Enumerable.Range(0, _n), .. Enumerable.Repeat(-1, _n)];
        _bestEdge = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _blossomBestEdges = new List<int>?[2 * _n];
        _unusedBlossoms = new Stack<int>(Enumerable.Range(_n, _n).Reverse());
        _dual = [.. Enumerable.Repeat(maxWeight, _n), .. Enumerable.Repeat(0L, _n)];
        _allowed = new bool[m];
        _bestEdgeTo = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _treeRoot = new int[2 * _n];
        _queued = new bool[_n];
    }

    private long Slack(int k) => _dual[_edges[k].U] + _dual[_edges[k].V] - 2 * _edges[k].Weight;

    private void Allow(int k) => _allowed[k] = true;

    /// <summary>The vertices inside blossom b (b itself when it is a vertex), appended to <paramref name="into"/>.</summary>
    private void CollectLeaves(int b, List<int> into)
    {
        if (b < _n)
        {
            into.Add(b);
            return;
        }
        foreach (var child in _children[b]!)
        {
            CollectLeaves(child, into);
        }
    }

    private List<int> Leaves(int b)
    {
        _leaves.Clear();
        CollectLeaves(b, _leaves);
        return _leaves;
    }

    private static int At(List<int> list, int index) => list[index < 0 ? index + list.Count : index];

    public int[] Run()
    {
        for (var v = 0; v < _n; v++)
        {
            AssignLabel(v, Outer, -1);
        }
        // Scan until nothing more is reachable over tight edges (augmenting on the way), then move the duals;
        // stop when a vertex dual reaches zero.
        do
        {
            ScanQueue();
        }
        while (AdjustDuals());

        var mates = new int[_n];
        for (var v = 0; v < _n; v++)
        {
            mates[v] = _mate[v] >= 0 ? _endpointVertex[_mate[v]] : -1;
        }
        return mates;
    }

    /// <summary>
    /// Labels everything reachable over tight edges from the outer vertices in the queue, applying every augmenting
    /// path it finds. After an augmentation only the two trees on the path lose their labels (see
    /// <see cref="ReleaseTrees"/>); every other tree keeps growing, so the graph is not rescanned per augmentation.
    /// </summary>
    private void ScanQueue()
    {
        while (_queue.Count > 0)
        {
            var v = _queue[^1];
            _queue.RemoveAt(_queue.Count - 1);
            _queued[v] = false;
            if (_label[_inBlossom[v]] != Outer)
            {
                // Its tree was released after it was queued.
                continue;
            }
            for (var i = _adjacencyStart[v]; i < _adjacencyStart[v + 1]; i++)
            {
                var p = _adjacentEndpoints[i];
                var k = p >> 1;
                var w = _endpointVertex[p];
                if (_inBlossom[v] == _inBlossom[w])
                {
                    continue;
                }
                long slack = 0;
                if (!_allowed[k])
                {
                    slack = Slack(k);
                    if (slack <= 0)
                    {
                        Allow(k);
                    }
                }
                var bw = _inBlossom[w];
                if (_allowed[k])
                {
                    if (_label[bw] == Free)
                    {
                        AssignLabel(w, Inner, p ^ 1);
                    }
                    else if (_label[bw] == Outer)
                    {
                        var baseVertex = ScanBlossom(v, w);
                        if (baseVertex >= 0)
                        {
                            AddBlossom(baseVertex, k);
                        }
                        else
                        {
                            var (rootV, rootW) = (_treeRoot[_inBlossom[v]], _treeRoot[bw]);
                            AugmentMatching(k);
                            ReleaseTrees(rootV, rootW);
                            break;
                        }
                    }
                    else if (_label[w] == Free)
                    {
                        // w sits inside an inner blossom and was not reached yet: remember how, for when it expands.
                        _label[w] = Inner;
                        _labelEnd[w] = p ^ 1;
                    }
                }
                else if (_label[bw] == Outer)
                {
                    var bv = _inBlossom[v];
                    if (_bestEdge[bv] == -1 || slack < Slack(_bestEdge[bv]))
                    {
                        _bestEdge[bv] = k;
                    }
                }
                else if (_label[w] == Free)
                {
                    if (_bestEdge[w] == -1 || slack < Slack(_bestEdge[w]))
                    {
                        _bestEdge[w] = k;
                    }
                }
            }
        }
    }

    private void Enqueue(int v)
    {
        if (!_queued[v])
        {
            _queued[v] = true;
            _queue.Add(v);
        }
    }

    /// <summary>
    /// After an augmentation: the vertices of the two trees on the path are all matched now, so they lose their
    /// labels (outer blossoms with zero dual dissolve, as between the stages of the classic formulation) and the
    /// allowed marks on their edges. Outer vertices next to them are scanned again, since those edges may now lead
    /// to a free vertex. Least-slack edges that point into the released trees are left to be found stale and
    /// recomputed when the duals next move.
    /// </summary>
    private void ReleaseTrees(int rootA, int rootB)
    {
        _released.Clear();
        for (var b = 0; b < 2 * _n; b++)
        {
            var topLevel = b < _n ? _inBlossom[b] == b : _base[b] >= 0 && _parent[b] == -1;
            if (topLevel && _label[b] != Free && (_treeRoot[b] == rootA || _treeRoot[b] == rootB))
            {
                _released.Add(b);
            }
        }
        _releasedVertices.Clear();
        foreach (var b in _released)
        {
            var wasOuter = _label[b] == Outer;
            CollectLeaves(b, _releasedVertices);
            ClearLabels(b);
            if (b >= _n && wasOuter && _dual[b] == 0)
            {
                ExpandBlossom(b, endOfStage: true);
            }
        }
        foreach (var x in _releasedVertices)
        {
            for (var i = _adjacencyStart[x]; i < _adjacencyStart[x + 1]; i++)
            {
                _allowed[_adjacentEndpoints[i] >> 1] = false;
            }
        }
        foreach (var x in _releasedVertices)
        {
            for (var i = _adjacencyStart[x]; i < _adjacencyStart[x + 1]; i++)
            {
                var p = _adjacentEndpoints[i];
                var y = _endpointVertex[p];
                if (_label[_inBlossom[y]] == Outer)
                {
                    Enqueue(y);
                }
                else if (_inBlossom[y] != y && _label[y] == Inner && _labelEnd[y] == (p ^ 1))
                {
                    // y sits inside an inner blossom of a live tree and was marked reached from x: that mark is gone
                    // with x's tree. Outer neighbours of y scan again and mark it anew if they reach it.
                    _label[y] = Free;
                    _labelEnd[y] = -1;
                    for (var j = _adjacencyStart[y]; j < _adjacencyStart[y + 1]; j++)
                    {
                        var z = _endpointVertex[_adjacentEndpoints[j]];
                        if (_label[_inBlossom[z]] == Outer)
                        {
                            Enqueue(z);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Forgets the labels and least-slack edges of blossom b and everything inside it.</summary>
    private void ClearLabels(int b)
    {
        _label[b] = Free;
        _labelEnd[b] = -1;
        _bestEdge[b] = -1;
        if (b >= _n)
        {
            _blossomBestEdges[b] = null;
            foreach (var child in _children[b]!)
            {
                ClearLabels(child);
            }
        }
    }

    /// <summary>
    /// Moves the duals by the largest step that keeps them feasible, making a new edge tight or a blossom expandable.
    /// False when a vertex dual reaches zero: no augmenting path can add weight, the matching is optimal.
    /// </summary>
    private bool AdjustDuals()
    {
        var kind = 1;
        var delta = long.MaxValue;
        for (var v = 0; v < _n; v++)
        {
            delta = Math.Min(delta, _dual[v]);
        }
        int deltaEdge = -1, deltaBlossom = -1;
        for (var v = 0; v < _n; v++)
        {
            if (_label[_inBlossom[v]] == Free && _bestEdge[v] != -1)
            {
                if (_label[_inBlossom[FarEnd(_bestEdge[v], v)]] != Outer)
                {
                    RecomputeBestEdgeToOuter(v);
                    if (_bestEdge[v] == -1)
                    {
                        continue;
                    }
                }
                var d = Slack(_bestEdge[v]);
                if (d < delta)
                {
                    (delta, kind, deltaEdge) = (d, 2, _bestEdge[v]);
                }
            }
        }
        for (var b = 0; b < 2 * _n; b++)
        {
            if (_parent[b] == -1 && _label[b] == Outer && _bestEdge[b] != -1)
            {
                if (!JoinsOuterBlossoms(_bestEdge[b], b))
                {
                    RecomputeBestEdgeBetweenOuter(b);
                    if (_bestEdge[b] == -1)
                    {
                        continue;
                    }
                }
                var d = Slack(_bestEdge[b]) / 2;
                if (d < delta)
                {
                    (delta, kind, deltaEdge) = (d, 3, _bestEdge[b]);
                }
            }
        }
        for (var b = _n; b < 2 * _n; b++)
        {
            if (_base[b] >= 0 && _parent[b] == -1 && _label[b] == Inner && _dual[b] < delta)
            {
                (delta, kind, deltaBlossom) = (_dual[b], 4, b);
            }
        }

        for (var v = 0; v < _n; v++)
        {
            var label = _label[_inBlossom[v]];
            if (label == Outer)
            {
                _dual[v] -= delta;
            }
            else if (label == Inner)
            {
                _dual[v] += delta;
            }
        }
        for (var b = _n; b < 2 * _n; b++)
        {
            if (_base[b] >= 0 && _parent[b] == -1)
            {
                if (_label[b] == Outer)
                {
                    _dual[b] += delta;
                }
                else if (_label[b] == Inner)
                {
                    _dual[b] -= delta;
                }
            }
        }

        switch (kind)
        {
            case 1:
                return false;
            case 2:
                {
                    Allow(deltaEdge);
                    var (i, j) = (_edges[deltaEdge].U, _edges[deltaEdge].V);
                    Enqueue(_label[_inBlossom[i]] == Free ? j : i);
                    break;
                }
            case 3:
                Allow(deltaEdge);
                Enqueue(_edges[deltaEdge].U);
                break;
            default:
                ExpandBlossom(deltaBlossom, endOfStage: false);
                break;
        }
        return true;
    }

    private int FarEnd(int k, int v) => _edges[k].U == v ? _edges[k].V : _edges[k].U;

    /// <summary>Edge k still leads from outer blossom b to another outer blossom (it may have gone stale when a tree was released).</summary>
    private bool JoinsOuterBlossoms(int k, int b)
    {
        var (bu, bv) = (_inBlossom[_edges[k].U], _inBlossom[_edges[k].V]);
        return bu != bv && (bu == b || bv == b) && _label[bu] == Outer && _label[bv] == Outer;
    }

    /// <summary>The least-slack edge from a free vertex (or an unreached one inside an inner blossom) to an outer vertex.</summary>
    private void RecomputeBestEdgeToOuter(int v)
    {
        _bestEdge[v] = -1;
        for (var i = _adjacencyStart[v]; i < _adjacencyStart[v + 1]; i++)
        {
            var p = _adjacentEndpoints[i];
            var k = p >> 1;
            if (_label[_inBlossom[_endpointVertex[p]]] == Outer && (_bestEdge[v] == -1 || Slack(k) < Slack(_bestEdge[v])))
            {
                _bestEdge[v] = k;
            }
        }
    }

    /// <summary>The least-slack edges from outer blossom b to every other outer blossom, from its vertices' edges.</summary>
    private void RecomputeBestEdgeBetweenOuter(int b)
    {
        _touched.Clear();
        var leaves = new List<int>();
        CollectLeaves(b, leaves);
        foreach (var leaf in leaves)
        {
            for (var i = _adjacencyStart[leaf]; i < _adjacencyStart[leaf + 1]; i++)
            {
                ConsiderBestEdge(b, _adjacentEndpoints[i] >> 1);
            }
        }
        var best = TakeBestEdges(b);
        if (b >= _n)
        {
            _blossomBestEdges[b] = best;
        }
    }

    /// <summary>Labels the top-level blossom of w; an inner blossom's base mate becomes outer in turn.</summary>
    private void AssignLabel(int w, int label, int endpoint)
    {
        // The tree is the labeller's; a single vertex starts its own.
        var root = endpoint == -1 ? w : _treeRoot[_inBlossom[_endpointVertex[endpoint]]];
        while (true)
        {
            var b = _inBlossom[w];
            _treeRoot[b] = root;
            _label[w] = _label[b] = label;
            _labelEnd[w] = _labelEnd[b] = endpoint;
            _bestEdge[w] = _bestEdge[b] = -1;
            if (label == Outer)
            {
                foreach (var leaf in Leaves(b))
                {
                    Enqueue(leaf);
                }
                return;
            }
            var baseMate = _mate[_base[b]];
            (w, label, endpoint) = (_endpointVertex[baseMate], Outer, baseMate ^ 1);
        }
    }

    /// <summary>
    /// Walks back from v and w towards their tree roots, alternately, leaving breadcrumbs: meeting one means the
    /// edge closes a blossom (its base vertex is returned); reaching both roots means an augmenting path (-1).
    /// </summary>
    private int ScanBlossom(int v, int w)
    {
        var path = new List<int>();
        var baseVertex = -1;
        while (v != -1 || w != -1)
        {
            var b = _inBlossom[v];
            if ((_label[b] & Breadcrumb) != 0)
            {
                baseVertex = _base[b];
                break;
            }
            path.Add(b);
            _label[b] = Outer | Breadcrumb;
            if (_labelEnd[b] == -1)
            {
                v = -1;
            }
            else
            {
                var inner = _inBlossom[_endpointVertex[_labelEnd[b]]];
                v = _endpointVertex[_labelEnd[inner]];
            }
            if (w != -1)
            {
                (v, w) = (w, v);
            }
        }
        foreach (var b in path)
        {
            _label[b] = Outer;
        }
        return baseVertex;
    }

    /// <summary>Makes the odd cycle through edge k, rooted at base, an outer blossom with dual zero.</summary>
    private void AddBlossom(int baseVertex, int k)
    {
        var (v, w) = (_edges[k].U, _edges[k].V);
        var bb = _inBlossom[baseVertex];
        var bv = _inBlossom[v];
        var bw = _inBlossom[w];
        var b = _unusedBlossoms.Pop();
        _base[b] = baseVertex;
        _parent[b] = -1;
        _parent[bb] = b;

        var children = new List<int>();
        var endpoints = new List<int>();
        while (bv != bb)
        {
            _parent[bv] = b;
            children.Add(bv);
            endpoints.Add(_labelEnd[bv]);
            bv = _inBlossom[_endpointVertex[_labelEnd[bv]]];
        }
        children.Add(bb);
        children.Reverse();
        endpoints.Reverse();
        endpoints.Add(2 * k);
        while (bw != bb)
        {
            _parent[bw] = b;
            children.Add(bw);
            endpoints.Add(_labelEnd[bw] ^ 1);
            bw = _inBlossom[_endpointVertex[_labelEnd[bw]]];
        }
        _children[b] = children;
        _childEndpoints[b] = endpoints;
        _label[b] = Outer;
        _labelEnd[b] = _labelEnd[bb];
        _treeRoot[b] = _treeRoot[bb];
        _dual[b] = 0;

        foreach (var leaf in Leaves(b))
        {
            if (_label[_inBlossom[leaf]] == Inner)
            {
                // An inner vertex inside an outer blossom becomes outer: scan it.
                Enqueue(leaf);
            }
            _inBlossom[leaf] = b;
        }

        // The least-slack edge from the new blossom to each other outer blossom, from the children's lists.
        _touched.Clear();
        foreach (var child in children)
        {
            if (_blossomBestEdges[child] is { } known)
            {
                foreach (var edge in known)
                {
                    ConsiderBestEdge(b, edge);
                }
            }
            else
            {
                foreach (var leaf in Leaves(child))
                {
                    for (var i = _adjacencyStart[leaf]; i < _adjacencyStart[leaf + 1]; i++)
                    {
                        ConsiderBestEdge(b, _adjacentEndpoints[i] >> 1);
                    }
                }
            }
            _blossomBestEdges[child] = null;
            _bestEdge[child] = -1;
        }
        _blossomBestEdges[b] = TakeBestEdges(b);
    }

    /// <summary>The edges <see cref="ConsiderBestEdge"/> collected for b (one per other outer blossom); the least-slack one becomes b's best.</summary>
    private List<int> TakeBestEdges(int b)
    {
        var best = new List<int>(_touched.Count);
        _bestEdge[b] = -1;
        foreach (var other in _touched)
        {
            var edge = _bestEdgeTo[other];
            _bestEdgeTo[other] = -1;
            best.Add(edge);
            if (_bestEdge[b] == -1 || Slack(edge) < Slack(_bestEdge[b]))
            {
                _bestEdge[b] = edge;
            }
        }
        return best;
    }

    private void ConsiderBestEdge(int b, int k)
    {
        var (i, j) = (_edges[k].U, _edges[k].V);
        if (_inBlossom[j] == b)
        {
            (i, j) = (j, i);
        }
        var bj = _inBlossom[j];
        if (bj != b && _label[bj] == Outer && (_bestEdgeTo[bj] == -1 || Slack(k) < Slack(_bestEdgeTo[bj])))
        {
            if (_bestEdgeTo[bj] == -1)
            {
                _touched.Add(bj);
            }
            _bestEdgeTo[bj] = k;
        }
    }

    /// <summary>Dissolves top-level blossom b into its children; mid-stage, an inner blossom's children are relabelled.</summary>
    private void ExpandBlossom(int b, bool endOfStage)
    {
        var children = _children[b]!;
        var endpoints = _childEndpoints[b]!;
        foreach (var s in children)
        {
            _parent[s] = -1;
            if (s < _n)
            {
                _inBlossom[s] = s;
            }
            else if (endOfStage && _dual[s] == 0)
            {
                ExpandBlossom(s, endOfStage);
            }
            else
            {
                foreach (var leaf in Leaves(s))
                {
                    _inBlossom[leaf] = s;
                }
            }
        }

        if (!endOfStage && _label[b] == Inner)
        {
            // Relabel along the even-length path from the child the blossom was entered through to its base.
            var entryChild = _inBlossom[_endpointVertex[_labelEnd[b] ^ 1]];
            var j = children.IndexOf(entryChild);
            int step, trick;
            if ((j & 1) != 0)
            {
                j -= children.Count;
                (step, trick) = (1, 0);
            }
            else
            {
                (step, trick) = (-1, 1);
            }
            var p = _labelEnd[b];
            while (j != 0)
            {
                _label[_endpointVertex[p ^ 1]] = Free;
                _label[_endpointVertex[At(endpoints, j - trick) ^ trick ^ 1]] = Free;
                AssignLabel(_endpointVertex[p ^ 1], Inner, p);
                Allow(At(endpoints, j - trick) >> 1);
                j += step;
                p = At(endpoints, j - trick) ^ trick;
                Allow(p >> 1);
                j += step;
            }
            var baseChild = At(children, j);
            _treeRoot[baseChild] = _treeRoot[b];
            _label[_endpointVertex[p ^ 1]] = _label[baseChild] = Inner;
            _labelEnd[_endpointVertex[p ^ 1]] = _labelEnd[baseChild] = p;
            _bestEdge[baseChild] = -1;

            // The other children (the odd path) become free again unless reachable from outside.
            j += step;
            while (At(children, j) != entryChild)
            {
                var child = At(children, j);
                if (_label[child] == Outer)
                {
                    j += step;
                    continue;
                }
                var reached = -1;
                foreach (var leaf in Leaves(child))
                {
                    if (_label[leaf] != Free)
                    {
                        reached = leaf;
                        break;
                    }
                }
                if (reached >= 0)
                {
                    _label[reached] = Free;
                    _label[_endpointVertex[_mate[_base[child]]]] = Free;
                    AssignLabel(reached, Inner, _labelEnd[reached]);
                }
                j += step;
            }
        }

        _label[b] = _labelEnd[b] = -1;
        _children[b] = _childEndpoints[b] = null;
        _base[b] = -1;
        _blossomBestEdges[b] = null;
        _bestEdge[b] = -1;
        _unusedBlossoms.Push(b);
    }

    /// <summary>Swaps matched and unmatched edges on the even path inside blossom b from vertex v to its base; v becomes the base.</summary>
    private void AugmentBlossom(int b, int v)
    {
        var t = v;
        while (_parent[t] != b)
        {
            t = _parent[t];
        }
        if (t >= _n)
        {
            AugmentBlossom(t, v);
        }
        var children = _children[b]!;
        var endpoints = _childEndpoints[b]!;
        var i = children.IndexOf(t);
        var j = i;
        int step, trick;
        if ((i & 1) != 0)
        {
            j -= children.Count;
            (step, trick) = (1, 0);
        }
        else
        {
            (step, trick) = (-1, 1);
        }
        while (j != 0)
        {
            j += step;
            t = At(children, j);
            var p = At(endpoints, j - trick) ^ trick;
            if (t >= _n)
            {
                AugmentBlossom(t, _endpointVertex[p]);
            }
            j += step;
            t = At(children, j);
            if (t >= _n)
            {
                AugmentBlossom(t, _endpointVertex[p ^ 1]);
            }
            _mate[_endpointVertex[p]] = p ^ 1;
            _mate[_endpointVertex[p ^ 1]] = p;
        }
        // Rotate so that the child holding the new base comes first.
        _children[b] = [.. children.Skip(i), .. children.Take(i)];
        _childEndpoints[b] = [.. endpoints.Skip(i), .. endpoints.Take(i)];
        _base[b] = _base[_children[b]![0]];
    }

    /// <summary>Flips the augmenting path through edge k (between two outer vertices of different trees) back to both roots.</summary>
    private void AugmentMatching(int k)
    {
        foreach (var (start, far) in new[] { (_edges[k].U, 2 * k + 1), (_edges[k].V, 2 * k) })
        {
            var (s, p) = (start, far);
            while (true)
            {
                var bs = _inBlossom[s];
                if (bs >= _n)
                {
                    AugmentBlossom(bs, s);
                }
                _mate[s] = p;
                if (_labelEnd[bs] == -1)
                {
                    break;
                }
                var bt = _inBlossom[_endpointVertex[_labelEnd[bs]]];
                s = _endpointVertex[_labelEnd[bt]];
                var j = _endpointVertex[_labelEnd[bt] ^ 1];
                if (bt >= _n)
                {
                    AugmentBlossom(bt, j);
                }
                _mate[j] = _labelEnd[bt];
                p = _labelEnd[bt] ^ 1;
            }
        }
    }
}
