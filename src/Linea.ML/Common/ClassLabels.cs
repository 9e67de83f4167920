using System.Numerics;

namespace Linea.ML;

/// <summary>Class labels held as float values in a 1-D tensor (Linea.ML's convention): the sorted distinct classes and
/// each sample's index among them (scikit-learn's <c>np.unique(y, return_inverse=True)</c>).</summary>
internal static class ClassLabels
{
    /// <summary>Checks that <paramref name="y"/> is a finite 1-D tensor and returns its values.</summary>
    /// <exception cref="ShapeMismatchException">y is not 1-D.</exception>
    /// <exception cref="NonFiniteException">y contains NaN or infinity.</exception>
    public static T[] Values<T>(NDArray<T> y, string where, string name = "y") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(y, name);
        if (y.Rank != 1)
            throw new ShapeMismatchException(where, [y.Shape], $"{where}: {name} must be 1-D (samples,) of class labels; got shape {y.Shape}");
        Guard.Finite(y, where, name);
        return y.ToArray();
    }

    /// <summary>The sorted distinct values and each value's index among them.</summary>
    public static (T[] Classes, int[] Index) Encode<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var classes = values.ToArray().Distinct().Order().ToArray();
        var index = new int[values.Length];
        for (int i = 0; i < values.Length; i++) index[i] = Array.BinarySearch(classes, values[i]);
        return (classes, index);
    }
}
