using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>Conversions between tensors of float or double and row-major double arrays, for the clustering loops.</summary>
internal static class DoubleRows
{
    /// <summary>The elements of <paramref name="x"/> in C order, as doubles.</summary>
    public static double[] From<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = x.Contiguous().AsReadOnlySpan();
        var r = new double[s.Length];
        for (int i = 0; i < r.Length; i++) r[i] = double.CreateTruncating(s[i]);
        return r;
    }

    /// <summary>A new tensor of <paramref name="shape"/> holding <paramref name="values"/> rounded to T.</summary>
    public static Tensor<T> To<T>(double[] values, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Tensor.Zeros<T>(shape);
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = T.CreateTruncating(values[i]);
        return t;
    }
}
