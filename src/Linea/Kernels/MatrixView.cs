using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Kernels;

/// <summary>
/// A rows x cols window on memory of any kind (a managed array, native memory, a mapped file): a reference to
/// element (0, 0) plus 64-bit row and column strides in elements, possibly zero or negative. A ref struct, so
/// sub-blocks and transposes are free, allocate nothing and cannot outlive the storage they point into; bounds
/// are the caller's responsibility (Debug.Assert only). Kernels take this view.
/// </summary>
internal readonly ref struct MatrixView<T> where T : unmanaged
{
    public readonly ref T Origin;
    public readonly long Rows;
    public readonly long Cols;
    public readonly long RowStride;
    public readonly long ColStride;

    public MatrixView(ref T origin, long rows, long cols, long rowStride, long colStride)
    {
        Origin = ref origin;
        Rows = rows; Cols = cols; RowStride = rowStride; ColStride = colStride;
    }

    /// <summary>Element (i, j).</summary>
    public ref T this[long i, long j]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref Origin, (nint)(i * RowStride + j * ColStride));
    }

    /// <summary>The r x c block whose top-left element is (i, j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MatrixView<T> Block(long i, long j, long r, long c) =>
        r == 0 || c == 0 ? new(ref Origin, r, c, RowStride, ColStride) : new(ref this[i, j], r, c, RowStride, ColStride);

    /// <summary>The transpose, as a view.</summary>
    public MatrixView<T> Transposed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(ref Origin, Cols, Rows, ColStride, RowStride);
    }

    /// <summary>Whether each row is a contiguous run (so <see cref="Row(long)"/> works).</summary>
    public bool RowContiguous => ColStride == 1 || Cols <= 1;

    /// <summary>Whether each column is a contiguous run (so <see cref="Column(long)"/> works).</summary>
    public bool ColumnContiguous => RowStride == 1 || Rows <= 1;

    /// <summary>Row i as a span; only when <see cref="RowContiguous"/> and Cols fits an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(long i) => Cols == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref this[i, 0], checked((int)Cols));

    /// <summary>Elements [j0, j0 + len) of row i as a span; only when <see cref="RowContiguous"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(long i, long j0, int len) => len == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref this[i, j0], len);

    /// <summary>Column j as a span; only when <see cref="ColumnContiguous"/> and Rows fits an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Column(long j) => Rows == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref this[0, j], checked((int)Rows));

    /// <summary>Elements [i0, i0 + len) of column j as a span; only when <see cref="ColumnContiguous"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Column(long j, long i0, int len) => len == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref this[i0, j], len);

    /// <summary>Swaps rows i and p (contiguous rows as spans, else one stride step per element). O(Cols).</summary>
    public void SwapRows(long i, long p)
    {
        if (i == p || Cols == 0) return;
        ref T ri = ref this[i, 0];
        ref T rp = ref this[p, 0];
        if (RowContiguous && Cols <= int.MaxValue)
        {
            var a = MemoryMarshal.CreateSpan(ref ri, (int)Cols);
            var b = MemoryMarshal.CreateSpan(ref rp, (int)Cols);
            for (int j = 0; j < a.Length; j++) (a[j], b[j]) = (b[j], a[j]);
            return;
        }
        nint cs = (nint)ColStride;
        nint off = 0;
        for (long j = 0; j < Cols; j++, off += cs)
            (Unsafe.Add(ref ri, off), Unsafe.Add(ref rp, off)) = (Unsafe.Add(ref rp, off), Unsafe.Add(ref ri, off));
    }

    /// <summary>Swaps columns j and q.</summary>
    public void SwapColumns(long j, long q)
    {
        if (j == q) return;
        for (long i = 0; i < Rows; i++) (this[i, j], this[i, q]) = (this[i, q], this[i, j]);
    }

    /// <summary>A view on a managed array: element (0, 0) at <paramref name="offset"/> (may equal the length for an empty view).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MatrixView<T> Of(T[] data, long offset, long rows, long cols, long rowStride, long colStride)
    {
        System.Diagnostics.Debug.Assert(offset >= 0 && offset <= data.Length);
        return new(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)offset), rows, cols, rowStride, colStride);
    }

    /// <summary>A contiguous row-major rows x cols view of an array, starting at element 0.</summary>
    public static MatrixView<T> RowMajor(T[] data, long rows, long cols) => Of(data, 0, rows, cols, cols, 1);

    /// <summary>A column-major (LAPACK) view: rows x cols at <paramref name="offset"/> with leading dimension <paramref name="ld"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MatrixView<T> ColumnMajor(T[] data, long offset, long rows, long cols, long ld) => Of(data, offset, rows, cols, 1, ld);

    /// <summary>
    /// The address of this view for worker threads, given the pinned address of <see cref="Origin"/> (a ref struct
    /// cannot be captured by a lambda): <c>fixed (T* p = &amp;v.Origin) { var at = v.At(p); Parallel... at.View ... }</c>.
    /// Valid only while the pin holds.
    /// </summary>
    public unsafe MatrixAddress<T> At(T* pinnedOrigin) => new(pinnedOrigin, Rows, Cols, RowStride, ColStride);
}

/// <summary>
/// A pinned <see cref="MatrixView{T}"/> as plain data, so that a parallel region can hand it to worker lambdas
/// (which cannot capture a ref struct); each worker turns it back into a view with <see cref="View"/>. Only valid
/// while the memory stays pinned (inside the <c>fixed</c> block that made it) or is native.
/// </summary>
internal readonly unsafe struct MatrixAddress<T> where T : unmanaged
{
    public readonly T* Origin;
    public readonly long Rows;
    public readonly long Cols;
    public readonly long RowStride;
    public readonly long ColStride;

    public MatrixAddress(T* origin, long rows, long cols, long rowStride, long colStride)
    {
        Origin = origin; Rows = rows; Cols = cols; RowStride = rowStride; ColStride = colStride;
    }

    /// <summary>The view again.</summary>
    public MatrixView<T> View
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(ref *Origin, Rows, Cols, RowStride, ColStride);
    }
}
