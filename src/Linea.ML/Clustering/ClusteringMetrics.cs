using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>Scores that compare two clusterings of the same samples, invariant to how the clusters are numbered.</summary>
public static class ClusteringMetrics
{
    /// <summary>
    /// The adjusted Rand index (Hubert and Arabie, 1985), scikit-learn's <c>adjusted_rand_score</c>: the Rand index
    /// (fraction of sample pairs on which the two clusterings agree) corrected for chance, from the contingency table
    /// n_ij: ARI = (Σ C(n_ij, 2) - E) / ((Σ C(a_i, 2) + Σ C(b_j, 2)) / 2 - E) with E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2),
    /// where a and b are the cluster sizes. 1 for identical partitions (under any renumbering), about 0 for
    /// independent ones, negative for less agreement than chance. When the denominator is 0 (both clusterings put
    /// every sample alone, or both put all samples together) the partitions are identical and the result is 1.
    /// Labels may be any integers. Cost O(n) (hash maps over the labels).
    /// </summary>
    /// <exception cref="ArgumentException">The label arrays have different lengths.</exception>
    public static double AdjustedRandIndex(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred)
    {
        if (labelsTrue.Length != labelsPred.Length)
            throw new ArgumentException($"adjusted_rand_index: {labelsTrue.Length} true labels but {labelsPred.Length} predicted ones; they must label the same samples");
        int n = labelsTrue.Length;
        if (n <= 1) return 1.0;
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (int i = 0; i < n; i++)
        {
            var key = (labelsTrue[i], labelsPred[i]);
            cells[key] = cells.GetValueOrDefault(key) + 1;
            rows[labelsTrue[i]] = rows.GetValueOrDefault(labelsTrue[i]) + 1;
            cols[labelsPred[i]] = cols.GetValueOrDefault(labelsPred[i]) + 1;
        }
        static double Pairs(long m) => m * (m - 1) / 2.0;
        double index = cells.Values.Sum(Pairs);
        double a = rows.Values.Sum(Pairs), b = cols.Values.Sum(Pairs);
        double expected = a * b / Pairs(n);
        double max = (a + b) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /// <summary>The adjusted Rand index of two integer label tensors (n,), e.g. true classes and
    /// <c>KMeans.Labels</c>; see <see cref="AdjustedRandIndex(ReadOnlySpan{int}, ReadOnlySpan{int})"/>. O(n).</summary>
    /// <exception cref="ShapeMismatchException">A label tensor is not 1-D.</exception>
    /// <exception cref="ArgumentException">The labels have different lengths, or a label does not fit in an int.</exception>
    public static double AdjustedRandIndex<TTrue, TPred>(NDArray<TTrue> labelsTrue, NDArray<TPred> labelsPred)
        where TTrue : unmanaged, IBinaryInteger<TTrue>
        where TPred : unmanaged, IBinaryInteger<TPred> =>
        AdjustedRandIndex(Ints(labelsTrue, nameof(labelsTrue)), Ints(labelsPred, nameof(labelsPred)));

    private static int[] Ints<T>(NDArray<T> labels, string name) where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Rank != 1)
            throw new ShapeMismatchException("adjusted_rand_index", [labels.Shape], $"adjusted_rand_index: {name} must be 1-D (samples,); got shape {labels.Shape}");
        var values = labels.ToArray();
        var ints = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            long wide = long.CreateSaturating(values[i]);
            ints[i] = wide is >= int.MinValue and <= int.MaxValue ? (int)wide
                : throw new ArgumentException($"adjusted_rand_index: label {values[i]} at index {i} of {name} does not fit in an int", name);
        }
        return ints;
    }
}
