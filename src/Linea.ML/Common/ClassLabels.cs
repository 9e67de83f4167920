using System.Numerics;

namespace Linea.ML;

/// <summary>Class labels held in a 1-D tensor of integers or floats: the sorted distinct classes and
/// each sample's index among them (scikit-learn's <c>np.unique(y, return_inverse=True)</c>).</summary>
internal static class ClassLabels
{
    /// <summary>Checks that <paramref name="y"/> is a finite 1-D tensor and returns its values.</summary>
    /// <exception cref="ShapeMismatchException">y is not 1-D.</exception>
    /// <exception cref="NonFiniteException">y contains NaN or infinity.</exception>
    public static T[] Values<T>(NDArray<T> y, string where, string name = "y") where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(y, name);
        if (y.Rank != 1)
            throw new ShapeMismatchException(where, [y.Shape], $"{where}: {name} must be 1-D (samples,) of class labels; got shape {y.Shape}");
        var values = y.ToArray();
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i]))
                throw new NonFiniteException($"{where}: {name} contains {(T.IsNaN(values[i]) ? "NaN" : "infinity")} at flat index {i}; remove or impute it before fitting");
        return values;
    }

    /// <summary>The sorted distinct values and each value's index among them.</summary>
    public static (T[] Classes, int[] Index) Encode<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        var classes = values.ToArray().Distinct().Order().ToArray();
        var index = new int[values.Length];
        for (int i = 0; i < values.Length; i++) index[i] = Array.BinarySearch(classes, values[i]);
        return (classes, index);
    }
}
