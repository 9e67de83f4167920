using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string ShapeCategory = "shapes";

    private static void AddShapeFunctions(List<FunctionInfo> list)
    {
        list.Add(F("reshape", ShapeCategory, "reshape(A, d1, d2, ...)", "the same elements in a new shape (row-major); one dimension may be -1", "reshape(arange(6), 2, 3)",
            ["A", "shape"], 2, Reshape) with { VarArgs = true, AcceptsSymbolic = true });
        list.Add(F("shape", ShapeCategory, "shape(A)", "the shape as a tuple", "shape([[1, 2, 3], [4, 5, 6]])",
            ["A"], 1, ShapeOf) with { AcceptsSymbolic = true });
        list.Add(F("ndim", ShapeCategory, "ndim(A)", "the number of axes", "ndim([[1, 2], [3, 4]])",
            ["A"], 1, a => Fn.Int(a.Array("A").Rank)) with { AcceptsSymbolic = true });
        list.Add(F("size", ShapeCategory, "size(A)", "the number of elements", "size(zeros(3, 4))",
            ["A"], 1, Size) with { AcceptsSymbolic = true });
        list.Add(F("transpose", ShapeCategory, "transpose(A, axes...)", "axes reversed (like A.T), or permuted: transpose(Q, 0, 1, 3, 2)", "transpose([[1, 2, 3]])",
            ["A", "axes"], 1, Transpose) with { VarArgs = true, AcceptsSymbolic = true });
        list.Add(F("swapaxes", ShapeCategory, "swapaxes(A, axis1, axis2)", "two axes interchanged: swapaxes(K, -1, -2) is K.mT", "swapaxes(zeros(2, 3), 0, 1)",
            ["A", "axis1", "axis2"], 3, SwapAxes) with { AcceptsSymbolic = true });
        list.Add(F("ravel", ShapeCategory, "ravel(A)", "the elements as a vector, row by row", "ravel([[1, 2], [3, 4]])",
            ["A"], 1, a => ReshapeTo(a.Array("A"), [null], a)) with { AcceptsSymbolic = true, Aliases = ["flatten"] });
        list.Add(F("hstack", ShapeCategory, "hstack(A, B, ...)", "arrays side by side (vectors end to end); sparse when any block is sparse", "hstack([[1], [2]], [[3], [4]])",
            ["arrays"], 1, a => Join(a, horizontal: true)) with { VarArgs = true, AcceptsSymbolic = true });
        list.Add(F("vstack", ShapeCategory, "vstack(A, B, ...)", "arrays one below the other (vectors become rows); sparse when any block is sparse", "vstack([1, 2], [3, 4])",
            ["arrays"], 1, a => Join(a, horizontal: false)) with { VarArgs = true, AcceptsSymbolic = true });
    }

    private static Value Reshape(CallArgs a) => ReshapeTo(a.Array("A"), a.SymbolicShapeArgument("shape"), a);

    private static Value ReshapeTo(ArrayLike x, Dim?[] target, CallArgs a)
    {
        var shape = ShapeRules.Reshape(x.SymbolicShape, target);
        if (x is SymbolicValue) return new SymbolicValue(shape);
        var dims = shape.ToInts();
        if (x is ExactValue e && dims.Length <= 2) return new ExactValue(new ExactArray(dims, e.Array.ToArray()));
        if (x is ComplexValue z) return ComplexOps.Map(z, t => t.Contiguous().Reshape(dims));
        return Fn.Float(ValueConversions.ToTensor(x, a.Function.Name).Contiguous().Reshape(dims));
    }

    private static Value ShapeOf(CallArgs a)
    {
        var s = a.Array("A").SymbolicShape;
        return new TupleValue(s.Dims.Select(d => d.IsKnown
            ? (Value)Fn.Int(d.Coefficient)
            : new SymbolicValue(new SymbolicShape([])) { DimensionValue = d }).ToList());
    }

    private static Value Size(CallArgs a)
    {
        var count = Dim.Product(a.Array("A").SymbolicShape.Dims);
        return count.IsKnown ? Fn.Int(count.Coefficient) : new SymbolicValue(new SymbolicShape([])) { DimensionValue = count };
    }

    private static Value Transpose(CallArgs a)
    {
        var x = a.Array("A");
        var axesValues = new List<Value>();
        if (a.Has("axes")) axesValues.Add(a.Get("axes"));
        axesValues.AddRange(a.Rest);
        if (axesValues.Count == 1 && axesValues[0] is TupleValue t) axesValues = t.Items.ToList();
        if (axesValues.Count == 0) return ArrayOperators.Transpose(x, Syntax.TransposeKind.T);
        var axes = axesValues.Select((v, i) => ValueConversions.ToInt(v, $"transpose: axis {i}")).ToArray();
        return Permute(x, axes);
    }

    private static Value SwapAxes(CallArgs a)
    {
        var x = a.Array("A");
        int i = ShapeRules.NormalizeAxis("swapaxes", a.Int("axis1"), x.SymbolicShape);
        int j = ShapeRules.NormalizeAxis("swapaxes", a.Int("axis2"), x.SymbolicShape);
        var axes = Enumerable.Range(0, x.Rank).ToArray();
        (axes[i], axes[j]) = (axes[j], axes[i]);
        return Permute(x, axes);
    }

    private static Value Permute(ArrayLike x, int[] axes)
    {
        var shape = ShapeRules.Permute(x.SymbolicShape, axes);
        switch (x)
        {
            case SymbolicValue: return new SymbolicValue(shape);
            case ExactValue e:
                bool swap = x.Rank == 2 && ShapeRules.NormalizeAxis("transpose", axes[0], x.SymbolicShape) == 1;
                return swap ? new ExactValue(ExactOps.Transpose(e.Array)) : e;
            case ComplexValue z:
                return ComplexOps.Permute(z, axes, x.SymbolicShape);
            default:
                var t = ValueConversions.ToTensor(x, "transpose");
                return Fn.Float(t.Transpose(axes.Select(ax => ShapeRules.NormalizeAxis("transpose", ax, x.SymbolicShape)).ToArray()));
        }
    }

    private static Value Join(CallArgs a, bool horizontal)
    {
        string fn = horizontal ? "hstack" : "vstack";
        var items = new List<Value> { a.Get("arrays") };
        items.AddRange(a.Rest);
        if (items.Count == 1 && items[0] is TupleValue t) items = t.Items.ToList();
        var arrays = items.Select(v => ValueConversions.ToArrayLike(v, fn)).ToList();
        foreach (var v in arrays)
            if (v.Rank == 0) throw new CalcShapeException($"{fn}: cannot join a scalar; wrap it in brackets: [x]");
        // NumPy: hstack joins vectors end to end and everything else along axis 1; vstack makes vectors rows
        var shapes = arrays.Select(v => !horizontal && v.Rank == 1
            ? new SymbolicShape([Dim.Of(1), v.SymbolicShape[0]])
            : v.SymbolicShape).ToList();
        int axis = horizontal && arrays[0].Rank > 1 ? 1 : 0;
        var result = ShapeRules.Concatenate(fn, shapes, axis);
        if (arrays.Any(v => v is SymbolicValue)) return new SymbolicValue(result);
        if (arrays.Any(v => v is SparseValue) && result.Rank == 2) return SparseJoin(a, arrays, horizontal, fn);
        a.Context.CheckElements(ArrayOperators.Count(result), fn);
        var dims = result.ToInts();
        if (arrays.All(v => v is ExactValue) && dims.Length <= 2)
        {
            var parts = arrays.Select(v => ((ExactValue)v).Array).ToList();
            return new ExactValue(ConcatExact(parts, shapes.Select(s => s.ToInts()).ToList(), dims, axis));
        }
        if (arrays.Any(v => v is ComplexValue)) return ComplexOps.Join(arrays, horizontal, fn);
        var tensors = arrays.Select(v => ValueConversions.ToTensor(v, fn)).ToArray();
        return Fn.Float(horizontal ? NDArray.HStack(tensors) : NDArray.VStack(tensors));
    }

    /// <summary>hstack/vstack with a sparse matrix among the blocks: sparse, as SciPy's sparse.hstack (dense blocks are converted).</summary>
    private static Value SparseJoin(CallArgs a, List<ArrayLike> arrays, bool horizontal, string fn)
    {
        var blocks = arrays.Select(v => AsSparse(a, v, fn)).ToArray();
        a.Context.CheckElements(blocks.Sum(b => (double)b.Nnz), $"{fn} (stored entries)");
        return new SparseValue(horizontal ? Sparse.Hstack<double>(blocks) : Sparse.Vstack<double>(blocks));
    }

    /// <summary>A sparse matrix as it is; a dense array as the sparse matrix of its nonzeros (a vector as one row).</summary>
    private static SparseMatrix<double> AsSparse(CallArgs a, ArrayLike v, string fn)
    {
        if (v is SparseValue s) return s.Matrix;
        if (v is ComplexValue) throw new CalcTypeException($"{fn}: sparse matrices are float64; a complex block is not supported") { Hint = "full(S) gives the dense matrix" };
        var t = ValueConversions.ToTensor(v, fn);
        if (t.Rank > 2) throw new CalcShapeException($"{fn}: a sparse matrix joins matrices, got a block of shape {t.Shape}");
        return Sparse.FromDense(t.Rank == 2 ? t : t.Contiguous().Reshape(1, -1));
    }

    private static ExactArray ConcatExact(List<ExactArray> parts, List<int[]> shapes, int[] dims, int axis)
    {
        var result = new BigRational[dims.Aggregate(1, (p, d) => p * d)];
        if (dims.Length == 1)
        {
            int k = 0;
            foreach (var p in parts) foreach (var x in p.AsSpan()) result[k++] = x;
            return new ExactArray(dims, result);
        }
        int cols = dims[1], offset = 0;
        for (int n = 0; n < parts.Count; n++)
        {
            var data = parts[n].ToArray();
            int r = shapes[n][0], c = shapes[n][1];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++)
                {
                    int row = axis == 0 ? offset + i : i, col = axis == 1 ? offset + j : j;
                    result[row * cols + col] = data[i * c + j];
                }
            offset += axis == 0 ? r : c;
        }
        return new ExactArray(dims, result);
    }
}
