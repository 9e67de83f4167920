using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

internal static partial class ComplexOps
{
    /// <summary>
    /// sum, mean or prod of a complex array, over all elements or along one axis (axis already normalized), with
    /// NumPy's keepdims. Sums and means reduce each part with Linea's real reductions; the product multiplies the
    /// elements of each line in order.
    /// </summary>
    public static ComplexValue Reduce(ComplexValue z, string fn, int? axis, bool keepDims)
    {
        var t = z.NDArray;
        int[] axes = axis is { } ax ? [ax] : Enumerable.Range(0, t.Rank).ToArray();
        switch (fn)
        {
            case "sum": return ComplexValue.Of(t.Real.Sum(axes, keepDims), t.Imag.Sum(axes, keepDims));
            case "mean": return ComplexValue.Of(t.Real.Mean(axes, keepDims), t.Imag.Mean(axes, keepDims));
        }
        // prod: move the reduced axes to the end, then multiply along each row of a (outer, inner) view
        var dims = t.Shape.ToIntArray();
        var order = Enumerable.Range(0, t.Rank).Where(i => !axes.Contains(i)).Concat(axes).ToArray();
        int inner = 1;
        foreach (int a in axes) inner *= dims[a];
        var re = t.Real.Transpose(order).ToArray();
        var im = t.Imag.Transpose(order).ToArray();
        int outer = inner == 0 ? dims.Where((_, i) => !axes.Contains(i)).Aggregate(1, (p, d) => p * d) : re.Length / inner;
        var pr = new double[outer];
        var pi = new double[outer];
        for (int o = 0; o < outer; o++)
        {
            double r = 1, m = 0;
            for (int i = 0; i < inner; i++)
                (r, m) = i == 0 ? (re[o * inner], im[o * inner]) : Multiply(r, m, re[o * inner + i], im[o * inner + i]);
            (pr[o], pi[o]) = (r, m);
        }
        var outShape = keepDims
            ? dims.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
            : dims.Where((_, i) => !axes.Contains(i)).ToArray();
        return ComplexValue.Of(NDArray.Wrap(pr, outShape), NDArray.Wrap(pi, outShape));
    }

    /// <summary>hstack/vstack of arrays of which at least one is complex; real ones get zero imaginary parts.</summary>
    public static ComplexValue Join(IReadOnlyList<ArrayLike> arrays, bool horizontal, string fn)
    {
        var parts = arrays.Select(v => ToComplex(v, fn)).ToList();
        var re = parts.Select(p => p.Real).ToArray();
        var im = parts.Select(p => p.Imag).ToArray();
        return horizontal
            ? ComplexValue.Of(NDArray.HStack(re), NDArray.HStack(im))
            : ComplexValue.Of(NDArray.VStack(re), NDArray.VStack(im));
    }

    /// <summary>
    /// The array of a bracket literal with at least one complex element: the elements' real and imaginary parts,
    /// each laid out by <paramref name="assemble"/> (which places one part of every element into the result).
    /// </summary>
    public static ComplexValue Literal(int[] dims, Func<Func<ArrayLike, double[]>, double[]> assemble)
    {
        var re = assemble(v => ToComplex(v, "matrix literal").Real.ToArray());
        var im = assemble(v => ToComplex(v, "matrix literal").Imag.ToArray());
        return ComplexValue.Of(NDArray.FromArray(re, dims), NDArray.FromArray(im, dims));
    }

    /// <summary>The trace of one complex matrix: the sum of its diagonal, part by part.</summary>
    public static ComplexValue Trace(ComplexValue z)
    {
        var t = z.NDArray;
        if (t.Rank != 2) throw new CalcShapeException($"trace: needs one matrix, got shape {t.Shape}");
        return ComplexValue.Scalar(NDArray.Trace(t.Real), NDArray.Trace(t.Imag));
    }

    /// <summary>The permuted axes of a complex array (the axes are already checked by the shape rules).</summary>
    public static ComplexValue Permute(ComplexValue z, int[] axes, SymbolicShape shape) =>
        Map(z, t => t.Transpose(axes.Select(ax => ShapeRules.NormalizeAxis("transpose", ax, shape)).ToArray()));
}
