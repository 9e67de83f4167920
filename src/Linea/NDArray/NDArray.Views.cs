using Linea.Ops;
using Linea.Storage;

namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// A view selected by NumPy-style index entries: integers drop their axis, ranges (with steps)
    /// keep it, <see cref="Slice.NewAxis"/> inserts one, <see cref="Slice.Ellipsis"/> stands for the rest.
    /// <c>A[1.., Slice.Step(2)]</c> is NumPy's <c>A[1:, ::2]</c>. No data is copied.
    /// Assigning (<c>A[0, ..] = row</c>, or a scalar) broadcasts the value into the view.
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">Too many entries, or an integer outside its axis.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public NDArray<TScalar> this[params ReadOnlySpan<Slice> index]
    {
        get => View(index);
        set => Elementwise.CopyInto("assign", value, View(index));
    }

    /// <summary>A view selected by NumPy index text, e.g. <c>A["1:, ::2"]</c> or <c>A["..., -1"]</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public NDArray<TScalar> this[string index]
    {
        get => View(Slice.Parse(index));
        set => Elementwise.CopyInto("assign", value, View(Slice.Parse(index)));
    }

    private NDArray<TScalar> View(ReadOnlySpan<Slice> index)
    {
        int consumed = 0, ellipses = 0;
        foreach (var s in index)
        {
            if (s.Kind == Slice.SliceKind.Ellipsis) ellipses++;
            else if (s.Kind != Slice.SliceKind.NewAxis) consumed++;
        }
        if (ellipses > 1) ThrowHelper.Index("index", "an index can only have a single ellipsis ('...')");
        if (consumed > Rank)
            ThrowHelper.Index("index", $"too many indices: {consumed} given for a {Rank}-d tensor of shape {Shape}");

        var dims = new List<long>(Rank + index.Length);
        var strides = new List<long>(Rank + index.Length);
        long offset = Offset;
        int axis = 0;
        foreach (var s in index)
        {
            switch (s.Kind)
            {
                case Slice.SliceKind.Ellipsis:
                    for (int k = 0; k < Rank - consumed; k++, axis++) { dims.Add(Dims[axis]); strides.Add(StrideArray[axis]); }
                    break;
                case Slice.SliceKind.NewAxis:
                    dims.Add(1); strides.Add(0);
                    break;
                case Slice.SliceKind.Index:
                {
                    long n = Dims[axis], ix = s.Start!.Value;
                    if (ix < -n || ix >= n)
                        ThrowHelper.Index("index", $"index {ix} is out of range for axis {axis} with size {n} (shape {Shape})");
                    offset += (ix < 0 ? ix + n : ix) * StrideArray[axis];
                    axis++;
                    break;
                }
                default:
                {
                    var (start, length) = s.Resolve(Dims[axis]);
                    if (length > 0) offset += start * StrideArray[axis];
                    dims.Add(length);
                    strides.Add(StrideArray[axis] * s.StepValue);
                    axis++;
                    break;
                }
            }
        }
        for (; axis < Rank; axis++) { dims.Add(Dims[axis]); strides.Add(StrideArray[axis]); }
        return new NDArray<TScalar>(Store, offset, dims.ToArray(), strides.ToArray(), ReadOnlyView);
    }

    /// <summary>The transpose: all axes reversed (NumPy's <c>A.T</c>). A view.</summary>
    public NDArray<TScalar> T => Transpose();

    /// <summary>The last two axes swapped (NumPy's <c>mT</c>): the matrix transpose of every matrix in a stack. A view.</summary>
    /// <exception cref="InvalidOperationException">The tensor has fewer than 2 axes.</exception>
    public NDArray<TScalar> MT => Rank >= 2
        ? SwapAxes(-2, -1)
        : throw new InvalidOperationException($"MT: the matrix transpose needs at least 2 axes; this tensor has shape {Shape}");

    /// <summary>
    /// Permutes the axes (NumPy's <c>transpose(axes)</c>); with no argument reverses them. A view.
    /// To swap two axes of a larger stack use <see cref="SwapAxes"/> or <see cref="MT"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the axes.</exception>
    public NDArray<TScalar> Transpose(params int[] axes)
    {
        int r = Rank;
        if (axes.Length == 0)
        {
            axes = new int[r];
            for (int i = 0; i < r; i++) axes[i] = r - 1 - i;
        }
        if (axes.Length != r)
        {
            string hint = axes.Length == 2 && r > 2 ? $"; to swap two axes use SwapAxes({axes[0]}, {axes[1]}), or MT for the last two" : "";
            ThrowHelper.Argument("transpose", nameof(axes), $"axes ({string.Join(", ", axes)}) must list each of the {r} axes of shape {Shape} once{hint}");
        }
        var dims = new long[r];
        var strides = new long[r];
        var seen = new bool[r];
        for (int i = 0; i < r; i++)
        {
            int a = Linea.Shape.NormalizeAxis("transpose", axes[i], r);
            if (seen[a]) ThrowHelper.Argument("transpose", nameof(axes), $"axis {axes[i]} is repeated in ({string.Join(", ", axes)})");
            seen[a] = true;
            dims[i] = Dims[a];
            strides[i] = StrideArray[a];
        }
        return new NDArray<TScalar>(Store, Offset, dims, strides, ReadOnlyView);
    }

    /// <summary>Interchanges two axes (NumPy's <c>swapaxes</c>). A view.</summary>
    public NDArray<TScalar> SwapAxes(int axis1, int axis2)
    {
        int a = Linea.Shape.NormalizeAxis("swapaxes", axis1, Rank), b = Linea.Shape.NormalizeAxis("swapaxes", axis2, Rank);
        var perm = new int[Rank];
        for (int i = 0; i < Rank; i++) perm[i] = i;
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Transpose(perm);
    }

    /// <summary>Moves one axis to a new position, keeping the order of the others (NumPy's <c>moveaxis</c>). A view.</summary>
    public NDArray<TScalar> MoveAxis(int source, int destination)
    {
        int s = Linea.Shape.NormalizeAxis("moveaxis", source, Rank), d = Linea.Shape.NormalizeAxis("moveaxis", destination, Rank);
        var order = new List<int>(Rank);
        for (int i = 0; i < Rank; i++) if (i != s) order.Add(i);
        order.Insert(d, s);
        return Transpose(order.ToArray());
    }

    /// <summary>
    /// The same elements in a new shape (one length may be -1, inferred). A view whenever the strides allow
    /// it (always for contiguous tensors), otherwise a copy, as NumPy's <c>reshape</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The element counts differ, or more than one -1.</exception>
    public NDArray<TScalar> Reshape(params long[] shape) => ReshapeTo(shape);

    /// <summary>The same elements in a new shape given as an <c>int[]</c>; see <see cref="Reshape(long[])"/>.</summary>
    public NDArray<TScalar> Reshape(int[] shape) => ReshapeTo(Linea.Shape.Widen(shape));

    private NDArray<TScalar> ReshapeTo(long[] shape)
    {
        long[] dims = ResolveReshape(shape);
        if (TryReshapeView(dims, out var strides))
            return new NDArray<TScalar>(Store, Offset, dims, strides, ReadOnlyView);
        var copy = Copy();
        return new NDArray<TScalar>(copy.Store, 0, dims, Linea.Shape.ContiguousStrides(dims));
    }

    private long[] ResolveReshape(long[] shape)
    {
        long size = Size, known = 1;
        int infer = -1;
        var dims = (long[])shape.Clone();
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (infer >= 0) ThrowHelper.ShapeMismatch("reshape", $"can only infer one axis, but {Linea.Shape.Format(shape)} has more than one -1", Shape);
                infer = i;
            }
            else if (dims[i] < 0)
                ThrowHelper.ShapeMismatch("reshape", $"negative length {dims[i]} in {Linea.Shape.Format(shape)}", Shape);
            else known *= dims[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || size % known != 0)
                ThrowHelper.ShapeMismatch("reshape", $"cannot reshape {Shape} ({size} elements) into {Linea.Shape.Format(shape)}: {size} is not a multiple of {known}", Shape);
            dims[infer] = size / known;
        }
        else if (known != size)
            ThrowHelper.ShapeMismatch("reshape", $"cannot reshape {Shape} ({size} elements) into {Linea.Shape.Format(shape)} ({known} elements)", Shape);
        return dims;
    }

    /// <summary>NumPy's no-copy reshape: succeeds when each group of old axes that maps onto new axes is itself contiguous.</summary>
    private bool TryReshapeView(long[] newDims, out long[] newStrides)
    {
        newStrides = new long[newDims.Length];
        if (Size == 0 || IsContiguous)
        {
            newStrides = Linea.Shape.ContiguousStrides(newDims);
            return true;
        }
        var oldDims = new List<long>();
        var oldStrides = new List<long>();
        for (int i = 0; i < Rank; i++)
            if (Dims[i] != 1) { oldDims.Add(Dims[i]); oldStrides.Add(StrideArray[i]); }
        int oi = 0, oj = 1, ni = 0, nj = 1, oldN = oldDims.Count, newN = newDims.Length;
        while (ni < newN && oi < oldN)
        {
            long np = newDims[ni], op = oldDims[oi];
            while (np != op)
            {
                if (np < op) np *= newDims[nj++];
                else op *= oldDims[oj++];
            }
            for (int ok = oi; ok < oj - 1; ok++)
                if (oldStrides[ok] != oldDims[ok + 1] * oldStrides[ok + 1]) return false;
            newStrides[nj - 1] = oldStrides[oj - 1];
            for (int nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newDims[nk];
            ni = nj++;
            oi = oj++;
        }
        for (int k = ni; k < newN; k++) newStrides[k] = 1;
        return true;
    }

    /// <summary>A 1-d view of all elements when possible, else a copy (NumPy's <c>ravel</c>).</summary>
    public NDArray<TScalar> Ravel() => Reshape(-1);

    /// <summary>A 1-d copy of all elements in C order (NumPy's <c>flatten</c>).</summary>
    public NDArray<TScalar> Flatten() => Copy().Reshape(-1);

    /// <summary>Removes axes of length 1: all of them, or only <paramref name="axes"/>. A view.</summary>
    /// <exception cref="ArgumentException">A named axis does not have length 1.</exception>
    public NDArray<TScalar> Squeeze(params int[] axes)
    {
        var drop = new bool[Rank];
        if (axes.Length == 0)
            for (int i = 0; i < Rank; i++) drop[i] = Dims[i] == 1;
        foreach (int a0 in axes)
        {
            int a = Linea.Shape.NormalizeAxis("squeeze", a0, Rank);
            if (Dims[a] != 1)
                ThrowHelper.Argument("squeeze", nameof(axes), $"cannot remove axis {a0} of shape {Shape}: its length is {Dims[a]}, not 1");
            drop[a] = true;
        }
        var dims = new List<long>();
        var strides = new List<long>();
        for (int i = 0; i < Rank; i++)
            if (!drop[i]) { dims.Add(Dims[i]); strides.Add(StrideArray[i]); }
        return new NDArray<TScalar>(Store, Offset, dims.ToArray(), strides.ToArray(), ReadOnlyView);
    }

    /// <summary>Inserts an axis of length 1 at <paramref name="axis"/> (in the result's numbering, -1 = last). A view.</summary>
    public NDArray<TScalar> ExpandDims(int axis)
    {
        int a = Linea.Shape.NormalizeAxis("expand_dims", axis, Rank + 1);
        var dims = new List<long>(Dims);
        var strides = new List<long>(StrideArray);
        dims.Insert(a, 1);
        strides.Insert(a, 0);
        return new NDArray<TScalar>(Store, Offset, dims.ToArray(), strides.ToArray(), ReadOnlyView);
    }

    /// <summary>
    /// A read-only view with shape <paramref name="shape"/> following NumPy broadcasting (stride 0 along stretched axes).
    /// </summary>
    /// <exception cref="ShapeMismatchException">This shape does not broadcast to <paramref name="shape"/>.</exception>
    public NDArray<TScalar> BroadcastTo(int[] shape) => BroadcastTo(Linea.Shape.Widen(shape));

    /// <summary>A read-only broadcast view; see <see cref="BroadcastTo(int[])"/>.</summary>
    /// <exception cref="ShapeMismatchException">This shape does not broadcast to <paramref name="shape"/>.</exception>
    public NDArray<TScalar> BroadcastTo(params long[] shape)
    {
        var target = new Shape(shape);
        long[] b = Broadcast.Shapes("broadcast_to", Dims, shape);
        if (!b.AsSpan().SequenceEqual(shape))
            ThrowHelper.ShapeMismatch("broadcast_to", $"cannot broadcast shape {Shape} to {target}", Shape, target);
        return new NDArray<TScalar>(Store, Offset, target.ToArray(), Broadcast.StridesTo(Dims, StrideArray, shape), readOnly: true);
    }

    /// <summary>The <paramref name="offset"/>-th diagonal of a matrix as a 1-d view (NumPy's <c>diagonal</c>).</summary>
    public NDArray<TScalar> Diagonal(int offset = 0)
    {
        if (Rank != 2) ThrowHelper.Argument("diagonal", "this", $"needs a 2-d tensor, got shape {Shape}");
        long rows = Dims[0], cols = Dims[1];
        long r0 = offset >= 0 ? 0 : -(long)offset, c0 = offset >= 0 ? offset : 0;
        long len = Math.Max(0, Math.Min(rows - r0, cols - c0));
        long start = len > 0 ? Offset + r0 * StrideArray[0] + c0 * StrideArray[1] : Offset;
        return new NDArray<TScalar>(Store, start, [len], [StrideArray[0] + StrideArray[1]], ReadOnlyView);
    }

    /// <summary>This tensor if it is already C-contiguous and writable, otherwise a contiguous copy.</summary>
    public NDArray<TScalar> Contiguous() => IsContiguous && !ReadOnlyView ? this : Copy();

    /// <summary>A new C-contiguous, writable tensor with the same shape and values.</summary>
    public NDArray<TScalar> Copy() => Copy(StorageKind.Managed);

    /// <summary>
    /// A new C-contiguous, writable copy in the given kind of memory: <see cref="StorageKind.Managed"/> (native anyway
    /// above <see cref="Array.MaxLength"/> elements) or <see cref="StorageKind.Native"/>.
    /// </summary>
    public NDArray<TScalar> Copy(StorageKind storage)
    {
        var dims = (long[])Dims.Clone();
        var result = new NDArray<TScalar>(TensorStorage<TScalar>.Allocate(Linea.Shape.ComputeSize(dims), zero: false, storage, "copy", dims),
            0, dims, Linea.Shape.ContiguousStrides(dims));
        var kernel = new CopyKernel<TScalar>(ref Store.Reference, ref result.Store.Reference);
        Kernels.StridedLoop.Run(Dims, Offset, StrideArray, 0, result.StrideArray, ref kernel);
        Elementwise.KeepStorageAlive(this, this, result);
        return result;
    }

    /// <summary>Sets every element of this view to <paramref name="value"/>.</summary>
    public void Fill(TScalar value) => Elementwise.CopyInto("fill", (NDArray<TScalar>)value, this);

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape) into this view, like NumPy's <c>A[...] = source</c>.</summary>
    public void Assign(NDArray<TScalar> source) => Elementwise.CopyInto("assign", source, this);
}
