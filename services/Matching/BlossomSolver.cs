using System.Runtime.CompilerServices;

namespace EventPlatform.Matching;

/// <summary>
/// The primal-dual blossom algorithm. Vertices are 0..n-1, non-trivial blossoms n..2n-1. Edge k has endpoints 2k
/// (its U end) and 2k+1 (its V end); "p ^ 1" is the other end of endpoint p. Vertex duals are stored doubled so that
/// integer weights keep every quantity an integer.
/// </summary>
/// <remarks>
/// Three things keep a round of thousands of attendees fast:
/// <list type="bullet">
/// <item>Trees not on an augmenting path keep their labels (<see cref="ReleaseTrees"/>), so the graph is not
/// rescanned after every augmentation.</item>
/// <item>Duals move lazily: a dual adjustment only adds to <see cref="_delta"/>; a top-level blossom's duals are
/// brought up to date (<see cref="Settle"/>) when its label changes, so an adjustment costs nothing per vertex.</item>
/// <item>The next adjustment comes from three priority queues keyed by the <see cref="_delta"/> at which something
/// happens (an edge to a free vertex turns tight, an edge between outer blossoms turns tight, an inner blossom's dual
/// reaches zero). Entries are checked when they reach the top and dropped once stale. An edge is queued only when it
/// beats the best one queued for the same vertex (the free end, or the outer end it was scanned from); when that best
/// one turns out stale, the vertex's edges are looked through again.</item>
/// </list>
/// The hot loops are compiled fully optimised on first use (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// a round is often the first work a freshly started service does, and it should not run on unoptimised code.
/// </remarks>
internal sealed class BlossomSolver
{
    private const int Free = 0, Outer = 1, Inner = 2, Breadcrumb = 4;

    private readonly int _n;
    private readonly WeightedEdge[] _edges;
    private readonly int[] _endpointVertex;
    private readonly int[] _adjacencyStart;
    private readonly int[] _adjacentEndpoints;
    private readonly long _maxWeight;

    private readonly int[] _mate;
    private readonly int[] _label;
    private readonly int[] _labelEnd;
    private readonly int[] _inBlossom;
    private readonly int[] _parent;
    private readonly List<int>?[] _children;
    private readonly List<int>?[] _childEndpoints;
    private readonly int[] _base;
    private readonly Stack<int> _unusedBlossoms;
    private readonly bool[] _allowed;

    // Duals: _dual holds a vertex's or blossom's dual as of _since[top] for a labelled top-level blossom (they drift
    // with _delta while it keeps its label), and exactly otherwise.
    private readonly long[] _dual;
    private readonly long[] _since;
    private long _delta;

    // Work: outer vertices to scan, and single edges to look at again from their outer end (endpoint = the far end).
    private readonly List<int> _queue = [];
    private readonly bool[] _queued;
    private readonly List<int> _pending = [];

    // When the next adjustment could happen, by the total _delta at which it would. The edge queues hold endpoints:
    // the far end of the edge as seen from the outer vertex it was scanned from. Per vertex, the key of the best edge
    // queued for it (the free end's, or the scanning outer end's).
    private readonly PriorityQueue<int, long> _edgesToFree = new();
    private readonly PriorityQueue<int, long> _edgesBetweenOuter = new();
    private readonly PriorityQueue<int, long> _innerBlossoms = new();
    private readonly long[] _bestToFree;
    private readonly long[] _bestBetweenOuter;

    // Several augmentations per stage: each alternating tree is known by its root vertex and lists the top-level
    // blossoms it labelled; once a tree took part in an augmentation its labels are stale and it is released.
    private readonly int[] _treeRoot;
    private readonly List<int>?[] _treeMembers;
    private readonly List<int> _releasedVertices = [];

    // Scratch space.
    private readonly List<int> _leaves = [];
    private readonly List<int> _path = [];

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

