using Linea.Ops;

namespace Linea;

// NumPy's advanced indexing: boolean masks and integer index arrays. Both copy (unlike slicing, which makes views).
public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// Boolean-mask indexing (NumPy's <c>a[mask]</c>). A mask of this tensor's shape selects elements: a new 1-d tensor of
    /// the true positions' values in C order. A mask over the leading k axes selects sub-tensors: shape
    /// (count, remaining axes...). Assigning (<c>a[mask] = 0.0</c>, or a tensor) writes the value, broadcast to the
    /// selection's shape, into the selected places. O(size) time; the result is a copy.
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">The mask's shape does not match the leading axes, naming the axis.</exception>
    /// <exception cref="ShapeMismatchException">An assigned value does not broadcast to the selection's shape.</exception>
    /// <exception cref="InvalidOperationException">Assigning to a read-only view.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public NDArray<TScalar> this[NDArray<bool> mask]
    {
        get => IsWholeMask(mask) ? SelectByMask(mask) : TakeAt(MaskPositions(mask), mask.Rank, "boolean index");
        set
        {
            if (IsWholeMask(mask) && value is not null && value.Size == 1 && !ReadOnlyView && IsContiguous) AssignByMask(mask, value);
            else PutAt(MaskPositions(mask), mask.Rank, value!, "boolean index");
        }
    }

    /// <summary>Whether <paramref name="mask"/> has this tensor's whole shape (one bool per element, the common case).</summary>
    private bool IsWholeMask(NDArray<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return mask.Rank == Rank && mask.Dims.AsSpan().SequenceEqual(Dims) && Rank > 0;
    }

    /// <summary>a[mask] for a mask of a's shape: the selected elements in C order, compressed run by run.</summary>
    private NDArray<TScalar> SelectByMask(NDArray<bool> mask)
    {
        var source = Contiguous();
        var m = mask.Contiguous();
        long size = Size, count = 0;
        const int Chunk = 1 << 30;
        for (long start = 0; start < size; start += Chunk)
            count += Ops.MaskKernels.CountTrue(m.Store.Span(m.Offset + start, (int)Math.Min(Chunk, size - start)));
        var result = NDArray<TScalar>.Uninitialized([count], "boolean index");
        long k = 0;
        for (long start = 0; start < size && k < count; start += Chunk)
        {
            int n = (int)Math.Min(Chunk, size - start);
            var ms = m.Store.Span(m.Offset + start, n);
            int take = (int)Ops.MaskKernels.CountTrue(ms);
            k += Ops.MaskKernels.Compress(source.Store.Span(source.Offset + start, n), ms, result.Store.Span(k, take));
        }
        GC.KeepAlive(source.Store);
        GC.KeepAlive(m.Store);
        return result;
    }

    /// <summary>a[mask] = v for a mask of a's shape and a one-element v, on a contiguous a: one blend pass in place.</summary>
    private void AssignByMask(NDArray<bool> mask, NDArray<TScalar> value)
    {
        var m = mask.Contiguous();
        var v = value.Contiguous();
        long size = Size;
        const int Chunk = 1 << 30;
        for (long start = 0; start < size; start += Chunk)
        {
            int n = (int)Math.Min(Chunk, size - start);
            var d = Store.Span(Offset + start, n);
            Ops.MaskKernels.Blend(m.Store.Span(m.Offset + start, n), v.Store.Span(v.Offset, 1), true, d, false, d);
        }
        GC.KeepAlive(m.Store);
        GC.KeepAlive(v.Store);
    }

    /// <summary>
    /// Integer-array indexing along axis 0 (NumPy's <c>a[indices]</c>): the sub-tensors at the given positions
    /// (negative ones count from the end, repeats allowed), shape indices.Shape + this.Shape[1..]. Assigning writes the
    /// value, broadcast to that shape, into those positions (with repeats, the last write wins, as in NumPy). A copy.
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">An index lies outside axis 0; the message names its position and value.</exception>
    /// <exception cref="ShapeMismatchException">An assigned value does not broadcast to the selection's shape.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public NDArray<TScalar> this[NDArray<long> indices]
    {
        get => TakeAlong(indices, 0);
        set => PutAlong(indices, value);
    }

    /// <summary>Integer-array indexing along axis 0 with int indices; see the <see cref="NDArray{TScalar}"/> indexer taking long indices.</summary>
    /// <exception cref="TensorIndexOutOfRangeException">An index lies outside axis 0; the message names its position and value.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public NDArray<TScalar> this[NDArray<int> indices]
    {
        get => Rank == 1 ? GatherFlat(indices, "take") : TakeAlong(indices.AsType<long>(), 0);
        set => PutAlong(indices.AsType<long>(), value);
    }

    /// <summary>The sub-tensors at <paramref name="indices"/> along <paramref name="axis"/>; see <see cref="NDArray.Take{T}(NDArray{T}, NDArray{long}, int)"/>.</summary>
    internal NDArray<TScalar> TakeAlong(NDArray<long> indices, int axis)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (Rank == 0) ThrowHelper.Index("take", $"a 0-d tensor has no axis to index");
        int ax = Linea.Shape.NormalizeAxis("take", axis, Rank);
        if (Rank == 1) return GatherFlat(indices, "take");
        var flat = indices.Ravel().Contiguous();
        var positions = NormalizedPositions(flat.ContiguousSpan, Dims[ax], ax, "take");
        var moved = ax == 0 ? this : MoveAxis(ax, 0);
        var picked = moved.TakeAt(positions, 1, "take");
        // picked has shape (k, other axes...): split k into indices' shape, then move that block back to the axis.
        var other = moved.Dims[1..];
        var dims = new long[indices.Rank + other.Length];
        indices.Dims.CopyTo(dims, 0);
        other.CopyTo(dims, indices.Rank);
        var shaped = picked.Reshape(dims);
        if (ax == 0) return shaped;
        var perm = new int[dims.Length];
        int ir = indices.Rank;
        for (int j = 0; j < perm.Length; j++)
            perm[j] = j < ax ? ir + j : j < ax + ir ? j - ax : j;
        return shaped.Transpose(perm).Copy();
    }

    /// <summary>
    /// This 1-d tensor gathered at integer <paramref name="indices"/> of any shape (result of their shape): one pass,
    /// indices checked and normalised (negative from the end) as they are read, no positions array.
    /// </summary>
    internal NDArray<TScalar> GatherFlat<TIndex>(NDArray<TIndex> indices, string op) where TIndex : unmanaged, System.Numerics.IBinaryInteger<TIndex>
    {
        ArgumentNullException.ThrowIfNull(indices);
        System.Diagnostics.Debug.Assert(Rank == 1);
        var idx = indices.Contiguous();
        var result = NDArray<TScalar>.Uninitialized((long[])indices.Dims.Clone(), op);
        long n = Dims[0], stride = StrideArray[0], size = idx.Size;
        ref TScalar origin = ref Store.Reference;
        const int Chunk = 1 << 30;
        for (long start = 0; start < size; start += Chunk)
        {
            int len = (int)Math.Min(Chunk, size - start);
            var xs = idx.Store.Span(idx.Offset + start, len);
            var rs = result.Store.Span(start, len);
            for (int k = 0; k < len; k++)
            {
                long ix = long.CreateTruncating(xs[k]);
                if ((ulong)(ix + n) >= (ulong)(2 * n))
                    ThrowHelper.Index(op, $"index {ix} (at position {start + k} of the indices) is out of bounds for axis 0 with size {n} (shape {Shape})");
                if (ix < 0) ix += n;
                rs[k] = System.Runtime.CompilerServices.Unsafe.Add(ref origin, (nint)(Offset + ix * stride));
            }
        }
        Elementwise.KeepStorageAlive(this, this, result);
        GC.KeepAlive(idx.Store);
        return result;
    }

    /// <summary>Writes <paramref name="values"/>, broadcast to indices.Shape + Shape[1..], into the sub-tensors at <paramref name="indices"/> along axis 0.</summary>
    internal void PutAlong(NDArray<long> indices, NDArray<TScalar> values)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (Rank == 0) ThrowHelper.Index("put", "a 0-d tensor has no axis to index");
        var flat = indices.Ravel().Contiguous();
        var positions = NormalizedPositions(flat.ContiguousSpan, Dims[0], 0, "index");
        var dims = new long[indices.Rank + Rank - 1];
        indices.Dims.CopyTo(dims, 0);
        Dims.AsSpan(1).CopyTo(dims.AsSpan(indices.Rank));
        var target = new Shape(dims);
        var broadcast = BroadcastValue(values, target, "index");
        PutAt(positions, 1, broadcast.Reshape([positions.Length, .. Dims[1..]]), "index");
    }

    /// <summary>Checks and normalises indices into axis positions (negative ones from the end).</summary>
    private long[] NormalizedPositions(ReadOnlySpan<long> indices, long n, int axis, string op)
    {
        var positions = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            long ix = indices[i];
            if (ix < -n || ix >= n)
                ThrowHelper.Index(op, $"index {ix} (at position {i} of the indices) is out of bounds for axis {axis} with size {n} (shape {Shape})");
            positions[i] = ix < 0 ? ix + n : ix;
        }
        return positions;
    }

    /// <summary>Flat positions over the leading mask.Rank axes where the mask is true, after checking its shape.</summary>
    private long[] MaskPositions(NDArray<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Rank > Rank)
            ThrowHelper.Index("boolean index", $"too many indices: a mask of shape {mask.Shape} for a tensor of shape {Shape}");
        for (int i = 0; i < mask.Rank; i++)
            if (mask.Dims[i] != Dims[i])
                ThrowHelper.Index("boolean index", $"the mask does not match the tensor along axis {i}: the tensor's axis has length {Dims[i]} but the mask's has {mask.Dims[i]} (mask {mask.Shape}, tensor {Shape})");
        return NDArray.FlatNonzero(mask).ToArray();
    }

    /// <summary>
    /// Copies the sub-tensors at flat positions over the leading <paramref name="lead"/> axes into a new tensor of shape
    /// (positions.Length, remaining axes...). Positions are checked already.
    /// </summary>
    private NDArray<TScalar> TakeAt(long[] positions, int lead, string op)
    {
        var rest = Dims[lead..];
        var restStrides = StrideArray[lead..];
        var result = NDArray<TScalar>.Uninitialized([positions.Length, .. rest], op);
        long restSize = Linea.Shape.ComputeSize(rest);
        if (restSize == 0 || positions.Length == 0) return result;
        if (rest.Length == 0 && lead == 1)
        {
            // A gather from a 1-d tensor (the common case): straight from storage, no per-element offset arithmetic.
            ref TScalar origin = ref Store.Reference;
            var rs = result.WritableSpan;
            long stride = StrideArray[0];
            for (int k = 0; k < rs.Length; k++) rs[k] = System.Runtime.CompilerServices.Unsafe.Add(ref origin, (nint)(Offset + positions[k] * stride));
            Elementwise.KeepStorageAlive(this, this, result);
            return result;
        }
        var restContiguous = Linea.Shape.ContiguousStrides(rest);
        for (int k = 0; k < positions.Length; k++)
        {
            long off = LeadingOffset(positions[k], lead);
            if (rest.Length == 0) { result.Store.At(k) = Store.At(off); continue; }
            var kernel = new CopyKernel<TScalar>(ref Store.Reference, ref result.Store.Reference);
            Kernels.StridedLoop.Run(rest, off, restStrides, k * restSize, restContiguous, ref kernel);
        }
        Elementwise.KeepStorageAlive(this, this, result);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (broadcast to (positions.Length, remaining axes...)) into the sub-tensors at flat
    /// positions over the leading <paramref name="lead"/> axes.
    /// </summary>
    private void PutAt(long[] positions, int lead, NDArray<TScalar> value, string op)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ReadOnlyView) ThrowReadOnly(op);
        var rest = Dims[lead..];
        var restStrides = StrideArray[lead..];
        var src = BroadcastValue(value, new Shape([positions.Length, .. rest]), op);
        if (ReferenceEquals(src.Store, Store)) src = src.Copy();
        for (int k = 0; k < positions.Length; k++)
        {
            long off = LeadingOffset(positions[k], lead);
            long srcOff = src.Offset + k * src.StrideArray[0];
            if (rest.Length == 0) { Store.At(off) = src.Store.At(srcOff); continue; }
            var kernel = new CopyKernel<TScalar>(ref src.Store.Reference, ref Store.Reference);
            Kernels.StridedLoop.Run(rest, srcOff, src.StrideArray[1..], off, restStrides, ref kernel);
        }
        Elementwise.KeepStorageAlive(src, this, this);
    }

    /// <summary><paramref name="value"/> as a view broadcast to <paramref name="target"/>, or a message naming both shapes.</summary>
    private static NDArray<TScalar> BroadcastValue(NDArray<TScalar> value, Shape target, string op)
    {
        long[] b = Broadcast.Shapes(op, value.Dims, target.ToArray());
        if (!b.AsSpan().SequenceEqual(target.ToArray()))
            ThrowHelper.ShapeMismatch(op, $"a value of shape {value.Shape} cannot be assigned to a selection of shape {target}", value.Shape, target);
        return value.BroadcastTo(target.ToArray());
    }

    /// <summary>The storage offset of flat position <paramref name="p"/> (C order) over the leading <paramref name="lead"/> axes.</summary>
    private long LeadingOffset(long p, int lead)
    {
        long off = Offset;
        for (int i = lead - 1; i >= 0; i--)
        {
            long d = Dims[i];
            off += p % d * StrideArray[i];
            p /= d;
        }
        return off;
    }
}

public static partial class NDArray
{
    /// <summary>
    /// The sub-tensors of <paramref name="a"/> at <paramref name="indices"/> along <paramref name="axis"/> (NumPy's
    /// <c>take</c>): shape a.Shape[..axis] + indices.Shape + a.Shape[axis+1..]. Negative indices count from the end,
    /// repeats are allowed. A copy; O(result size). (A static function, so that LINQ's <c>Take(count)</c> on a tensor's
    /// elements keeps its meaning.)
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">An index lies outside the axis; the message names its position and value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<T> Take<T>(NDArray<T> a, NDArray<long> indices, int axis = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.TakeAlong(indices, axis);
    }

    /// <summary>The sub-tensors at int <paramref name="indices"/>; see <see cref="Take{T}(NDArray{T}, NDArray{long}, int)"/>.</summary>
    /// <exception cref="TensorIndexOutOfRangeException">An index lies outside the axis; the message names its position and value.</exception>
    public static NDArray<T> Take<T>(NDArray<T> a, NDArray<int> indices, int axis = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(indices);
        return a.Rank == 1 && axis is 0 or -1 ? a.GatherFlat(indices, "take") : a.TakeAlong(indices.AsType<long>(), axis);
    }
}
