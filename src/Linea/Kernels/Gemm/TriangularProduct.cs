using System.Diagnostics;
using System.Numerics;

namespace Linea.Kernels.Gemm;

/// <summary>
/// C = alpha * A @ B + beta * C on the lower triangle of the square C only (BLAS gemmt, lower; with B = A^T the
/// symmetric rank-k update syrk, with A = [V W], B = [W V]^T the rank-2k update syr2k of the tridiagonal reduction).
/// It is the packed five-loop GEMM (<see cref="GemmDriver"/>) restricted to the register tiles that meet the triangle,
/// with the tiles the diagonal crosses formed in a scratch tile and merged element by element, so the upper
/// triangle of C is neither read nor written and the triangle's n (n + 1) / 2 elements cost about n^2 k / 2
/// multiply-adds at GEMM speed (plus n NR k for the diagonal's tiles). Threads split the rows (or columns) at equal
/// triangle area. A column-major C runs as its transpose, C^T = B^T A^T on the upper triangle, so that the
/// microkernel stores whole vectors along C's columns.
/// </summary>
internal static unsafe class TriangularProduct
{
    /// <summary>
    /// Lower triangle (diagonal included) of C = alpha * A @ B + beta * C: A n x k, B k x n, C n x n, any strides, C
    /// not overlapping A or B. Elements above the diagonal of C are untouched; beta = 0 never reads C. The microkernel,
    /// the blocking and the threading threshold of <paramref name="prm"/> apply (tests force each); its other switches
    /// do not.
    /// </summary>
    public static void Lower<T>(T alpha, in MatrixView<T> a, in MatrixView<T> b, T beta, in MatrixView<T> c, Parallelism parallelism, GemmParams? prm = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        prm ??= GemmParams.Auto;
        Debug.Assert(c.Rows == c.Cols && a.Rows == c.Rows && b.Cols == c.Cols && a.Cols == b.Rows);
        int n = checked((int)c.Rows), k = checked((int)a.Cols);
        if (n == 0) return;
        fixed (T* pa = &a.Origin, pb = &b.Origin, pc = &c.Origin)
        {
            nint crs = (nint)c.RowStride, ccs = (nint)c.ColStride;
            if (k == 0 || alpha == T.Zero)
            {
                ScaleLower(n, beta, pc, crs, ccs);
                return;
            }
            T* A = pa, B = pb;
            nint ars = (nint)a.RowStride, acs = (nint)a.ColStride, brs = (nint)b.RowStride, bcs = (nint)b.ColStride;
            var part = TrianglePart.Lower;
            if (Math.Abs(crs) < Math.Abs(ccs))
            {
                // The lower triangle of a column-major C is the upper triangle of the row-major C^T = B^T A^T.
                T* t = A; A = B; B = t;
                (ars, acs, brs, bcs) = (bcs, brs, acs, ars);
                (crs, ccs) = (ccs, crs);
                part = TrianglePart.Upper;
            }
            long threshold = prm.ParallelThreshold >= 0 ? prm.ParallelThreshold : Gemm.DefaultParallelThreshold;
            int threads = (long)n * n * k / 2 < threshold ? 1 : parallelism.Count;
            Gemm.Packed(n, n, k, alpha, A, ars, acs, B, brs, bcs, beta, pc, crs, ccs, threads, prm, part);
        }
    }

    /// <summary>C = beta * C on the lower triangle; beta = 0 writes zeros without reading.</summary>
    private static void ScaleLower<T>(int n, T beta, T* c, nint rs, nint cs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                ref T d = ref c[i * rs + j * cs];
                d = beta == T.Zero ? T.Zero : beta * d;
            }
    }
}