        _maxWeight = edges.Max(e => e.Weight);
        _mate = Enumerable.Repeat(-1, _n).ToArray();
        _label = new int[2 * _n];
        _labelEnd = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _inBlossom = Enumerable.Range(0, _n).ToArray();
        _parent = Enumerable.Repeat(-1, 2 * _n).ToArray();
        _children = new List<int>?[2 * _n];
        _childEndpoints = new List<int>?[2 * _n];
        _base = [.. Enumerable.Range(0, _n), .. Enumerable.Repeat(-1, _n)];
        _unusedBlossoms = new Stack<int>(Enumerable.Range(_n, _n).Reverse());
        _dual = [.. Enumerable.Repeat(_maxWeight, _n), .. Enumerable.Repeat(0L, _n)];
        _since = new long[2 * _n];
        _allowed = new bool[m];
        _queued = new bool[_n];
        _treeRoot = new int[2 * _n];
        _treeMembers = new List<int>?[_n];
        _bestToFree = Enumerable.Repeat(long.MaxValue, _n).ToArray();
        _bestBetweenOuter = Enumerable.Repeat(long.MaxValue, _n).ToArray();
    }

    public int[] Run()
    {
        for (var v = 0; v < _n; v++)
        {
            AssignLabel(v, Outer, -1);
        }
        // Scan until nothing more is reachable over tight edges (augmenting on the way), then move the duals;
        // stop when the single vertices' dual reaches zero.
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

    /// <summary>How far the duals of top-level blossom <paramref name="top"/> moved since they were last settled: outer vertices go down, inner ones up.</summary>
    private long Drift(int top) => (_label[top] & 3) switch
    {
        Outer => _delta - _since[top],
        Inner => _since[top] - _delta,
        _ => 0,
    };

    private long VertexDual(int v) => _dual[v] - Drift(_inBlossom[v]);

    /// <summary>The dual of top-level blossom b (b ≥ n): it moves opposite to its vertices'.</summary>
    private long TopBlossomDual(int b) => _dual[b] + Drift(b);

    private long Slack(int k) => VertexDual(_edges[k].U) + VertexDual(_edges[k].V) - 2 * _edges[k].Weight;

    /// <summary>Writes the drift of top-level blossom <paramref name="top"/> into its duals; called before its label or nesting changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Settle(int top)
    {
        var drift = Drift(top);
        if (drift != 0)
        {
            if (top >= _n)
            {
                _dual[top] += drift;
            }
            ShiftLeafDuals(top, drift);
        }
        _since[top] = _delta;
    }

    private void ShiftLeafDuals(int b, long drift)
    {
        if (b < _n)
        {
            _dual[b] -= drift;
            return;
        }
        foreach (var child in _children[b]!)
        {
            ShiftLeafDuals(child, drift);
        }
    }

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

    private bool IsTopLevel(int b) => b < _n ? _inBlossom[b] == b : _base[b] >= 0 && _parent[b] == -1;

    private static int At(List<int> list, int index) => list[index < 0 ? index + list.Count : index];

    /// <summary>
    /// Labels everything reachable over tight edges from the outer vertices in the queue, applying every augmenting
    /// path it finds. After an augmentation only the two trees on the path lose their labels (see
    /// <see cref="ReleaseTrees"/>); every other tree keeps growing, so the graph is not rescanned per augmentation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanQueue()
    {
        while (true)
        {
            if (_pending.Count > 0)
            {
                var p = _pending[^1];
                _pending.RemoveAt(_pending.Count - 1);
                var from = _endpointVertex[p ^ 1];
                if (_label[_inBlossom[from]] == Outer)
                {
                    ScanEdge(from, p);
                }
                continue;
            }
            if (_queue.Count == 0)
            {
                return;
            }
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
                if (ScanEdge(v, _adjacentEndpoints[i]))
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Looks at the edge from outer vertex v to endpoint p: a tight edge grows the tree, closes a blossom or augments;
    /// a loose one is queued for the dual adjustment. True when v's tree was released by an augmentation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanEdge(int v, int p)
    {
        var k = p >> 1;
        var w = _endpointVertex[p];
        var bw = _inBlossom[w];
        if (_inBlossom[v] == bw)
        {
            return false;
        }
        if (!_allowed[k])
        {
            var slack = Slack(k);
            if (slack > 0)
            {
                if (_label[bw] == Outer)
                {
                    // Both ends drift down: the slack closes twice as fast (and is even between outer vertices).
                    Offer(_edgesBetweenOuter, _bestBetweenOuter, v, p, _delta + slack / 2);
                }
                else if (_label[bw] == Free)
                {
                    Offer(_edgesToFree, _bestToFree, w, p, _delta + slack);
                }
                return false;
            }
            _allowed[k] = true;
        }
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
                return true;
            }
        }
        else if (_label[w] == Free)
        {
            // w sits inside an inner blossom and was not reached yet: remember how, for when it expands.
            _label[w] = Inner;
            _labelEnd[w] = p ^ 1;
        }
        return false;
    }

    private static void Offer(PriorityQueue<int, long> queue, long[] best, int owner, int endpoint, long at)
    {
        if (at < best[owner])
        {
            best[owner] = at;
            queue.Enqueue(endpoint, at);
        }
    }

    /// <summary>Queues newly outer vertex v for a scan of all its edges.</summary>
    private void Enqueue(int v)
    {
        _bestBetweenOuter[v] = long.MaxValue;
        if (!_queued[v])
        {
            _queued[v] = true;
            _queue.Add(v);
        }
    }

    /// <summary>
    /// After an augmentation: the vertices of the two trees on the path are all matched now, so they lose their
    /// labels (outer blossoms with zero dual dissolve, as between the stages of the classic formulation) and the
    /// allowed marks on their edges. The edges from outer vertices of other trees to them now lead to free vertices:
    /// tight ones are looked at again, the least loose one of each vertex is queued for the next adjustment.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReleaseTrees(int rootA, int rootB)
    {
        _releasedVertices.Clear();
        Release(rootA);
        if (rootB != rootA)
        {
            Release(rootB);
        }
        foreach (var x in _releasedVertices)
        {
            _bestToFree[x] = long.MaxValue;
            for (var i = _adjacencyStart[x]; i < _adjacencyStart[x + 1]; i++)
            {
                _allowed[_adjacentEndpoints[i] >> 1] = false;
            }
        }
        foreach (var x in _releasedVertices)
        {
            // x is free now: a tight edge from an outer vertex grows that tree (looked at again from its outer end);
            // of the loose ones only the least slack matters, for the next adjustment.
            var (leastSlack, leastEndpoint) = (long.MaxValue, -1);
            for (var i = _adjacencyStart[x]; i < _adjacencyStart[x + 1]; i++)
            {
                var p = _adjacentEndpoints[i];
                var y = _endpointVertex[p];
                if (_label[_inBlossom[y]] == Outer)
                {
                    var slack = Slack(p >> 1);
                    if (slack <= 0)
                    {
                        _pending.Add(p ^ 1);
                    }
                    else if (slack < leastSlack)
                    {
                        (leastSlack, leastEndpoint) = (slack, p ^ 1);
                    }
                }
                else if (_inBlossom[y] != y && _label[y] == Inner && _labelEnd[y] == (p ^ 1))
                {
                    // y sits inside an inner blossom of a live tree and was marked reached from x: that mark is gone
                    // with x's tree. Its edges from outer vertices are looked at again, to mark it anew.
                    _label[y] = Free;
                    _labelEnd[y] = -1;
                    for (var j = _adjacencyStart[y]; j < _adjacencyStart[y + 1]; j++)
                    {
                        var q = _adjacentEndpoints[j];
                        if (_label[_inBlossom[_endpointVertex[q]]] == Outer)
                        {
                            _pending.Add(q ^ 1);
                        }
                    }
                }
            }
            if (leastEndpoint >= 0)
            {
                Offer(_edgesToFree, _bestToFree, x, leastEndpoint, _delta + leastSlack);
            }
        }
    }

    /// <summary>Clears the labels of every top-level blossom of the tree rooted at <paramref name="root"/>.</summary>
    private void Release(int root)
    {
        if (_treeMembers[root] is not { } members)
        {
            return;
        }
        foreach (var b in members)
        {
            if (!IsTopLevel(b) || _label[b] == Free || _treeRoot[b] != root)
            {
                // Since nested in a blossom, dissolved, or listed twice.
                continue;
            }
            var wasOuter = _label[b] == Outer;
            Settle(b);
            CollectLeaves(b, _releasedVertices);
            ClearLabels(b);
            if (b >= _n && wasOuter && _dual[b] == 0)
            {
                ExpandBlossom(b, endOfStage: true);
            }
        }
        members.Clear();
    }

    /// <summary>Forgets the labels of blossom b and everything inside it.</summary>
    private void ClearLabels(int b)
    {
        _label[b] = Free;
        _labelEnd[b] = -1;
        if (b >= _n)
        {
            foreach (var child in _children[b]!)
            {
                ClearLabels(child);
            }
        }
    }

    /// <summary>
    /// Moves the duals by the largest step that keeps them feasible, making a new edge tight or a blossom expandable.
    /// False when the single vertices' dual (the least of all vertex duals) reaches zero: no augmenting path can add
    /// weight, the matching is optimal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AdjustDuals()
    {
        // Single vertices have been outer since the start, so their dual is the initial one minus every adjustment.
        var step = _maxWeight - _delta;
        var kind = 1;
        var toFree = NextEdgeToFree();
        if (toFree >= 0 && _edgesToFree.TryPeek(out _, out var at) && at - _delta < step)
        {
            (step, kind) = (at - _delta, 2);
        }
        var betweenOuter = NextEdgeBetweenOuter();
        if (betweenOuter >= 0 && _edgesBetweenOuter.TryPeek(out _, out at) && at - _delta < step)
        {
            (step, kind) = (at - _delta, 3);
        }
        var inner = NextInnerBlossom();
        if (inner >= 0 && _innerBlossoms.TryPeek(out _, out at) && at - _delta < step)
        {
            (step, kind) = (at - _delta, 4);
        }
        _delta += step;

        switch (kind)
        {
            case 1:
                return false;
            // The entry stays queued: once acted on it is stale, and should the act not happen (its tree released
            // first), it still stands for the best edge of its vertex.
            case 2:
            case 3:
                // Tight now: look at it again from its outer end.
                var endpoint = kind == 2 ? toFree : betweenOuter;
                _allowed[endpoint >> 1] = true;
                _pending.Add(endpoint);
                break;
            default:
                ExpandBlossom(inner, endOfStage: false);
                break;
        }
        return true;
    }

    /// <summary>
    /// The loose edge from an outer to a free vertex that turns tight first, as its free endpoint (-1 when none).
    /// Stale entries are dropped; when the best one of a vertex that is still free was, its edges are looked through again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextEdgeToFree()
    {
        while (_edgesToFree.TryPeek(out var p, out var at))
        {
            var (outer, free) = (_endpointVertex[p ^ 1], _endpointVertex[p]);
            var freeNow = TopLabel(free) == Free;
            if (freeNow && TopLabel(outer) == Outer && _delta + Slack(p >> 1) == at)
            {
                return p;
            }
            _edgesToFree.Dequeue();
            if (freeNow && at == _bestToFree[free])
            {
                _bestToFree[free] = long.MaxValue;
                for (var i = _adjacencyStart[free]; i < _adjacencyStart[free + 1]; i++)
                {
                    var q = _adjacentEndpoints[i];
                    if (TopLabel(_endpointVertex[q]) == Outer)
                    {
                        Offer(_edgesToFree, _bestToFree, free, q ^ 1, _delta + Slack(q >> 1));
                    }
                }
            }
        }
        return -1;
    }

    /// <summary>
    /// The loose edge between two outer blossoms that turns tight first, as its far endpoint from the vertex it was
    /// scanned from (-1 when none). Stale entries are dropped; when the best one of a vertex that is still outer was,
    /// its edges are looked through again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextEdgeBetweenOuter()
    {
        while (_edgesBetweenOuter.TryPeek(out var p, out var at))
        {
            var (from, to) = (_endpointVertex[p ^ 1], _endpointVertex[p]);
            var fromOuter = TopLabel(from) == Outer;
            if (fromOuter && TopLabel(to) == Outer && _inBlossom[from] != _inBlossom[to] && _delta + Slack(p >> 1) / 2 == at)
            {
                return p;
            }
            _edgesBetweenOuter.Dequeue();
            if (fromOuter && at == _bestBetweenOuter[from])
            {
                _bestBetweenOuter[from] = long.MaxValue;
                for (var i = _adjacencyStart[from]; i < _adjacencyStart[from + 1]; i++)
                {
                    var q = _adjacentEndpoints[i];
                    var other = _endpointVertex[q];
                    if (TopLabel(other) == Outer && _inBlossom[other] != _inBlossom[from])
                    {
                        Offer(_edgesBetweenOuter, _bestBetweenOuter, from, q, _delta + Slack(q >> 1) / 2);
                    }
                }
            }
        }
        return -1;
    }

    /// <summary>The inner blossom whose dual reaches zero first (-1 when none); stale entries are dropped.</summary>
    private int NextInnerBlossom()
    {
        while (_innerBlossoms.TryPeek(out var b, out var at))
        {
            var current = IsTopLevel(b) && _label[b] == Inner ? _delta + TopBlossomDual(b) : -1;
            if (current == at)
            {
                return b;
            }
            _innerBlossoms.Dequeue();
            if (current >= 0)
            {
                _innerBlossoms.Enqueue(b, current);
            }
        }
        return -1;
    }

    private int TopLabel(int v) => _label[_inBlossom[v]];

    /// <summary>Labels the top-level blossom of w; an inner blossom's base mate becomes outer in turn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AssignLabel(int w, int label, int endpoint)
    {
        // The tree is the labeller's; a single vertex starts its own.
        var root = endpoint == -1 ? w : _treeRoot[_inBlossom[_endpointVertex[endpoint]]];
        while (true)
        {
            var b = _inBlossom[w];
            Settle(b);
            JoinTree(b, root);
            _label[w] = _label[b] = label;
            _labelEnd[w] = _labelEnd[b] = endpoint;
            if (label == Outer)
            {
                foreach (var leaf in Leaves(b))
                {
                    Enqueue(leaf);
                }
                return;
            }
            if (b >= _n)
            {
                _innerBlossoms.Enqueue(b, _delta + _dual[b]);
            }
            var baseMate = _mate[_base[b]];
            (w, label, endpoint) = (_endpointVertex[baseMate], Outer, baseMate ^ 1);
        }
    }

    private void JoinTree(int b, int root)
    {
        _treeRoot[b] = root;
        (_treeMembers[root] ??= []).Add(b);
    }

    /// <summary>
    /// Walks back from v and w towards their tree roots, alternately, leaving breadcrumbs: meeting one means the
    /// edge closes a blossom (its base vertex is returned); reaching both roots means an augmenting path (-1).
    /// </summary>
    private int ScanBlossom(int v, int w)
    {
        _path.Clear();
        var baseVertex = -1;
        while (v != -1 || w != -1)
        {
            var b = _inBlossom[v];
            if ((_label[b] & Breadcrumb) != 0)
            {
                baseVertex = _base[b];
                break;
            }
            _path.Add(b);
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
        foreach (var b in _path)
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
        foreach (var child in children)
        {
            // Nested from now on: their duals stop drifting on their own.
            Settle(child);
        }
        _children[b] = children;
        _childEndpoints[b] = endpoints;
        _label[b] = Outer;
        _labelEnd[b] = _labelEnd[bb];
        _dual[b] = 0;
        _since[b] = _delta;
        JoinTree(b, _treeRoot[bb]);

        foreach (var leaf in Leaves(b))
        {
            if (_label[_inBlossom[leaf]] == Inner)
            {
                // An inner vertex inside an outer blossom becomes outer: scan it.
                Enqueue(leaf);
            }
            _inBlossom[leaf] = b;
        }
    }

    /// <summary>Dissolves top-level blossom b into its children; mid-stage, an inner blossom's children are relabelled.</summary>
    private void ExpandBlossom(int b, bool endOfStage)
    {
        Settle(b);
        var children = _children[b]!;
        var endpoints = _childEndpoints[b]!;
        foreach (var s in children)
        {
            _parent[s] = -1;
            // Top-level from now on: their duals drift with their labels from here.
            _since[s] = _delta;
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
            RelabelExpandedChildren(b, children, endpoints);
        }

        _label[b] = _labelEnd[b] = -1;
        _children[b] = _childEndpoints[b] = null;
        _base[b] = -1;
        _unusedBlossoms.Push(b);
    }

    /// <summary>
    /// An inner blossom expanded mid-stage: the even path from the child it was entered through to its base stays in
    /// the tree (alternately inner and outer), the children of the odd path become free unless reached from outside.
    /// </summary>
    private void RelabelExpandedChildren(int b, List<int> children, List<int> endpoints)
    {
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
            _allowed[At(endpoints, j - trick) >> 1] = true;
            j += step;
            p = At(endpoints, j - trick) ^ trick;
            _allowed[p >> 1] = true;
            j += step;
        }
        var baseChild = At(children, j);
        JoinTree(baseChild, _treeRoot[b]);
        _label[_endpointVertex[p ^ 1]] = _label[baseChild] = Inner;
        _labelEnd[_endpointVertex[p ^ 1]] = _labelEnd[baseChild] = p;
        if (baseChild >= _n)
        {
            _innerBlossoms.Enqueue(baseChild, _delta + _dual[baseChild]);
        }

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

        // Children left free: their edges from outer vertices count for the next adjustment from now on.
        foreach (var child in children)
        {
            if (_label[child] != Free)
            {
                continue;
            }
            foreach (var leaf in Leaves(child))
            {
                _bestToFree[leaf] = long.MaxValue;
                for (var i = _adjacencyStart[leaf]; i < _adjacencyStart[leaf + 1]; i++)
                {
                    var q = _adjacentEndpoints[i];
                    if (TopLabel(_endpointVertex[q]) == Outer)
                    {
                        _pending.Add(q ^ 1);
                    }
                }
            }
        }
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
