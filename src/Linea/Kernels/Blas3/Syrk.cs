using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Kernels.Blas3;

/// <summary>
/// Symmetric rank-k update of a lower triangle (BLAS syrk, lower, no transpose): C = C - A A^T, C n x n, A n x k.
/// Only the lower triangle of C (diagonal included) is read and written. Orders above <see cref="BaseSize"/> run the
/// packed GEMM on the triangle's register tiles (<see cref="Gemm.TriangularProduct"/>, gemmt); a smaller C is computed
/// whole by one GEMM into a scratch square (twice its triangle's flops, but at GEMM speed) whose lower triangle is
/// then subtracted from C, or by dot products when k is tiny. Cost n^2 k flops.
/// </summary>
internal static class Syrk
{
    /// <summary>Order at or below which C is formed whole by one GEMM into scratch.</summary>
    public const int BaseSize = 64;

    /// <summary>Below this k a small C uses dot products (a GEMM call would cost more than its work).</summary>
    private const int DotK = 8;

    /// <summary>C = C - A A^T on the lower triangle of C (n x n) for A n x k, any strides, not overlapping C. n^2 k flops.</summary>
    public static void LowerMinus<T>(in MatrixView<T> a, in MatrixView<T> c, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
        => LowerMinus(a, a, c, parallelism);

    /// <summary>
    /// C = C - A B^T on the lower triangle of C only (BLAS gemmt, lower): A and B are n x k. With B = A this is syrk;
    /// with A = [V W], B = [W V] it is the symmetric rank-2k update C - V W^T - W V^T (syr2k) of the blocked
    /// tridiagonal reduction. Same cost and threading as syrk.
    /// </summary>
    public static void LowerMinus<T>(in MatrixView<T> a, in MatrixView<T> bm, in MatrixView<T> c, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)c.Rows, k = (int)a.Cols;
        if (n == 0 || k == 0) return;
        if (n > BaseSize)
        {
            Gemm.TriangularProduct.Lower(-T.One, a, bm.Transposed, T.One, c, parallelism);
            return;
        }
        if (k < DotK)
        {
            Diagonal(a, bm, c, null, parallelism);
            return;
        }
        var scratch = ArrayPool<T>.Shared.Rent(n * n);
        Diagonal(a, bm, c, scratch, parallelism);
        ArrayPool<T>.Shared.Return(scratch);
    }

    private static void Diagonal<T>(MatrixView<T> a, MatrixView<T> bm, MatrixView<T> c, T[]? scratch, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)c.Rows, k = (int)a.Cols;
        if (scratch == null || n < 4)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++)
                    c[i, j] -= Dot(a, bm, i, j, k);
            return;
        }
        var s = MatrixView<T>.RowMajor(scratch, n, n);
        Gemm.Gemm.Multiply(T.One, a, bm.Transposed, T.Zero, s, parallelism);
        for (int i = 0; i < n; i++)
        {
            var si = scratch.AsSpan(i * n, i + 1);
            if (c.RowContiguous) { var ci = c.Row(i, 0, i + 1); TensorPrimitives.Subtract(ci, si, ci); }
            else for (int j = 0; j <= i; j++) c[i, j] -= si[j];
        }
    }

    private static T Dot<T>(MatrixView<T> a, MatrixView<T> bm, int i, int j, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.RowContiguous && bm.RowContiguous) return TensorPrimitives.Dot<T>(a.Row(i, 0, k), bm.Row(j, 0, k));
        T s = T.Zero;
        for (int p = 0; p < k; p++) s += a[i, p] * bm[j, p];
        return s;
    }
}
