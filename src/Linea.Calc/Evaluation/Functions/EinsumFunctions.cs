namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private static void AddEinsumFunctions(List<FunctionInfo> list)
    {
        list.Add(F("einsum", Prod, "einsum(\"subscripts\", A, B, ...)",
            "Einstein summation as NumPy's einsum(..., optimize=True): \"ij,jk->ik\" is A @ B, \"ii\" the trace, \"bij,bjk->bik\" a batched product, '...' broadcasts (float64)",
            "einsum(\"ij,jk->ik\", [[1, 2], [3, 4]], [[5, 6], [7, 8]])",
            ["subscripts"], 1, Einsum) with { VarArgs = true });
        list.Add(F("einsum_path", Prod, "einsum_path(\"subscripts\", A, B, ...)",
            "the pairwise contraction order einsum follows and its estimated flops, as numpy.einsum_path",
            "einsum_path(\"ij,jk,kl->il\", ones(10, 100), ones(100, 10), ones(10, 100))",
            ["subscripts"], 1, EinsumPath) with { VarArgs = true });
        list.Add(F("tensordot", Prod, "tensordot(a, b, axes=2)",
            "sums products over the last `axes` axes of a and the first of b; axes=(a_axes, b_axes) pairs axes explicitly",
            "tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], 1)",
            ["a", "b", "axes"], 2, Tensordot));
        list.Add(F("inner", Prod, "inner(a, b)", "sums products over the last axis of both: (..., k) and (..., k) give (a's other axes, b's other axes)",
            "inner([[1, 2], [3, 4]], [1, 1])",
            ["a", "b"], 2, a => Fn.Float(NDArray.Inner(a.NDArray("a"), a.NDArray("b")))));
    }

    private static NDArray<double>[] EinsumOperands(CallArgs a)
    {
        if (a.Rest.Count == 0)
            throw new CalcTypeException($"{a.Function.Name}: needs at least one array after the subscripts") { Hint = a.Usage };
        return a.Rest.Select((v, i) => ValueConversions.ToTensor(v, $"{a.Function.Name} (operand {i})")).ToArray();
    }

    private static Value Einsum(CallArgs a)
    {
        string subscripts = a.String("subscripts");
        var operands = EinsumOperands(a);
        EinsumPathInfo path;
        try { path = NDArray.EinsumPath(subscripts, operands); } // shapes only: check the limits before any arithmetic
        catch (ArgumentException)
        {
            return Fn.Float(NDArray.Einsum(subscripts, operands)); // throws the same error from validation, named "einsum"
        }
        a.Context.CheckElements(path.OutputShape.Size, "einsum");
        a.Context.CheckElements(path.LargestIntermediate, "einsum (largest intermediate)");
        a.Context.CheckWork(Math.Min(path.OptimizedFlops, path.NaiveFlops) / 2, "einsum");
        return Fn.Float(NDArray.Einsum(subscripts, operands));
    }

    private static Value EinsumPath(CallArgs a)
    {
        var path = NDArray.EinsumPath(a.String("subscripts"), EinsumOperands(a));
        return new StringValue(path.ToString().TrimEnd());
    }

    private static Value Tensordot(CallArgs a)
    {
        var x = a.NDArray("a");
        var y = a.NDArray("b");
        NDArray<double> result;
        if (a.Optional("axes") is TupleValue { Items.Count: 2 } pair)
        {
            int[] ax = AxisList(pair.Items[0], "tensordot: the axes of a"), bx = AxisList(pair.Items[1], "tensordot: the axes of b");
            result = NDArray.Tensordot(x, y, ax, bx);
        }
        else if (a.Optional("axes") is { } v && v is not ExactValue { Array.Count: 1 } && v is not FloatValue { NDArray.Size: 1 })
            throw new CalcTypeException($"tensordot: 'axes' must be an integer or a pair (a_axes, b_axes), got {v.Describe()}") { Hint = a.Usage };
        else
        {
            int n = a.Int("axes", 2);
            result = NDArray.Tensordot(x, y, n);
        }
        a.Context.CheckElements(result.Size, "tensordot");
        return Fn.Float(result);
    }

    /// <summary>An axis or a list of axes: <c>1</c>, <c>[0, 1]</c> or <c>(0, 1)</c>.</summary>
    private static int[] AxisList(Value v, string what) => v switch
    {
        TupleValue t => t.Items.Select((item, i) => ValueConversions.ToInt(item, $"{what} (item {i})")).ToArray(),
        ExactValue { Array.Rank: 1 } e => Enumerable.Range(0, e.Array.Count).Select(i =>
            ValueConversions.ToInt(ExactValue.Scalar(e.Array[i]), $"{what} (item {i})")).ToArray(),
        _ => [ValueConversions.ToInt(v, what)],
    };
}
