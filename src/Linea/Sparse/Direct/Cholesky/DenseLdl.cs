using System.Buffers;
using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

/// <summary>
/// Dense LDL^T without pivoting, in place on the lower triangle of a square block: L unit lower triangular (its unit
/// diagonal written as 1), D returned separately. Recursive like the dense Cholesky: factor A11, W = A21 L11^-T (TRSM),
/// L21 = W D1^-1, A22 -= L21 W^T (SYRK-like lower update), factor A22. n^3/3 flops. For quasi-definite blocks
/// (every leading minor nonsingular), so a pivot is zero only when A is singular or not quasi-definite.
/// </summary>
internal static class DenseLdl
{
    private const int Leaf = 32;

    /// <summary>Factors <paramref name="a"/> in place, D into d[0..n). Returns -1, or the 0-based index of the first zero (or non-finite) pivot.</summary>
    public static int Factor<T>(MatrixView<T> a, Span<T> d, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows;
        if (n <= Leaf) return Unblocked(a, d);
        int n1 = Trsm.Split(n), n2 = n - n1;
        var a11 = a.Block(0, 0, n1, n1);
        int info = Factor(a11, d[..n1], parallelism);
        if (info >= 0) return info;
        var a21 = a.Block(n1, 0, n2, n1);
        Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: true, T.One, a11, a21, parallelism);
        var buffer = ArrayPool<T>.Shared.Rent(n2 * n1);
        try
        {
            var w = MatrixView<T>.RowMajor(buffer, n2, n1);
            for (int i = 0; i < n2; i++)
                for (int j = 0; j < n1; j++)
                {
                    T v = a21[i, j];
                    w[i, j] = v;
                    a21[i, j] = v / d[j];
                }
            Syrk.LowerMinus(a21, w, a.Block(n1, n1, n2, n2), parallelism);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
        info = Factor(a.Block(n1, n1, n2, n2), d[n1..], parallelism);
        return info >= 0 ? info + n1 : -1;
    }

    /// <summary>Left-looking column by column: column j of L from columns 0..j-1 scaled by D.</summary>
    private static int Unblocked<T>(MatrixView<T> a, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows;
        Span<T> w = stackalloc T[Leaf];
        for (int j = 0; j < n; j++)
        {
            T dj = a[j, j];
            for (int t = 0; t < j; t++)
            {
                w[t] = a[j, t] * d[t];
                dj -= a[j, t] * w[t];
            }
            if (dj == T.Zero || !T.IsFinite(dj)) return j;
            d[j] = dj;
            a[j, j] = T.One;
            for (int i = j + 1; i < n; i++)
            {
                T v = a[i, j];
                for (int t = 0; t < j; t++) v -= a[i, t] * w[t];
                a[i, j] = v / dj;
            }
        }
        return -1;
    }
}
