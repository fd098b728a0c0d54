using NpgsqlTypes;

namespace EventPlatform.Talks.Search;

/// <summary>
/// A PostgreSQL text query (what <c>to_tsquery('english', …)</c> made of the rewritten search), evaluated in memory
/// against the library's search documents: <see cref="Matches"/> is <c>search_vector @@ query</c> and <see cref="Rank"/>
/// is <c>ts_rank(search_vector, query)</c> with its default weights, computed step by step as PostgreSQL computes it
/// (src/backend/utils/adt/tsrank.c, single-precision where it is), so that results rank in the same order as the SQL
/// search. Queries with phrases, prefixes or weight restrictions — which the query rewriter never writes — are not
/// compiled (<see cref="Compile"/> returns null) and are searched in SQL instead.
/// </summary>
public sealed class TextQuery
{
    /// <summary>ts_rank's default weights of D, C, B and A.</summary>
    private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 1.0f];

    private readonly Node _root;

    private TextQuery(Node root, string[] items, bool rootIsAnd)
    {
        _root = root;
        Items = items;
        RootIsAnd = rootIsAnd;
    }

    /// <summary>The query's lexemes, sorted (byte order) and without repeats, as ts_rank takes them.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>ts_rank weighs how close the words are when the query's top operator is AND, how often they occur otherwise.</summary>
    public bool RootIsAnd { get; }

    public static TextQuery? Compile(NpgsqlTsQuery query)
    {
        var lexemes = new SortedSet<string>(StringComparer.Ordinal);
        if (!Collect(query, lexemes))
        {
            return null;
        }
        var items = lexemes.ToArray();
        var root = Build(query, items);
        return new TextQuery(root, items, query.Kind == NpgsqlTsQuery.NodeKind.And);
    }

    private static bool Collect(NpgsqlTsQuery node, SortedSet<string> lexemes)
    {
        switch (node)
        {
            case NpgsqlTsQueryLexeme lexeme when !lexeme.IsPrefixSearch && lexeme.Weights == NpgsqlTsQueryLexeme.Weight.None:
                lexemes.Add(lexeme.Text);
                return true;
            case NpgsqlTsQueryAnd or NpgsqlTsQueryOr:
                var binary = (NpgsqlTsQueryBinOp)node;
                return Collect(binary.Left, lexemes) && Collect(binary.Right, lexemes);
            case NpgsqlTsQueryNot not:
                return Collect(not.Child, lexemes);
            case NpgsqlTsQueryEmpty:
                return true;
            default:
                return false;
        }
    }

    private static Node Build(NpgsqlTsQuery node, string[] items) => node switch
    {
        NpgsqlTsQueryLexeme lexeme => new Node(NpgsqlTsQuery.NodeKind.Lexeme, Array.BinarySearch(items, lexeme.Text, StringComparer.Ordinal)),
        NpgsqlTsQueryBinOp binary => new Node(binary.Kind, -1, Build(binary.Left, items), Build(binary.Right, items)),
        NpgsqlTsQueryNot not => new Node(NpgsqlTsQuery.NodeKind.Not, -1, Build(not.Child, items)),
        _ => new Node(NpgsqlTsQuery.NodeKind.Empty, -1),
    };

    private sealed record Node(NpgsqlTsQuery.NodeKind Kind, int Item, Node? Left = null, Node? Right = null);

    /// <summary>
    /// Which of <paramref name="count"/> documents match, as a bit set; <paramref name="documentsWith"/> gives, for an
    /// item, the documents containing it (ascending). An empty query matches nothing, as in PostgreSQL.
    /// </summary>
    public ulong[] Matches(int count, Func<int, ReadOnlySpan<int>> documentsWith)
    {
        var words = (count + 63) / 64;
        return Evaluate(_root);

        ulong[] Evaluate(Node node)
        {
            switch (node.Kind)
            {
                case NpgsqlTsQuery.NodeKind.Lexeme:
                    var set = new ulong[words];
                    foreach (var document in documentsWith(node.Item))
                    {
                        set[document >> 6] |= 1UL << (document & 63);
                    }
                    return set;
                case NpgsqlTsQuery.NodeKind.And:
                case NpgsqlTsQuery.NodeKind.Or:
                    var left = Evaluate(node.Left!);
                    var right = Evaluate(node.Right!);
                    for (var i = 0; i < words; i++)
                    {
                        left[i] = node.Kind == NpgsqlTsQuery.NodeKind.And ? left[i] & right[i] : left[i] | right[i];
                    }
                    return left;
                case NpgsqlTsQuery.NodeKind.Not:
                    var child = Evaluate(node.Left!);
                    for (var i = 0; i < words; i++)
                    {
                        child[i] = ~child[i];
                    }
                    if (count % 64 != 0)
                    {
                        child[words - 1] &= (1UL << (count % 64)) - 1;
                    }
                    return child;
                default:
                    return new ulong[words];
            }
        }
    }

    /// <summary>
    /// ts_rank of a document, given for each item its positions in the document (null when absent; each position as
    /// PostgreSQL stores it: weight in the top two bits, position in the lower fourteen).
    /// </summary>
    public float Rank(ReadOnlySpan<ushort[]?> positions, bool documentIsEmpty)
    {
        if (documentIsEmpty || Items.Count == 0)
        {
            return 0f;
        }
        var rank = RootIsAnd ? RankAnd(positions) : RankOr(positions);
        return rank < 0 ? 1e-20f : rank;
    }

    private static float Weight(ushort position) => Weights[position >> 14];

    private static int Position(ushort position) => position & 0x3fff;

    /// <summary>calc_rank_or: each item's occurrences, the heaviest counted fully and the others less and less.</summary>
    private static float RankOr(ReadOnlySpan<ushort[]?> positions)
    {
        var rank = 0f;
        foreach (var occurrences in positions)
        {
            if (occurrences is null)
            {
                continue;
            }
            var sum = 0f;
            var heaviest = -1f;
            var heaviestAt = 0;
            for (var j = 0; j < occurrences.Length; j++)
            {
                sum += Weight(occurrences[j]) / ((j + 1) * (j + 1));
                if (Weight(occurrences[j]) > heaviest)
                {
                    heaviest = Weight(occurrences[j]);
                    heaviestAt = j;
                }
            }
            rank = (float)(rank + (heaviest + sum - heaviest / ((heaviestAt + 1) * (heaviestAt + 1))) / 1.64493406685);
        }
        return positions.Length > 0 ? rank / positions.Length : rank;
    }

    /// <summary>calc_rank_and: every pair of occurrences of two different items, weighed by how near they are.</summary>
    private static float RankAnd(ReadOnlySpan<ushort[]?> positions)
    {
        if (positions.Length < 2)
        {
            return RankOr(positions);
        }
        var rank = -1f;
        for (var i = 0; i < positions.Length; i++)
        {
            if (positions[i] is not { } these)
            {
                continue;
            }
            for (var k = 0; k < i; k++)
            {
                if (positions[k] is not { } those)
                {
                    continue;
                }
                foreach (var at in these)
                {
                    foreach (var other in those)
                    {
                        var distance = Math.Abs(Position(at) - Position(other));
                        if (distance == 0)
                        {
                            continue;
                        }
                        var weight = (float)Math.Sqrt(Weight(at) * Weight(other) * WordDistance(distance));
                        rank = rank < 0 ? weight : (float)(1.0 - (1.0 - rank) * (1.0 - weight));
                    }
                }
            }
        }
        return rank;
    }

    private static float WordDistance(int distance) =>
        distance > 100 ? 1e-30f : (float)(1.0 / (1.005 + 0.05 * Math.Exp((float)distance / 1.5 - 2)));
}
