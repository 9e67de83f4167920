using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// GEMM on column-major views for the eigensolver: C = alpha A B + beta C with C column-major, computed as
/// C^T = B^T A^T so that <see cref="Gemm"/> writes contiguous rows (its fast path); the block copy that writes a
/// product made in scratch back into the matrix; and the two together for the QR iteration's updates in place.
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

    /// <summary>
    /// c := a b for column-contiguous c that may share storage with a or b, through <paramref name="scratch"/> (at least
    /// c's size), on the caller's threads. O(m n k).
    /// </summary>
    public static void Overwrite<T>(in MatrixView<T> a, in MatrixView<T> b, in MatrixView<T> c, T[] scratch, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tv = MatrixView<T>.ColumnMajor(scratch, 0, c.Rows, c.Cols, Math.Max(c.Rows, 1));
        Multiply(T.One, a, b, T.Zero, tv, parallelism);
        CopyInto(tv, c);
    }

    /// <summary>
    /// <see cref="Overwrite{T}(in MatrixView{T}, in MatrixView{T}, in MatrixView{T}, T[], Parallelism)"/>, or with the
    /// multishift QR iteration's <paramref name="worker"/> computing half of c's columns (<paramref name="byColumns"/>,
    /// when c shares storage with b) or rows (when it shares it with a).
    /// </summary>
    public static void Overwrite<T>(in MatrixView<T> a, in MatrixView<T> b, in MatrixView<T> c, T[] scratch, bool byColumns,
        Parallelism parallelism, QrIterationWorker<T>? worker) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (worker is not null) worker.Product(a, b, c, byColumns, scratch);
        else Overwrite(a, b, c, scratch, parallelism);
    }

    /// <summary>dst := src for two column-contiguous views of the same shape, column by column. O(rows cols).</summary>
    public static void CopyInto<T>(in MatrixView<T> src, in MatrixView<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = checked((int)src.Rows);
        for (long j = 0; j < src.Cols; j++) src.Column(j, 0, rows).CopyTo(dst.Column(j, 0, rows));
    }
}
