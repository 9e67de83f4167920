using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Reads the compact Householder form that geqrf and geqp3 leave behind (R on and above the diagonal, the reflectors'
/// tails below it, column-major with leading dimension ld; tau the reflectors' scalars): Q formed explicitly, and R.
/// Shared by <see cref="QrDecomposition{T}"/> and <see cref="ColPivQrDecomposition{T}"/>.
/// </summary>
internal static class CompactQr
{
    /// <summary>Q, m x k (reduced) or m x m (complete), formed blockwise by orgqr. O(m n k).</summary>
    public static NDArray<T> FormQ<T>(T[] qr, T[] tau, int ld, int m, int k, QrMode mode, QrParams parameters, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = mode == QrMode.Complete ? m : k;
        var q = new T[ld * cols];
        for (int j = 0; j < Math.Min(k, cols); j++) Array.Copy(qr, j * ld, q, j * ld, m);
        Orgqr.Blocked(MatrixView<T>.ColumnMajor(q, 0, m, cols, ld), k, tau, parameters, parallelism);
        return ColMajor.ToTensor(q, 0, ld, m, cols);
    }

    /// <summary>R, k x n (reduced) or m x n with zero rows below (complete).</summary>
    public static NDArray<T> ExtractR<T>(T[] qr, int ld, int m, int n, int k, QrMode mode)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = mode == QrMode.Complete ? m : k;
        var r = new T[rows * n];
        for (int i = 0; i < Math.Min(rows, k); i++)
            for (int j = i; j < n; j++) r[i * n + j] = qr[i + j * ld];
        return NDArray.Wrap(r, rows, n);
    }
}
