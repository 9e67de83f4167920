namespace Linea.Ops.Einsum;

/// <summary>
/// The greedy pairwise contraction order of opt_einsum (and <c>numpy.einsum(..., optimize='greedy')</c>). Each step
/// contracts the pair whose result removes the most memory: cost = size(result) − size(left) − size(right), where a
/// size is the product of the label sizes of a term and the result keeps only the labels still needed (by the output
/// or by another term). Ties go to the pair with fewer flops, then to the earliest pair. Pairs that share a label are
/// preferred; when none do, the pair with the smallest outer product goes first. O(t³) label-set work for t terms.
/// </summary>
internal static class GreedyContractionPath
{
    /// <summary>
    /// The steps in NumPy's path format: each step names two positions in the current list of terms, which are
    /// removed, and the result is appended at the end.
    /// </summary>
    public static List<(int First, int Second)> Find(List<int[]> terms, int[] output, Dictionary<int, long> sizes)
    {
        var current = terms.Select(t => new HashSet<int>(t)).ToList();
        var steps = new List<(int, int)>();
        while (current.Count > 1)
        {
            (int, int) best = (-1, -1);
            (double Cost, double Flops) bestScore = (double.PositiveInfinity, double.PositiveInfinity);
            bool bestShares = false;
            for (int i = 0; i < current.Count; i++)
                for (int j = i + 1; j < current.Count; j++)
                {
                    bool shares = current[i].Overlaps(current[j]);
                    if (bestShares && !shares) continue;
                    var result = PairResult(current, i, j, output);
                    double cost = Size(result, sizes) - Size(current[i], sizes) - Size(current[j], sizes);
                    if (!shares) cost = Size(result, sizes); // outer products: smallest first
                    var union = new HashSet<int>(current[i]);
                    union.UnionWith(current[j]);
                    double flops = PairFlops(union, result, sizes);
                    if ((shares && !bestShares) || cost < bestScore.Cost || (cost == bestScore.Cost && flops < bestScore.Flops))
                    {
                        best = (i, j);
                        bestScore = (cost, flops);
                        bestShares = shares;
                    }
                }
            var merged = PairResult(current, best.Item1, best.Item2, output);
            current.RemoveAt(best.Item2);
            current.RemoveAt(best.Item1);
            current.Add(merged);
            steps.Add(best);
        }
        return steps;
    }

    /// <summary>The labels of terms i and j that the output or another term still needs.</summary>
    public static HashSet<int> PairResult(List<HashSet<int>> terms, int i, int j, int[] output)
    {
        var keep = new HashSet<int>(output);
        for (int k = 0; k < terms.Count; k++)
            if (k != i && k != j) keep.UnionWith(terms[k]);
        var result = new HashSet<int>(terms[i]);
        result.UnionWith(terms[j]);
        result.IntersectWith(keep);
        return result;
    }

    /// <summary>The product of the sizes of <paramref name="labels"/> (as a double: it may exceed a long).</summary>
    public static double Size(IEnumerable<int> labels, Dictionary<int, long> sizes)
    {
        double s = 1;
        foreach (int l in labels) s *= sizes[l];
        return s;
    }

    /// <summary>
    /// NumPy's flop count for one contraction step over <paramref name="union"/> labels: the size of the iteration space
    /// times (terms − 1, at least 1), plus one more when a label is summed (the additions).
    /// </summary>
    public static double PairFlops(HashSet<int> union, HashSet<int> result, Dictionary<int, long> sizes, int terms = 2)
    {
        bool summed = union.Count > result.Count;
        return Size(union, sizes) * (Math.Max(1, terms - 1) + (summed ? 1 : 0));
    }
}
