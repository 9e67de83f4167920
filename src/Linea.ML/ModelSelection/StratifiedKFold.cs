using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Stratified k-fold cross-validation (scikit-learn's <c>StratifiedKFold</c>, its algorithm since 0.22): each class's
/// samples are dealt to the folds so that every fold holds about the same share of every class. With classes numbered in
/// order of first appearance and the sorted class sequence dealt round-robin, fold f receives
/// count_c(f) = #{i : i mod k = f and sorted_y[i] = c} samples of class c, the class's samples taken in their order (or
/// shuffled per class with the seed). Without shuffling the folds are exactly scikit-learn's. O(n k) per call.
/// </summary>
public sealed class StratifiedKFold : ICrossValidator
{
    /// <summary>Configures the splitter.</summary>
    /// <param name="nSplits">k, at least 2 (default 5).</param>
    /// <param name="shuffle">Shuffle each class's samples before dealing them (default false).</param>
    /// <param name="seed">Seed of the shuffle (&gt;= 0); null draws a fresh one.</param>
    /// <exception cref="ArgumentOutOfRangeException">nSplits &lt; 2 or a negative seed.</exception>
    public StratifiedKFold(int nSplits = 5, bool shuffle = false, int? seed = null)
    {
        if (nSplits < 2) throw new ArgumentOutOfRangeException(nameof(nSplits), nSplits, "StratifiedKFold: nSplits must be at least 2");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "StratifiedKFold: seed must be >= 0 or null");
        NSplits = nSplits;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <inheritdoc />
    public int NSplits { get; }

    /// <summary>Whether each class's samples are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffle.</summary>
    public int? Seed { get; }

    /// <summary>The stratified (train, test) pairs for labels y (n,); X only needs as many rows.</summary>
    /// <exception cref="ArgumentNullException">y is null.</exception>
    /// <exception cref="ShapeMismatchException">y is not 1-D or X and y differ in samples.</exception>
    /// <exception cref="ArgumentException">Every class has fewer members than NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split<T>(NDArray<T> x, NDArray<T>? y = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y is null) throw new ArgumentNullException(nameof(y), "StratifiedKFold.Split: class labels y are required");
        if (x.Rank == 0 || x.Shape[0] != (y.Rank == 0 ? -1 : y.Shape[0]))
            throw new ShapeMismatchException("StratifiedKFold.Split", [x.Shape, y.Shape], $"StratifiedKFold.Split: X of shape {x.Shape} and y of shape {y.Shape} differ in samples");
        return Split(y);
    }

    /// <summary>The stratified (train, test) pairs for labels y (n,).</summary>
    /// <exception cref="ShapeMismatchException">y is not 1-D.</exception>
    /// <exception cref="NonFiniteException">y contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Every class has fewer members than NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split<T>(NDArray<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        SplitLabels(y);

    /// <summary>The stratified (train, test) pairs for integer class labels y (samples,).</summary>
    /// <exception cref="ArgumentNullException">y is null.</exception>
    /// <exception cref="ShapeMismatchException">y is not 1-D.</exception>
    /// <exception cref="ArgumentException">Every class has fewer members than NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(NDArray<long> y) => SplitLabels(y);

    /// <summary>The stratified (train, test) pairs for int class labels y (samples,); see <see cref="Split(NDArray{long})"/>.</summary>
    /// <exception cref="ArgumentNullException">y is null.</exception>
    /// <exception cref="ShapeMismatchException">y is not 1-D.</exception>
    /// <exception cref="ArgumentException">Every class has fewer members than NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(NDArray<int> y) => SplitLabels(y);

    /// <summary>The stratified (train, test) pairs for the rows of X and integer class labels y (samples,).</summary>
    /// <exception cref="ArgumentNullException">x or y is null.</exception>
    /// <exception cref="ShapeMismatchException">y is not 1-D or X and y differ in samples.</exception>
    /// <exception cref="ArgumentException">Every class has fewer members than NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split<T>(NDArray<T> x, NDArray<long> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || x.Shape[0] != (y.Rank == 0 ? -1 : y.Shape[0]))
            throw new ShapeMismatchException("StratifiedKFold.Split", [x.Shape, y.Shape], $"StratifiedKFold.Split: X of shape {x.Shape} and y of shape {y.Shape} differ in samples");
        return SplitLabels(y);
    }

    private IReadOnlyList<(int[] Train, int[] Test)> SplitLabels<TLabel>(NDArray<TLabel> y) where TLabel : unmanaged, INumber<TLabel>
    {
        var values = ClassLabels.Values(y, "StratifiedKFold.Split");
        var (encoded, classes) = Folds.ByFirstAppearance(values);
        int n = values.Length, k = NSplits;
        var counts = new int[classes];
        foreach (int c in encoded) counts[c]++;
        if (counts.All(c => c < k))
            throw new ArgumentException(
                $"StratifiedKFold: nSplits = {k} is greater than the number of members in each class (largest class: {counts.Max()}); use fewer splits", nameof(y));
        var sorted = (int[])encoded.Clone();
        Array.Sort(sorted);
        var allocation = new int[k, classes];
        for (int i = 0; i < n; i++) allocation[i % k, sorted[i]]++;
        var rng = Shuffle ? Guard.Rng(Seed, "StratifiedKFold") : null;
        var testFold = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var foldsForClass = new int[counts[c]];
            int at = 0;
            for (int f = 0; f < k; f++)
                for (int r = 0; r < allocation[f, c]; r++) foldsForClass[at++] = f;
            if (rng is not null) Folds.ShuffleInPlace(foldsForClass, rng);
            at = 0;
            for (int i = 0; i < n; i++) if (encoded[i] == c) testFold[i] = foldsForClass[at++];
        }
        var result = new List<(int[], int[])>(k);
        for (int f = 0; f < k; f++) result.Add(Folds.FromMask(Array.ConvertAll(testFold, t => t == f)));
        return result;
    }
}
