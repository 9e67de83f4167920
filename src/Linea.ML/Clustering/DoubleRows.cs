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

    /// <summary>
    /// The elements of <paramref name="x"/> in C order as doubles without a new array: x's own storage when T is double
    /// and x is contiguous, else converted into <paramref name="buffer"/> (grown when too small, so a loop over blocks
    /// of one size allocates it once). A strided block is made contiguous first. The caller keeps x alive while it
    /// reads the span.
    /// </summary>
    public static ReadOnlySpan<double> Read<T>(NDArray<T> x, ref double[] buffer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = x.Contiguous();
        var src = xs.AsReadOnlySpan();
        if (typeof(T) == typeof(double)) return System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(src);
        if (buffer.Length < src.Length) buffer = new double[src.Length];
        FloatConvert.ToDouble(src, buffer.AsSpan(0, src.Length));
        return buffer.AsSpan(0, src.Length);
    }

    /// <summary>A new tensor of <paramref name="shape"/> holding <paramref name="values"/> rounded to T.</summary>
    public static NDArray<T> To<T>(double[] values, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = NDArray.Zeros<T>(shape);
        FloatConvert.FromDouble(values.AsSpan(0, (int)t.Size), t.AsSpan());
        return t;
    }
}
