using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea.Kernels;

/// <summary>
/// A rows x cols window on an array with explicit row and column strides (in elements, possibly negative), the
/// shape in which the blocked and recursive algorithms pass matrices around. A value type: sub-blocks and
/// transposes are free and allocate nothing. Bounds are the caller's responsibility (checked with Debug.Assert only).
/// </summary>
internal readonly struct StridedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T[] Data;
    public readonly int Offset;
    public readonly int Rows;
    public readonly int Cols;
    public readonly int Rs;
    public readonly int Cs;

    public StridedMatrix(T[] data, int offset, int rows, int cols, int rowStride, int colStride)
    {
        Data = data; Offset = offset; Rows = rows; Cols = cols; Rs = rowStride; Cs = colStride;
    }

    /// <summary>A matrix view of a contiguous row-major rows x cols array.</summary>
    public static StridedMatrix<T> RowMajor(T[] data, int rows, int cols) => new(data, 0, rows, cols, cols, 1);

    public ref T this[int i, int j]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Data[Offset + i * Rs + j * Cs];
    }

    /// <summary>The r x c block whose top-left element is (i, j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public StridedMatrix<T> Block(int i, int j, int r, int c) =>
        new(Data, r == 0 || c == 0 ? Offset : Offset + i * Rs + j * Cs, r, c, Rs, Cs);

    /// <summary>The transpose, as a view.</summary>
    public StridedMatrix<T> Transposed => new(Data, Offset, Cols, Rows, Cs, Rs);

    /// <summary>Whether each row is a contiguous run (so the Row spans work).</summary>
    public bool RowContiguous => Cs == 1 || Cols <= 1;

    /// <summary>Row i as a span; only when <see cref="RowContiguous"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int i) => Cols == 0 ? Span<T>.Empty : Data.AsSpan(Offset + i * Rs, Cols);

    /// <summary>Elements [j0, j0 + len) of row i as a span; only when <see cref="RowContiguous"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int i, int j0, int len) => len == 0 ? Span<T>.Empty : Data.AsSpan(Offset + i * Rs + j0 * Cs, len);

    /// <summary>Swaps rows i and p.</summary>
    public void SwapRows(int i, int p)
    {
        if (i == p) return;
        if (RowContiguous)
        {
            var ri = Row(i); var rp = Row(p);
            for (int j = 0; j < ri.Length; j++) (ri[j], rp[j]) = (rp[j], ri[j]);
        }
        else
        {
            for (int j = 0; j < Cols; j++) (this[i, j], this[p, j]) = (this[p, j], this[i, j]);
        }
    }
}

/// <summary>GEMM on <see cref="StridedMatrix{T}"/>: every level-3 update of the factorizations goes through <c>Gemm.Multiply</c>, so a faster GEMM speeds them all up.</summary>
internal static class MatrixOps
{
    /// <summary>C = alpha * A @ B + beta * C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gemm<T>(T alpha, in StridedMatrix<T> a, in StridedMatrix<T> b, T beta, in StridedMatrix<T> c, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        System.Diagnostics.Debug.Assert(a.Rows == c.Rows && b.Cols == c.Cols && a.Cols == b.Rows);
        if (c.Rows == 0 || c.Cols == 0) return;
        Linea.Kernels.Gemm.Gemm.Multiply(c.Rows, c.Cols, a.Cols, alpha,
            a.Data, a.Offset, a.Rs, a.Cs, b.Data, b.Offset, b.Rs, b.Cs, beta, c.Data, c.Offset, c.Rs, c.Cs, parallelism);
    }
}
