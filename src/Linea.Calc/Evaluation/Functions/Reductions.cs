using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Reduce = "reductions";

    private static void AddReductions(List<FunctionInfo> list)
    {
        foreach (var (name, desc, example) in new[]
        {
            ("sum", "sum of all elements, or along an axis; exact for exact input", "sum([[1, 2], [3, 4]], axis=0)"),
            ("mean", "arithmetic mean, of all elements or along an axis; exact for exact input", "mean([1, 2, 4])"),
            ("prod", "product of the elements, of all or along an axis", "prod([1, 2, 3, 4])"),
            ("min", "smallest element, of all or along an axis", "min([[3, 1], [2, 5]], axis=1)"),
            ("max", "largest element, of all or along an axis", "max([[3, 1], [2, 5]], axis=0)"),
            ("argmin", "index of the smallest element (of the flattened array, or along an axis)", "argmin([3, 1, 2])"),
            ("argmax", "index of the largest element (of the flattened array, or along an axis)", "argmax([[1, 9], [7, 3]], axis=1)"),
        })
        {
            string fn = name;
            list.Add(F(fn, Reduce, $"{fn}(A, axis=None{(fn.StartsWith("arg") ? "" : ", keepdims=0")})", desc, example,
                ["A", "axis"], 1, a => Reduction(a, fn)) with { AcceptsSymbolic = true, KeywordOnly = fn.StartsWith("arg") ? [] : ["keepdims"] });
        }
        list.Add(F("std", Reduce, "std(A, axis=None, ddof=0, keepdims=0)", "standard deviation (ddof=1 for the sample estimate)", "std([1, 2, 3, 4])",
            ["A", "axis"], 1, a => Spread(a, sqrt: true)) with { AcceptsSymbolic = true, KeywordOnly = ["ddof", "keepdims"] });
        list.Add(F("var", Reduce, "var(A, axis=None, ddof=0, keepdims=0)", "variance (ddof=1 for the sample estimate)", "var([1, 2, 3, 4])",
            ["A", "axis"], 1, a => Spread(a, sqrt: false)) with { AcceptsSymbolic = true, KeywordOnly = ["ddof", "keepdims"] });
    }

    private static Value Reduction(CallArgs a, string fn)
    {
        var x = a.Array("A");
        int? axis = a.OptionalInt("axis");
        bool keep = a.Bool("keepdims", false);
        bool arg = fn.StartsWith("arg");
        var shape = ShapeRules.Reduce(fn, x.SymbolicShape, arg && axis is null ? null : axis, keep);
        if (x is SymbolicValue) return new SymbolicValue(shape);
        if (x is SparseValue sp && fn is "sum" or "mean") return SparseSum(sp, fn, axis, keep);
        if (x is ComplexValue z)
        {
            if (fn is not ("sum" or "mean" or "prod")) throw ComplexOps.NoOrder(fn);
            int? ax = axis is null ? null : ShapeRules.NormalizeAxis(fn, axis.Value, x.SymbolicShape);
            return ComplexOps.Reduce(z, fn, ax, keep);
        }
        if (fn is "min" or "max" or "argmin" or "argmax" && x.SymbolicShape.Dims.Any(d => d.Coefficient == 0))
            throw new CalcShapeException($"{fn}: the array of shape {x.SymbolicShape} is empty, so it has no {fn.TrimStart('a', 'r', 'g')}imum");
        if (fn == "mean" && EmptySlice(a, fn, x, axis))
            x = x is ExactValue ? new FloatValue(ValueConversions.ToTensor(x, fn)) : x; // NaN, as NumPy: an exact 0/0 has no value
        if (x is ExactValue e && fn != "prod") return new ExactValue(ExactReduce(e.Array, fn, axis, keep));
        var t = ValueConversions.ToTensor(x, fn);
        int[]? axes = axis is null ? null : [ShapeRules.NormalizeAxis(fn, axis.Value, x.SymbolicShape)];
        int[] all = Enumerable.Range(0, t.Rank).ToArray();
        return fn switch
        {
            "sum" => Fn.Float(t.Sum(axes ?? all, keep)),
            "mean" => Fn.Float(t.Mean(axes ?? all, keep)),
            "prod" => Fn.Float(t.Prod(axes ?? all, keep)),
            "min" => Fn.Float(t.Min(axes ?? all, keep)),
            "max" => Fn.Float(t.Max(axes ?? all, keep)),
            "argmax" => axis is null ? Fn.Int(t.ArgMax()) : Fn.Indices(t.ArgMax(axes![0]).AsType<double>()),
            _ => axis is null ? Fn.Int(t.ArgMin()) : Fn.Indices(t.ArgMin(axes![0]).AsType<double>()),
        };
    }

    private static Value Spread(CallArgs a, bool sqrt)
    {
        string fn = sqrt ? "std" : "var";
        var x = a.Array("A");
        int? axis = a.OptionalInt("axis");
        bool keep = a.Bool("keepdims", false);
        int ddof = a.Int("ddof", 0);
        var shape = ShapeRules.Reduce(fn, x.SymbolicShape, axis, keep);
        if (x is SymbolicValue) return new SymbolicValue(shape);
        EmptySlice(a, fn, x, axis);
        var t = ValueConversions.ToTensor(x, fn);
        int[]? axes = axis is null ? null : [ShapeRules.NormalizeAxis(fn, axis.Value, x.SymbolicShape)];
        var v = t.Var(axes, ddof, keep);
        return Fn.Float(sqrt ? NDArray.Sqrt(v) : v);
    }

    /// <summary>
    /// Whether <paramref name="fn"/> (mean, std, var) reduces slices with no elements (the whole array is empty, or the
    /// axis has length 0) while the result has elements; then the result is NaN, with NumPy's warning ("Mean of empty
    /// slice") naming the empty axis rather than a division by zero.
    /// </summary>
    private static bool EmptySlice(CallArgs a, string fn, ArrayLike x, int? axis)
    {
        var shape = x.SymbolicShape;
        if (x is SymbolicValue) return false;
        bool empty;
        string where;
        if (axis is null || shape.Rank == 0)
        {
            empty = shape.Dims.Any(d => d.Coefficient == 0);
            where = $"the array of shape {shape} has no elements";
        }
        else
        {
            int ax = ShapeRules.NormalizeAxis(fn, axis.Value, shape);
            empty = shape[ax].Coefficient == 0 && !shape.Dims.Where((_, i) => i != ax).Any(d => d.Coefficient == 0);
            where = $"axis {ax} of shape {shape} is empty";
        }
        if (!empty) return false;
        string what = fn == "mean" ? "mean of an empty slice" : $"{fn} of an empty slice";
        a.Context.Warn($"{fn}: {what} ({where}), so the result is nan");
        return true;
    }

    /// <summary>sum, mean, min, max, argmin, argmax of an exact array (rank 0 to 2), over all elements or one axis.</summary>
    private static ExactArray ExactReduce(ExactArray x, string fn, int? axis, bool keep)
    {
        var shape = x.Shape;
        var data = x.ToArray();
        if (axis is null || shape.Length <= 1)
        {
            var r = Fold(fn, data);
            if (fn.StartsWith("arg") || !keep || shape.Length == 0) return ExactArray.Scalar(r);
            return new ExactArray(shape.Select(_ => 1).ToArray(), [r]);
        }
        int ax = ShapeRules.NormalizeAxis(fn, axis.Value, SymbolicShape.Of(shape));
        int rows = shape[0], cols = shape[1];
        int outer = ax == 0 ? cols : rows, inner = ax == 0 ? rows : cols;
        var result = new BigRational[outer];
        var line = new BigRational[inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++) line[i] = ax == 0 ? data[i * cols + o] : data[o * cols + i];
            result[o] = Fold(fn, line);
        }
        int[] outShape = keep ? (ax == 0 ? [1, cols] : [rows, 1]) : [outer];
        return new ExactArray(outShape, result);
    }

    private static BigRational Fold(string fn, BigRational[] xs)
    {
        switch (fn)
        {
            case "sum":
            case "mean":
                var s = BigRational.Zero;
                foreach (var v in xs) s = ExactLimits.Check(s + v);
                return fn == "sum" ? s : s / xs.Length;
            case "min": return xs.Aggregate(BigRational.Min);
            case "max": return xs.Aggregate(BigRational.Max);
            default:
                int best = 0;
                for (int i = 1; i < xs.Length; i++)
                    if (fn == "argmax" ? xs[i] > xs[best] : xs[i] < xs[best]) best = i;
                return best;
        }
    }

    /// <summary>sum and mean of a sparse matrix from its stored entries, never densified: a scalar, or a dense vector along an axis.</summary>
    private static Value SparseSum(SparseValue s, string fn, int? axis, bool keep)
    {
        var m = s.Matrix;
        if (axis is null)
        {
            double total = m.Sum();
            double count = (double)m.Rows * m.Columns;
            var t = NDArray.Scalar(fn == "sum" ? total : total / count);
            return Fn.Float(keep ? t.Reshape(1, 1) : t);
        }
        int ax = ShapeRules.NormalizeAxis(fn, axis.Value, s.SymbolicShape);
        var v = m.Sum(ax).Contiguous().Reshape(-1);
        if (fn == "mean") v = v / (double)(ax == 0 ? m.Rows : m.Columns);
        return Fn.Float(keep ? (ax == 0 ? v.Reshape(1, -1) : v.Reshape(-1, 1)) : v);
    }
}
