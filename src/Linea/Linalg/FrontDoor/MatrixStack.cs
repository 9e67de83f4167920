using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>Walks the matrices of a stack (..., m, n), with its batch axes broadcast to a common batch shape.</summary>
internal static partial class MatrixStack
{
    /// <summary>The storage offset of each matrix of <paramref name="t"/>, in C order over <paramref name="batch"/> (broadcast axes repeat).</summary>
    public static long[] Offsets<T>(NDArray<T> t, ReadOnlySpan<int> batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var strides = Broadcast.StridesTo(t.Dims.AsSpan(0, t.Rank - 2), t.StrideArray.AsSpan(0, t.Rank - 2), Shape.Widen(batch));
        int count = Shape.ComputeIntSize(Shape.Widen(batch));
        var offsets = new long[count];
        for (int f = 0; f < count; f++)
        {
            int rest = f;
            long off = t.Offset;
            for (int ax = batch.Length - 1; ax >= 0; ax--)
            {
                off += rest % batch[ax] * strides[ax];
                rest /= batch[ax];
            }
            offsets[f] = off;
        }
        return offsets;
    }

    /// <summary>A transform of one matrix of a stack in place, given its view and its index in C order over the batch axes.</summary>
    public delegate void MatrixTransform<T>(MatrixView<T> matrix, int index) where T : unmanaged;

    /// <summary>
    /// A new C-contiguous stack with the shape of the square stack <paramref name="a"/> (any storage), each of whose
    /// matrices is first a copy of the matching matrix of <paramref name="a"/> and is then transformed in place by
    /// <paramref name="transform"/> (given the copy and its index in C order over the batch axes). The shared loop of the
    /// batched front doors.
    /// </summary>
    public static NDArray<T> CopyEach<T>(NDArray<T> a, MatrixTransform<T> transform) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.IntDims[^1];
        var result = NDArray<T>.Uninitialized((long[])a.Dims.Clone()); // every matrix is written by CopyInto
        var offsets = Offsets(a, a.IntDims.AsSpan(0, a.Rank - 2));
        for (int t = 0; t < offsets.Length; t++)
        {
            var m = MatrixView<T>.Of(result.Data, (long)t * n * n, n, n, n, 1);
            CopyInto(MatrixViews.At(a, offsets[t]), m);
            transform(m, t);
        }
        return result;
    }

    /// <summary>dst = src, element-wise (same shape); row spans when both rows are contiguous. O(rows cols).</summary>
    public static void CopyInto<T>(in MatrixView<T> src, in MatrixView<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = 0; i < src.Rows; i++)
        {
            if (src.RowContiguous && dst.RowContiguous) src.Row(i).CopyTo(dst.Row(i));
            else for (long j = 0; j < src.Cols; j++) dst[i, j] = src[i, j];
        }
    }

    /// <summary>" (matrix [1, 0] of the stack)" for batched calls over <paramref name="batch"/>, "" for a single matrix (no batch axes).</summary>
    public static string Where(ReadOnlySpan<int> batch, int index) => batch.Length == 0 ? "" : $" (matrix {Index(batch, index)} of the stack)";

    /// <summary>The multi-index "[1, 0]" of the matrix at flat position <paramref name="index"/> (C order) over <paramref name="batch"/>.</summary>
    public static string Index(ReadOnlySpan<int> batch, int index)
    {
        var idx = new int[batch.Length];
        for (int ax = batch.Length - 1; ax >= 0; ax--) { idx[ax] = index % batch[ax]; index /= batch[ax]; }
        return $"[{string.Join(", ", idx)}]";
    }
}
