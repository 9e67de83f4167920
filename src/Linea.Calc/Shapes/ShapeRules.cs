namespace Linea.Calc.Shapes;

/// <summary>Which transpose would make a failed matrix product fit.</summary>
public enum TransposeFix
{
    /// <summary>No single transpose fits.</summary>
    None,
    /// <summary>Transposing the right operand fits: <c>A @ B.T</c>.</summary>
    Right,
    /// <summary>Transposing the left operand fits: <c>A.T @ B</c>.</summary>
    Left,
}

/// <summary>The outcome of <see cref="ShapeRules.MatMul"/>: the result shape, or why the product does not fit.</summary>
/// <param name="Result">The shape of the product, or null when it does not fit.</param>
/// <param name="Error">The message when it does not fit (naming the operation and both shapes).</param>
/// <param name="Fix">A transpose that would fit.</param>
/// <param name="FixedInner">The inner dimension the product would have after <paramref name="Fix"/>.</param>
public sealed record MatMulCheck(SymbolicShape? Result, string? Error, TransposeFix Fix, Dim? FixedInner);

/// <summary>
/// NumPy's shape rules over <see cref="SymbolicShape"/>s: broadcasting, <c>@</c>, transposes, reshape, reductions,
/// joining. With known lengths they agree with Linea's tensors (broadcasting defers to <see cref="Linea.Broadcast"/>
/// and its messages); distinct symbols are taken to be different lengths.
/// </summary>
public static class ShapeRules
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="CalcShapeException">They cannot be broadcast together (Linea's message).</exception>
    public static SymbolicShape Broadcast(string op, SymbolicShape a, SymbolicShape b)
    {
        if (a.IsKnown && b.IsKnown)
        {
            try { return SymbolicShape.Of(Array.ConvertAll(Linea.Broadcast.Shapes(op, a.ToInts(), b.ToInts()), d => (int)d)); }
            catch (ShapeMismatchException e) { throw new CalcShapeException($"{op}: {StripOp(op, e.Message)}", e); }
        }
        int r = Math.Max(a.Rank, b.Rank);
        var result = new Dim[r];
        for (int i = 0; i < r; i++)
        {
            var da = i < r - a.Rank ? Dim.Of(1) : a[i - (r - a.Rank)];
            var db = i < r - b.Rank ? Dim.Of(1) : b[i - (r - b.Rank)];
            if (da.Equals(db) || IsOne(db)) result[i] = da;
            else if (IsOne(da)) result[i] = db;
            else
                throw new CalcShapeException(
                    $"{op}: shapes {a} and {b} cannot be broadcast together: axis {i - r} has lengths {da} and {db}, and broadcasting needs them equal or one of them 1");
        }
        return new SymbolicShape(result);
    }

    /// <summary>NumPy's <c>a @ b</c> on shapes: vectors promoted and demoted, batch axes broadcast.</summary>
    public static MatMulCheck MatMul(SymbolicShape a, SymbolicShape b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            return new(null, $"matmul: {a} @ {b}: matmul needs at least 1-d operands; to scale by a scalar use *", TransposeFix.None, null);
        var k = a[-1];
        var kb = b.Rank == 1 ? b[0] : b[-2];
        if (!k.Equals(kb))
        {
            var fix = TransposeFix.None;
            Dim? inner = null;
            if (b.Rank >= 2 && b[-1].Equals(k)) { fix = TransposeFix.Right; inner = k; }
            else if (a.Rank >= 2 && a[-2].Equals(kb)) { fix = TransposeFix.Left; inner = kb; }
            return new(null,
                $"matmul: {a} @ {b}: inner dimensions {k} and {kb} differ (the last axis of A must equal the {(b.Rank == 1 ? "length" : "second-to-last axis")} of B)",
                fix, inner);
        }
        var batchA = new SymbolicShape(a.Rank > 2 ? a.Dims.Take(a.Rank - 2) : []);
        var batchB = new SymbolicShape(b.Rank > 2 ? b.Dims.Take(b.Rank - 2) : []);
        SymbolicShape batch;
        try { batch = Broadcast("matmul", batchA, batchB); }
        catch (CalcShapeException)
        {
            return new(null, $"matmul: {a} @ {b}: the batch axes {batchA} and {batchB} cannot be broadcast together", TransposeFix.None, null);
        }
        var dims = batch.Dims.ToList();
        if (a.Rank >= 2) dims.Add(a[-2]);
        if (b.Rank >= 2) dims.Add(b[-1]);
        return new(new SymbolicShape(dims), null, TransposeFix.None, null);
    }

    /// <summary>NumPy's <c>.T</c>: the axes reversed.</summary>
    public static SymbolicShape Transpose(SymbolicShape a) => new(a.Dims.Reverse());

    /// <summary>NumPy's <c>.mT</c>: the last two axes swapped.</summary>
    /// <exception cref="CalcShapeException">Fewer than two axes.</exception>
    public static SymbolicShape MatrixTranspose(SymbolicShape a)
    {
        if (a.Rank < 2) throw new CalcShapeException($"mT: needs at least 2 axes, got shape {a}");
        var d = a.Dims.ToArray();
        (d[^1], d[^2]) = (d[^2], d[^1]);
        return new SymbolicShape(d);
    }

    /// <summary>The axes permuted: result axis i is input axis <paramref name="axes"/>[i].</summary>
    /// <exception cref="CalcShapeException">The axes are not a permutation of 0..rank-1.</exception>
    public static SymbolicShape Permute(SymbolicShape a, int[] axes)
    {
        if (axes.Length != a.Rank)
            throw new CalcShapeException($"transpose: {axes.Length} axes given for an array of shape {a} with {a.Rank} axes");
        var seen = new bool[a.Rank];
        var d = new Dim[a.Rank];
        for (int i = 0; i < axes.Length; i++)
        {
            int ax = NormalizeAxis("transpose", axes[i], a);
            if (seen[ax]) throw new CalcShapeException($"transpose: axis {axes[i]} is repeated in ({string.Join(", ", axes)})");
            seen[ax] = true;
            d[i] = a[ax];
        }
        return new SymbolicShape(d);
    }

    /// <summary>NumPy's reshape: the same number of elements, one dimension may be -1 (inferred).</summary>
    /// <param name="a">The input shape.</param>
    /// <param name="target">The new dimensions; a null entry is -1.</param>
    /// <exception cref="CalcShapeException">The element counts differ or -1 cannot be inferred.</exception>
    public static SymbolicShape Reshape(SymbolicShape a, IReadOnlyList<Dim?> target)
    {
        var total = Dim.Product(a.Dims);
        int unknown = target.Count(t => t is null);
        if (unknown > 1) throw new CalcShapeException("reshape: only one dimension can be -1");
        var known = Dim.Product(target.Where(t => t is not null)!);
        string shown = "(" + string.Join(", ", target.Select(t => t?.ToString() ?? "-1")) + (target.Count == 1 ? ",)" : ")");
        if (unknown == 1)
        {
            if (!total.TryDivide(known, out var q))
                throw new CalcShapeException($"reshape: cannot reshape {a} ({total} elements) into {shown}: {total} is not a multiple of {known}");
            return new SymbolicShape(target.Select(t => t ?? q));
        }
        if (!total.Equals(known))
            throw new CalcShapeException($"reshape: cannot reshape {a} ({total} elements) into {shown} ({known} elements)");
        return new SymbolicShape(target.Select(t => t!));
    }

    /// <summary>The shape after reducing over <paramref name="axis"/> (all axes when null).</summary>
    /// <exception cref="CalcShapeException">The axis is out of range.</exception>
    public static SymbolicShape Reduce(string op, SymbolicShape a, int? axis, bool keepDims)
    {
        if (axis is null) return keepDims ? new SymbolicShape(a.Dims.Select(_ => Dim.Of(1))) : new SymbolicShape([]);
        int ax = NormalizeAxis(op, axis.Value, a);
        return keepDims
            ? new SymbolicShape(a.Dims.Select((d, i) => i == ax ? Dim.Of(1) : d))
            : new SymbolicShape(a.Dims.Where((_, i) => i != ax));
    }

    /// <summary>The axis in [0, rank).</summary>
    /// <exception cref="CalcShapeException">Outside [-rank, rank).</exception>
    public static int NormalizeAxis(string op, int axis, SymbolicShape a)
    {
        int r = a.Rank;
        if (axis < -r || axis >= r)
            throw new CalcShapeException($"{op}: axis {axis} is out of range for an array of shape {a} with {r} axes (use -{Math.Max(r, 1)} .. {r - 1})");
        return axis < 0 ? axis + r : axis;
    }

    /// <summary>Shapes joined along <paramref name="axis"/>: every other axis must agree.</summary>
    /// <exception cref="CalcShapeException">Ranks or other axes differ.</exception>
    public static SymbolicShape Concatenate(string op, IReadOnlyList<SymbolicShape> shapes, int axis)
    {
        if (shapes.Count == 0) throw new CalcShapeException($"{op}: needs at least one array");
        var first = shapes[0];
        int ax = NormalizeAxis(op, axis, first);
        var sum = first[ax];
        for (int i = 1; i < shapes.Count; i++)
        {
            var s = shapes[i];
            if (s.Rank != first.Rank)
                throw new CalcShapeException($"{op}: all arrays need the same number of axes, but {first} has {first.Rank} and {s} has {s.Rank}");
            for (int j = 0; j < s.Rank; j++)
                if (j != ax && !s[j].Equals(first[j]))
                    throw new CalcShapeException($"{op}: shapes {first} and {s} differ on axis {j} ({first[j]} and {s[j]}), which is not the joining axis {ax}");
            sum = Add(sum, s[ax]);
        }
        var d = first.Dims.ToArray();
        d[ax] = sum;
        return new SymbolicShape(d);
    }

    private static Dim Add(Dim a, Dim b)
    {
        if (a.IsKnown && b.IsKnown) return Dim.Of(a.Coefficient + b.Coefficient);
        if (a.Symbols.Order(StringComparer.Ordinal).SequenceEqual(b.Symbols.Order(StringComparer.Ordinal))) return Dim.Product([Dim.Of(a.Coefficient + b.Coefficient), Dim.Product(a.Symbols.Select(Dim.Symbol))]);
        throw new CalcShapeException($"the length {a} + {b} cannot be written as a product of dimensions; declare the joined array's shape instead");
    }

    private static bool IsOne(Dim d) => d.IsKnown && d.Coefficient == 1;

    private static string StripOp(string op, string message) =>
        message.StartsWith(op + ": ", StringComparison.Ordinal) ? message[(op.Length + 2)..] : message;
}
