using System.Numerics;

namespace Linea.ML;

/// <summary>A way of splitting n samples into train/test folds for cross-validation (scikit-learn's CV splitters).</summary>
public interface ICrossValidator
{
    /// <summary>The number of (train, test) pairs <see cref="Split{T}"/> returns.</summary>
    int NSplits { get; }

    /// <summary>The (train, test) index pairs for the samples of X (rows), using y where the splitter needs labels.
    /// Indices are ascending within each array; each sample is in exactly one test fold.</summary>
    /// <exception cref="ArgumentException">Too few samples (or members of a class) for the number of splits.</exception>
    /// <exception cref="ArgumentNullException">The splitter needs y and it is null.</exception>
    IReadOnlyList<(int[] Train, int[] Test)> Split<T>(NDArray<T> x, NDArray<T>? y = null) where T : unmanaged, IFloatingPointIeee754<T>;
}
