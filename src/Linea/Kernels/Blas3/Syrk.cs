using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Blas3;

/// <summary>
/// Symmetric rank-k update of a lower triangle (BLAS syrk, lower, no transpose): C = C - A A^T, C n x n, A n x k.
/// Only the lower triangle of C (diagonal included) is read and written. Recursive: the off-diagonal block is one
/// GEMM through <see cref="Gemm.Gemm"/>; a diagonal block of order at most <see cref="BaseSize"/> is computed
/// whole by one GEMM into a scratch square (twice its triangle's flops, but at GEMM speed) whose lower triangle is
/// then subtracted from C. Cost n^2 k flops (plus n BaseSize k for the full diagonal squares).
/// </summary>
internal static class Syrk
{
    /// <summary>Order at or below which a diagonal block is formed whole by one GEMM into scratch.</summary>
    public const int BaseSize = 64;

    /// <summary>Below this k the diagonal blocks use dot products (a GEMM call would cost more than its work).</summary>
    private const int DotK = 8;

    /// <summary>With more than one thread, each thread's row band has about at least this many rows.</summary>
    private const int ParallelMinRows = 32;

    /// <summary>Updates of at least this many multiply-adds (n^2 k, twice the triangle's) split into row bands across threads.</summary>
    private const long ParallelWork = 96L * 96 * 96;

    private static int Band(int t, int threads, int n)
        => t >= threads ? n : (int)(n * Math.Sqrt((double)t / threads)) / 16 * 16;

    /// <summary>C = C - A A^T on the lower triangle of C (n x n) for A n x k, any strides, not overlapping C. n^2 k flops.</summary>
    public static void LowerMinus<T>(in MatrixView<T> a, in MatrixView<T> c, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
        => LowerMinus(a, a, c, parallelism);

    /// <summary>
    /// C = C - A B^T on the lower triangle of C only (BLAS gemmt, lower): A and B are n x k. With B = A this is syrk;
    /// with A = [V W], B = [W V] it is the symmetric rank-2k update C - V W^T - W V^T (syr2k) of the blocked
    /// tridiagonal reduction. Same recursion, threading and cost as syrk.
    /// </summary>
    public static unsafe void LowerMinus<T>(in MatrixView<T> a, in MatrixView<T> bm, in MatrixView<T> c, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)c.Rows, k = (int)a.Cols;
        if (n == 0 || k == 0) return;
        if (k < DotK)
        {
            Recurse(a, bm, c, null, parallelism);
            return;
        }
        int b = Math.Min(n, BaseSize);
        int threads = Math.Min(parallelism.Count, n / ParallelMinRows);
        if (threads > 1 && (long)n * n * k >= ParallelWork)
        {
            // Row bands of equal triangle area (boundaries n sqrt(t / threads)), one per thread: band t is a GEMM
            // against the rows above it plus its own diagonal triangle, all single-threaded and independent.
            // The views are pinned for the workers (a lambda cannot capture a ref struct); each rebuilds them.
            fixed (T* pa = &a.Origin, pb = &bm.Origin, pc = &c.Origin)
            {
                var (aAt, bAt, cAt) = (a.At(pa), bm.At(pb), c.At(pc));
                SplitJob.Run(threads, (tid, nt) =>
                {
                    int r0 = Band(tid, nt, n), r1 = Band(tid + 1, nt, n);
                    if (r1 <= r0) return;
                    MatrixView<T> av = aAt.View, bv = bAt.View, cv = cAt.View;
                    var ab = av.Block(r0, 0, r1 - r0, k);
                    var bb = bv.Block(r0, 0, r1 - r0, k);
                    if (r0 > 0) Gemm.Gemm.Multiply(-T.One, ab, bv.Block(0, 0, r0, k).Transposed, T.One, cv.Block(r0, 0, r1 - r0, r0), parallelism);
                    var s = ArrayPool<T>.Shared.Rent(b * b);
                    Recurse(ab, bb, cv.Block(r0, r0, r1 - r0, r1 - r0), s, parallelism);
                    ArrayPool<T>.Shared.Return(s);
                });
            }
            return;
        }
        var scratch = ArrayPool<T>.Shared.Rent(b * b);
        Recurse(a, bm, c, scratch, parallelism);
        ArrayPool<T>.Shared.Return(scratch);
    }

    private static void Recurse<T>(MatrixView<T> a, MatrixView<T> bm, MatrixView<T> c, T[]? scratch, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)c.Rows, k = (int)a.Cols;
        if (n <= BaseSize)
        {
            Diagonal(a, bm, c, scratch, parallelism);
            return;
        }
        int n1 = Trsm.Split(n), n2 = n - n1;
        var a1 = a.Block(0, 0, n1, k);
        var a2 = a.Block(n1, 0, n2, k);
        var b1 = bm.Block(0, 0, n1, k);
        var b2 = bm.Block(n1, 0, n2, k);
        Recurse(a1, b1, c.Block(0, 0, n1, n1), scratch, parallelism);
        Gemm.Gemm.Multiply(-T.One, a2, b1.Transposed, T.One, c.Block(n1, 0, n2, n1), parallelism);
        Recurse(a2, b2, c.Block(n1, n1, n2, n2), scratch, parallelism);
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
