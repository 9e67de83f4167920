using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

/// <summary>
/// Builds the value of a bracket literal from its evaluated elements. NumPy form (<c>[[1, 2], [3, 4]]</c>): elements
/// of one shape stack along a new first axis. MATLAB form (<c>[1 2; 3 4]</c>): each row's elements (scalars, row
/// vectors, matrices with equal row counts) join side by side and the rows stack, giving a matrix; a single row of
/// scalars (<c>[1 2 3]</c>) gives a vector, as <c>[1, 2, 3]</c> does. All-exact
/// elements give an exact array when the result has at most two axes; otherwise float64.
/// </summary>
internal static class ArrayLiterals
{
    public static Value Build(EvalContext ctx, IReadOnlyList<IReadOnlyList<Value>> rows, bool matlab)
    {
        var arrays = rows.Select(r => r.Select(v => ValueConversions.ToArrayLike(v, "matrix literal")).ToList()).ToList();
        if (matlab && arrays.Count == 1 && arrays[0].All(a => a.Rank == 0)) return BuildNumPy(ctx, arrays[0]);
        return matlab ? BuildMatlab(ctx, arrays) : BuildNumPy(ctx, arrays[0]);
    }

    private static Value BuildNumPy(EvalContext ctx, List<ArrayLike> items)
    {
        if (items.Count == 0) return new ExactValue(ExactArray.Vector());
        var shape = items[0].SymbolicShape;
        for (int i = 1; i < items.Count; i++)
            if (!items[i].SymbolicShape.Equals(shape))
                throw new CalcShapeException(
                    $"matrix literal: element {i} has shape {items[i].SymbolicShape} but element 0 has shape {shape}; every row needs the same length")
                { Hint = "rows of a matrix must have equal lengths: [[1, 2], [3, 4]]" };
        var outShape = new SymbolicShape(new[] { Dim.Of(items.Count) }.Concat(shape.Dims));
        if (items.Any(v => v is SymbolicValue)) return new SymbolicValue(outShape);
        ctx.CheckElements(ArrayOperators.Count(outShape), "matrix literal");
        var dims = outShape.ToInts();
        if (items.All(v => v is ExactValue) && dims.Length <= 2)
        {
            var data = items.SelectMany(v => ((ExactValue)v).Array.ToArray()).ToArray();
            return new ExactValue(new ExactArray(dims, data));
        }
        if (items.Any(v => v is ComplexValue))
            return ComplexOps.Literal(dims, part => items.SelectMany(part).ToArray());
        var flat = items.SelectMany(v => ValueConversions.ToTensor(v, "matrix literal").Contiguous().ToArray()).ToArray();
        return new FloatValue(NDArray.FromArray(flat, dims));
    }

    private static Value BuildMatlab(EvalContext ctx, List<List<ArrayLike>> rows)
    {
        foreach (var row in rows)
            foreach (var v in row)
                if (v.Rank > 2)
                    throw new CalcShapeException($"matrix literal: a {v.Rank}-d element of shape {v.SymbolicShape} cannot be a block of a matrix");
        var blockRows = rows.Select(r => r.Select(As2D).ToList()).ToList();
        // shapes first: each row joins along columns, the rows along rows
        var rowShapes = blockRows.Select((r, i) => ShapeRules.Concatenate($"matrix literal row {i}", r, 1)).ToList();
        var total = ShapeRules.Concatenate("matrix literal", rowShapes, 0);
        if (rows.Any(r => r.Any(v => v is SymbolicValue))) return new SymbolicValue(total);
        ctx.CheckElements(ArrayOperators.Count(total), "matrix literal");
        var dims = total.ToInts();
        bool exact = rows.All(r => r.All(v => v is ExactValue));
        if (exact)
        {
            var data = Assemble(rows, dims, v => ((ExactValue)v).Array.ToArray());
            return new ExactValue(new ExactArray(dims, data));
        }
        if (rows.Any(r => r.Any(v => v is ComplexValue)))
            return ComplexOps.Literal(dims, part => Assemble(rows, dims, part));
        var flat = Assemble(rows, dims, v => ValueConversions.ToTensor(v, "matrix literal").Contiguous().ToArray());
        return new FloatValue(NDArray.FromArray(flat, dims));
    }

    private static SymbolicShape As2D(ArrayLike v) => v.Rank switch
    {
        0 => new SymbolicShape([Dim.Of(1), Dim.Of(1)]),
        1 => new SymbolicShape([Dim.Of(1), v.SymbolicShape[0]]),
        _ => v.SymbolicShape,
    };

    private static T[] Assemble<T>(List<List<ArrayLike>> rows, int[] dims, Func<ArrayLike, T[]> data)
    {
        int cols = dims[1];
        var result = new T[dims[0] * cols];
        int top = 0;
        foreach (var row in rows)
        {
            int left = 0, height = 0;
            foreach (var v in row)
            {
                var s = As2D(v).ToInts();
                var d = data(v);
                for (int i = 0; i < s[0]; i++)
                    for (int j = 0; j < s[1]; j++)
                        result[(top + i) * cols + left + j] = d[i * s[1] + j];
                left += s[1];
                height = s[0];
            }
            top += height;
        }
        return result;
    }
}
