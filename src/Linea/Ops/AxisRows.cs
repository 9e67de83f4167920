namespace Linea.Ops;

/// <summary>
/// The rows along one axis of a tensor, for the operations that work on whole 1-d lines (sort, cumulative sums,
/// arg-extremes, any/all): the axis moved last and the tensor made C-contiguous (a copy only when it is not
/// already), so row r is the span [r * Length, (r + 1) * Length).
/// </summary>
internal readonly struct AxisRows<T> where T : unmanaged
{
    /// <summary>The tensor with the axis last, C-contiguous.</summary>
    public readonly NDArray<T> Data;
    /// <summary>The number of rows (the product of the other axes).</summary>
    public readonly long Count;
    /// <summary>The length of each row.</summary>
    public readonly int Length;
    /// <summary>The normalised axis.</summary>
    public readonly int Axis;

    public AxisRows(string op, NDArray<T> a, int axis)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank == 0) ThrowHelper.Argument(op, nameof(axis), $"a 0-d tensor has no axis {axis}");
        Axis = Shape.NormalizeAxis(op, axis, a.Rank);
        long n = a.Dims[Axis];
        if (n > Array.MaxLength) ThrowHelper.TooLarge(op, a.Shape, $"axis {Axis} has {n} entries; {op} works on lines of at most {Array.MaxLength}");
        Length = (int)n;
        var moved = Axis == a.Rank - 1 ? a : a.MoveAxis(Axis, -1);
        Data = moved.IsContiguous ? moved : moved.Copy();
        Count = Length == 0 ? Shape.ComputeSize(moved.Dims.AsSpan(0, a.Rank - 1)) : Data.Size / Length;
    }

    /// <summary>Row <paramref name="r"/> as a read-only span.</summary>
    public ReadOnlySpan<T> Row(long r) => Data.Store.Span(Data.Offset + r * Length, Length);

    /// <summary>The shape of a result with one entry per row (the axis removed), or with the axis kept as length 1.</summary>
    public long[] ReducedDims(bool keepDims)
    {
        var dims = Data.Dims[..^1];
        if (!keepDims) return dims;
        var list = new List<long>(dims);
        list.Insert(Axis, 1);
        return [.. list];
    }

    /// <summary>A new tensor of shape (rows..., <paramref name="length"/>) in the moved layout, for row-wise results.</summary>
    public NDArray<TOut> NewRows<TOut>(int length, string op) where TOut : unmanaged
    {
        var dims = (long[])Data.Dims.Clone();
        dims[^1] = length;
        return NDArray<TOut>.Uninitialized(dims, op);
    }

    /// <summary>A row-wise result moved back so its last axis sits at <see cref="Axis"/> again, C-contiguous.</summary>
    public NDArray<TOut> Restore<TOut>(NDArray<TOut> rows) where TOut : unmanaged =>
        Axis == rows.Rank - 1 ? rows : rows.MoveAxis(-1, Axis).Copy();
}
