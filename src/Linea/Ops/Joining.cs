using System.Numerics;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// Joins tensors along an existing <paramref name="axis"/> (NumPy's <c>concatenate</c>). All inputs need the same
    /// rank and the same lengths on every other axis.
    /// </summary>
    /// <exception cref="ShapeMismatchException">Ranks or lengths off the join axis differ.</exception>
    public static NDArray<T> Concatenate<T>(IReadOnlyList<NDArray<T>> tensors, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) ThrowHelper.Argument("concatenate", nameof(tensors), "needs at least one tensor");
        var first = tensors[0];
        if (first.Rank == 0) ThrowHelper.Argument("concatenate", nameof(tensors), "0-d tensors cannot be concatenated; use Stack");
        int ax = Shape.NormalizeAxis("concatenate", axis, first.Rank);
        var dims = first.Shape.ToArray();
        long total = 0;
        for (int t = 0; t < tensors.Count; t++)
        {
            var x = tensors[t];
            ArgumentNullException.ThrowIfNull(x);
            if (x.Rank != first.Rank)
                ThrowHelper.ShapeMismatch("concatenate", $"tensor {t} has shape {x.Shape} but tensor 0 has shape {first.Shape}; all need the same number of axes", first.Shape, x.Shape);
            for (int i = 0; i < dims.Length; i++)
                if (i != ax && x.Dims[i] != dims[i])
                    ThrowHelper.ShapeMismatch("concatenate", $"tensor {t} has shape {x.Shape} but tensor 0 has shape {first.Shape}; they must match on every axis except the join axis {ax} (axis {i} differs)", first.Shape, x.Shape);
            if (x.Dims[ax] > long.MaxValue - total) JoinOverflow(tensors, dims, ax);
            total += x.Dims[ax];
        }
        dims[ax] = total;
        var result = new NDArray<T>(dims, "concatenate");
        long at = 0;
        var index = new Slice[dims.Length];
        Array.Fill(index, Slice.All);
        foreach (var x in tensors)
        {
            index[ax] = Slice.Range(at, at + x.Dims[ax]);
            result[index] = x;
            at += x.Dims[ax];
        }
        return result;
    }

    /// <summary>The join axis's total length overflows a 64-bit count: the error names the shape and the bytes.</summary>
    private static void JoinOverflow<T>(IReadOnlyList<NDArray<T>> tensors, long[] dims, int ax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0, others = 1;
        foreach (var x in tensors) total += x.Dims[ax];
        for (int i = 0; i < dims.Length; i++) if (i != ax) others *= dims[i];
        string text = string.Join(", ", dims.Select((d, i) => i == ax
            ? total.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture)
            : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ThrowHelper.AllocationOverflow("concatenate", text, total * others, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
    }

    /// <summary>Joins tensors along an existing axis.</summary>
    public static NDArray<T> Concatenate<T>(params NDArray<T>[] tensors) where T : unmanaged, IFloatingPointIeee754<T> => Concatenate(tensors, 0);

    /// <summary>Joins tensors of one shape along a new <paramref name="axis"/> (NumPy's <c>stack</c>).</summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static NDArray<T> Stack<T>(IReadOnlyList<NDArray<T>> tensors, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) ThrowHelper.Argument("stack", nameof(tensors), "needs at least one tensor");
        var shape = tensors[0].Shape;
        int ax = Shape.NormalizeAxis("stack", axis, shape.Rank + 1);
        var expanded = new NDArray<T>[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            if (tensors[t].Shape != shape)
                ThrowHelper.ShapeMismatch("stack", $"tensor {t} has shape {tensors[t].Shape} but tensor 0 has shape {shape}; stack needs equal shapes", shape, tensors[t].Shape);
            expanded[t] = tensors[t].ExpandDims(ax);
        }
        return Concatenate(expanded, ax);
    }

    /// <summary>Joins tensors of one shape along a new first axis.</summary>
    public static NDArray<T> Stack<T>(params NDArray<T>[] tensors) where T : unmanaged, IFloatingPointIeee754<T> => Stack(tensors, 0);

    /// <summary>Stacks horizontally: 1-d tensors end to end, others along axis 1 (NumPy's <c>hstack</c>).</summary>
    public static NDArray<T> HStack<T>(params NDArray<T>[] tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) ThrowHelper.Argument("hstack", nameof(tensors), "needs at least one tensor");
        var xs = Array.ConvertAll(tensors, t => t.Rank == 0 ? t.Reshape(1) : t);
        return Concatenate(xs, xs[0].Rank == 1 ? 0 : 1);
    }

    /// <summary>Stacks vertically: 1-d tensors become rows, then everything joins along axis 0 (NumPy's <c>vstack</c>).</summary>
    public static NDArray<T> VStack<T>(params NDArray<T>[] tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) ThrowHelper.Argument("vstack", nameof(tensors), "needs at least one tensor");
        return Concatenate(Array.ConvertAll(tensors, t => t.Rank < 2 ? t.Reshape(1, -1) : t), 0);
    }

    /// <summary>
    /// Stacks 1-d tensors as columns, and 2-d tensors as they are, side by side (NumPy's <c>column_stack</c>, the
    /// <c>np.c_</c> idiom): <c>ColumnStack(Ones&lt;double&gt;(n), X)</c> prepends an intercept column to X.
    /// </summary>
    public static NDArray<T> ColumnStack<T>(params NDArray<T>[] tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) ThrowHelper.Argument("column_stack", nameof(tensors), "needs at least one tensor");
        return Concatenate(Array.ConvertAll(tensors, t => t.Rank < 2 ? t.Reshape(-1, 1) : t), 1);
    }
}
