namespace EventPlatform.Matching;

/// <summary>An undirected edge between vertices <paramref name="U"/> and <paramref name="V"/> (0-based, distinct).</summary>
/// <remarks>Integer weights keep the dual arithmetic exact; scale fractional scores (e.g. by 1,000) before matching.</remarks>
public readonly record struct WeightedEdge(int U, int V, long Weight);
