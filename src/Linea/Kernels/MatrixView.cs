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
}
