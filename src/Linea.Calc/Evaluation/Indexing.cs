using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

/// <summary>One evaluated index entry: a position, or a slice whose parts may be absent.</summary>
internal abstract record IndexSpec;

internal sealed record AtSpec(int Index) : IndexSpec;

internal sealed record SliceSpec(int? Start, int? Stop, int? Step) : IndexSpec;

/// <summary>
/// NumPy's basic indexing (integers and slices, negative positions counting from the end) on every kind of
/// array: Linea's views for float64, a gather for exact arrays, shape arithmetic for declared shapes.
/// </summary>
internal static class Indexing
{
    public static Value Apply(Value target, IReadOnlyList<IndexSpec> specs)
    {
        if (target is TupleValue tuple) return IndexTuple(tuple, specs);
        var a = ValueConversions.ToArrayLike(target, "index");
        if (specs.Count > a.Rank)
            throw new CalcShapeException($"index: {specs.Count} indices given for an array of shape {a.SymbolicShape} with {a.Rank} axes");
        foreach (var s in specs)
            if (s is SliceSpec { Step: 0 }) throw new CalcTypeException("index: a slice step cannot be zero");
        return a switch
        {
            FloatValue f => new FloatValue(f.NDArray[specs.Select(ToSlice).ToArray()]),
            ComplexValue z => ComplexOps.Map(z, t => t[specs.Select(ToSlice).ToArray()]),
            ExactValue e => new ExactValue(Gather(e.Array, specs)),
            SymbolicValue s => new SymbolicValue(SymbolicResult(s.Shape, specs)),
            SparseValue sp => new FloatValue(SparseDensify.ToDense(sp, "index")[specs.Select(ToSlice).ToArray()]),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary><c>svd(A)[1]</c>, <c>shape(A)[-1]</c>, <c>t[1:]</c>: one position or a slice of a tuple.</summary>
    private static Value IndexTuple(TupleValue t, IReadOnlyList<IndexSpec> specs)
    {
        if (specs.Count != 1)
            throw new CalcTypeException($"index: a tuple takes one index, got {specs.Count}") { Hint = "index the element: t[0][1, 2]" };
        if (specs[0] is SliceSpec { Step: 0 }) throw new CalcTypeException("index: a slice step cannot be zero");
        var (positions, keep) = Select(specs[0], t.Items.Count, 0);
        if (!keep) return t.Items[positions[0]];
        return new TupleValue(positions.Select(i => t.Items[i]).ToList())
        { Names = t.Names is null ? null : positions.Select(i => t.Names[i]).ToList() };
    }

    private static Slice ToSlice(IndexSpec s) => s switch
    {
        AtSpec at => Slice.At(at.Index),
        SliceSpec sl => Slice.Range(sl.Start, sl.Stop, sl.Step ?? 1),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The positions selected along an axis of length <paramref name="n"/>, or one position for an integer (Python's slice.indices).</summary>
    public static (int[] Positions, bool Keep) Select(IndexSpec spec, int n, int axis)
    {
        if (spec is AtSpec at)
        {
            int i = at.Index < 0 ? at.Index + n : at.Index;
            if (i < 0 || i >= n)
                throw new CalcException($"index: {at.Index} is out of range for axis {axis} with length {n} (use -{n} .. {n - 1})");
            return ([i], false);
        }
        var s = (SliceSpec)spec;
        int step = s.Step ?? 1;
        int start, stop;
        if (step > 0)
        {
            start = s.Start is null ? 0 : Clamp(s.Start.Value, n, 0, n);
            stop = s.Stop is null ? n : Clamp(s.Stop.Value, n, 0, n);
        }
        else
        {
            start = s.Start is null ? n - 1 : Clamp(s.Start.Value, n, -1, n - 1);
            stop = s.Stop is null ? -1 : Clamp(s.Stop.Value, n, -1, n - 1);
        }
        var list = new List<int>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) list.Add((int)i);
        return (list.ToArray(), true);
    }

    private static int Clamp(int v, int n, int lo, int hi)
    {
        long x = v < 0 ? (long)v + n : v;
        return (int)Math.Clamp(x, lo, hi);
    }

    private static ExactArray Gather(ExactArray a, IReadOnlyList<IndexSpec> specs)
    {
        var shape = a.Shape;
        var picks = new (int[] Positions, bool Keep)[shape.Length];
        for (int ax = 0; ax < shape.Length; ax++)
            picks[ax] = ax < specs.Count ? Select(specs[ax], shape[ax], ax) : (Enumerable.Range(0, shape[ax]).ToArray(), true);
        var outShape = picks.Where(p => p.Keep).Select(p => p.Positions.Length).ToArray();
        var data = a.ToArray();
        if (shape.Length == 0) return a;
        if (shape.Length == 1)
            return new ExactArray(outShape, picks[0].Positions.Select(i => data[i]).ToArray());
        int cols = shape[1];
        var result = new BigRational[picks[0].Positions.Length * picks[1].Positions.Length];
        int k = 0;
        foreach (int i in picks[0].Positions)
            foreach (int j in picks[1].Positions)
                result[k++] = data[i * cols + j];
        return new ExactArray(outShape, result);
    }

    private static SymbolicShape SymbolicResult(SymbolicShape s, IReadOnlyList<IndexSpec> specs)
    {
        var dims = new List<Dim>();
        for (int ax = 0; ax < s.Rank; ax++)
        {
            var d = s[ax];
            if (ax >= specs.Count) { dims.Add(d); continue; }
            var spec = specs[ax];
            if (d.IsKnown && d.Coefficient <= int.MaxValue)
            {
                var (pos, keep) = Select(spec, (int)d.Coefficient, ax);
                if (keep) dims.Add(Dim.Of(pos.Length));
                continue;
            }
            switch (spec)
            {
                case AtSpec: break; // the position cannot be checked against a symbolic length
                case SliceSpec { Start: null, Stop: null, Step: null or 1 }: dims.Add(d); break;
                default:
                    throw new CalcShapeException($"index: the slice on axis {ax} of {s} has a length that depends on the symbolic dimension {d}")
                    { Hint = "declare the sliced array's shape instead" };
            }
        }
        return new SymbolicShape(dims);
    }
}
