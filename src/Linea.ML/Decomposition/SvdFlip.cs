using System.Numerics;

namespace Linea.ML;

/// <summary>scikit-learn's <c>svd_flip</c>: makes the signs of the singular pairs of a thin SVD deterministic.</summary>
internal static class SvdFlip
{
    /// <summary>Flips columns of <paramref name="u"/> (m x k) and rows of <paramref name="vt"/> (k x n) in pairs, as
    /// <paramref name="convention"/> says. Returns new tensors. O((m + n) k).</summary>
    public static (NDArray<T> U, NDArray<T> Vt) Apply<T>(NDArray<T> u, NDArray<T> vt, SignConvention convention)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)u.Shape[0], k = (int)u.Shape[1], n = (int)vt.Shape[1];
        var ua = u.Contiguous().ToArray();
        var va = vt.Contiguous().ToArray();
        InPlace(ua, va, m, k, n, convention);
        return (NDArray.Wrap(ua, m, k), NDArray.Wrap(va, k, n));
    }

    /// <summary>As <see cref="Apply"/>, on row-major arrays that it overwrites: U (m x k) and Vt (k x n). Nothing allocated.</summary>
    public static void InPlace<T>(T[] ua, T[] va, int m, int k, int n, SignConvention convention)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < k; j++)
        {
            T pivot;
            if (convention == SignConvention.ComponentBased)
                pivot = va[j * n + ArgMaxAbs(va, j * n, 1, n)];
            else
                pivot = ua[ArgMaxAbs(ua, j, k, m) * k + j];
            if (pivot >= T.Zero) continue;
            for (int i = 0; i < m; i++) ua[i * k + j] = -ua[i * k + j];
            for (int i = 0; i < n; i++) va[j * n + i] = -va[j * n + i];
        }
    }

    /// <summary>Index (0..count-1) of the first entry of largest magnitude among a[start + i * stride].</summary>
    private static int ArgMaxAbs<T>(T[] a, int start, int stride, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        T max = T.NegativeOne;
        for (int i = 0; i < count; i++)
        {
            T v = T.Abs(a[start + i * stride]);
            if (v > max) { max = v; best = i; }
        }
        return best;
    }
}
