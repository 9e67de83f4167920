using System.Numerics;
using Linea.Numerics;

namespace Linea.ML.Clustering;

/// <summary>Conversions between tensors of float or double and row-major double arrays, for the clustering loops.</summary>
internal static class DoubleRows
{
    /// <summary>The elements of <paramref name="x"/> in C order, as doubles.</summary>
    public static double[] From<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        return FloatConvert.ToDoubleArray(x.Contiguous().AsReadOnlySpan());
    }

    /// <summary>A new tensor of <paramref name="shape"/> holding <paramref name="values"/> rounded to T.</summary>
    public static NDArray<T> To<T>(double[] values, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = NDArray.Zeros<T>(shape);
        FloatConvert.FromDouble(values.AsSpan(0, (int)t.Size), t.AsSpan());
        return t;
    }
}
