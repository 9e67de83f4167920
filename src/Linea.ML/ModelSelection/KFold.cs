using System.Numerics;

namespace Linea.ML;

/// <summary>
/// K-fold cross-validation (scikit-learn's <c>KFold</c>): the samples, in order or shuffled once by a seeded generator,
/// are cut into k consecutive folds, the first n mod k of them one sample larger; each fold is the test set once.
/// Without shuffling the folds are exactly scikit-learn's. O(n) per split.
/// </summary>
public sealed class KFold : ICrossValidator
{
    /// <summary>Configures the splitter.</summary>
    /// <param name="nSplits">k, at least 2 (default 5).</param>
    /// <param name="shuffle">Shuffle the samples before cutting the folds (default false).</param>
    /// <param name="seed">Seed of the shuffle (&gt;= 0); null draws a fresh one. Only used when shuffling.</param>
    /// <exception cref="ArgumentOutOfRangeException">nSplits &lt; 2 or a negative seed.</exception>
    public KFold(int nSplits = 5, bool shuffle = false, int? seed = null)
    {
        if (nSplits < 2) throw new ArgumentOutOfRangeException(nameof(nSplits), nSplits, "KFold: nSplits must be at least 2");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "KFold: seed must be >= 0 or null");
        NSplits = nSplits;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <inheritdoc />
    public int NSplits { get; }

    /// <summary>Whether the samples are shuffled first.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffle.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    public IReadOnlyList<(int[] Train, int[] Test)> Split<T>(NDArray<T> x, NDArray<T>? y = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return Split(x.Rank == 0 ? 0 : (int)x.Shape[0]);
    }

    /// <summary>The (train, test) pairs for <paramref name="nSamples"/> samples.</summary>
    /// <exception cref="ArgumentException">nSamples &lt; NSplits.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int nSamples)
    {
        if (nSamples < NSplits)
            throw new ArgumentException($"KFold: cannot make {NSplits} folds of {nSamples} samples; use at most {nSamples} splits", nameof(nSamples));
        int[] order = Shuffle ? Guard.Rng(Seed, "KFold").Permutation(nSamples) : Enumerable.Range(0, nSamples).ToArray();
        var folds = new List<(int[], int[])>(NSplits);
        int start = 0;
        for (int f = 0; f < NSplits; f++)
        {
            int size = nSamples / NSplits + (f < nSamples % NSplits ? 1 : 0);
            var inTest = new bool[nSamples];
            for (int i = start; i < start + size; i++) inTest[order[i]] = true;
            folds.Add(Folds.FromMask(inTest));
            start += size;
        }
        return folds;
    }
}
