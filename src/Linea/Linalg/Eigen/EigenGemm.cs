using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// GEMM on column-major views for the eigensolver: C = alpha A B + beta C with C column-major, computed as
/// C^T = B^T A^T so that <see cref="Gemm"/> writes contiguous rows (its fast path); plus the block copy that writes
/// a product made in scratch back into the matrix.
/// </summary>
internal static class EigenGemm
{
    /// <summary>C (m x n) = alpha A B + beta C for A m x k and B k x n views (transpose them with <c>.Transposed</c>). O(m n k).</summary>
    public static void Multiply<T>(T alpha, in MatrixView<T> a, in MatrixView<T> b, T beta, in MatrixView<T> c, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Rows <= 0 || c.Cols <= 0) return;
        Gemm.Multiply(alpha, b.Transposed, a.Transposed, beta, c.Transposed, parallelism);
    }

    /// <summary>dst := src for two column-contiguous views of the same shape, column by column. O(rows cols).</summary>
    public static void CopyInto<T>(in MatrixView<T> src, in MatrixView<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = checked((int)src.Rows);
        for (long j = 0; j < src.Cols; j++) src.Column(j, 0, rows).CopyTo(dst.Column(j, 0, rows));
    }
}
