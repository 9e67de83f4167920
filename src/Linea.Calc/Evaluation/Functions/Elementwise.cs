using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Elem = "element-wise";

    private static void AddElementwise(List<FunctionInfo> list)
    {
        Unary(list, "exp", "e to the power x", "exp([0, 1])", NDArray.Exp);
        Unary(list, "log", "natural logarithm (nan below 0, -inf at 0)", "log([1, e])", NDArray.Log);
        Unary(list, "sqrt", "square root (nan below 0)", "sqrt([4, 2])", NDArray.Sqrt);
        Unary(list, "tanh", "hyperbolic tangent", "tanh([-1, 0, 1])", NDArray.Tanh);
        Unary(list, "sigmoid", "logistic function 1 / (1 + exp(-x))", "sigmoid([-1, 0, 1])", NDArray.Sigmoid);
        Unary(list, "sin", "sine (radians)", "sin(pi / 6)", t => Map(t, Math.Sin));
        Unary(list, "cos", "cosine (radians)", "cos(pi / 3)", t => Map(t, Math.Cos));
        Unary(list, "tan", "tangent (radians)", "tan(pi / 4)", t => Map(t, Math.Tan));
        Unary(list, "abs", "absolute value; exact for exact input; the modulus hypot(re, im) of complex input", "abs([-3/2, 2])", NDArray.Abs, x => x.Abs(),
            z => z.Abs());
        Unary(list, "relu", "max(x, 0); exact for exact input", "relu([-1, 0, 2])", NDArray.Relu, x => x.Sign < 0 ? BigRational.Zero : x);
        Unary(list, "floor", "largest integer not above x; exact for exact input", "floor([-3/2, 5/2])", t => Map(t, Math.Floor), x => x.Floor());
        Unary(list, "ceil", "smallest integer not below x; exact for exact input", "ceil([-3/2, 5/2])", t => Map(t, Math.Ceiling), x => -(-x).Floor());
        Unary(list, "round", "nearest integer, halves to even (as NumPy); exact for exact input", "round([1/2, 3/2, 2.7])",
            t => Map(t, x => Math.Round(x, MidpointRounding.ToEven)), RoundHalfEven);
        Unary(list, "sign", "-1, 0 or 1 by the sign of x; exact for exact input", "sign([-2, 0, 3])", t => Map(t, x => double.IsNaN(x) ? x : Math.Sign(x)), x => x.Sign);
        list.Add(F("softmax", Elem, "softmax(x, axis=-1)", "exp(x) / sum(exp(x)) along an axis, computed stably", "softmax([1, 2, 3])",
            ["x", "axis"], 1, a => AxisWise(a, NDArray.Softmax)) with { AcceptsSymbolic = true });
        list.Add(F("log_softmax", Elem, "log_softmax(x, axis=-1)", "log(softmax(x)) without overflow", "log_softmax([-1000, 0, 1000])",
            ["x", "axis"], 1, a => AxisWise(a, NDArray.LogSoftmax)) with { AcceptsSymbolic = true });
        list.Add(F("clip", Elem, "clip(x, lo, hi)", "each element limited to [lo, hi]", "clip([-2, 0.5, 3], 0, 1)",
            ["x", "lo", "hi"], 3, a =>
            {
                var x = a.Array("x");
                if (x is SymbolicValue sx) return new SymbolicValue(sx.Shape); // a function of a dimension is not a dimension
                return Fn.Float(NDArray.Clip(a.NDArray("x"), a.Double("lo", 0), a.Double("hi", 0)));
            }) with { AcceptsSymbolic = true });
        list.Add(F("maximum", Elem, "maximum(a, b)", "element-wise larger value, with broadcasting (NaN propagates)", "maximum([1, 5], [3, 2])",
            ["a", "b"], 2, a => Extremum(a, max: true)) with { AcceptsSymbolic = true });
        list.Add(F("minimum", Elem, "minimum(a, b)", "element-wise smaller value, with broadcasting (NaN propagates)", "minimum([1, 5], [3, 2])",
            ["a", "b"], 2, a => Extremum(a, max: false)) with { AcceptsSymbolic = true });
    }

    private static void Unary(List<FunctionInfo> list, string name, string description, string example,
        Func<NDArray<double>, NDArray<double>> floatOp, Func<BigRational, BigRational>? exactOp = null,
        Func<ComplexTensor<double>, NDArray<double>>? complexOp = null)
    {
        list.Add(F(name, Elem, $"{name}(x)", description, example, ["x"], 1, a =>
        {
            var x = a.Array("x");
            if (x is SymbolicValue sx) return new SymbolicValue(sx.Shape); // a function of a dimension is not a dimension
            if (exactOp is not null && x is ExactValue e) return new ExactValue(Map(e.Array, exactOp));
            if (complexOp is not null && x is ComplexValue z) return Fn.Float(complexOp(z.NDArray));
            return Fn.Float(floatOp(a.NDArray("x")));
        }) with { AcceptsSymbolic = true });
    }

    private static Value AxisWise(CallArgs a, Func<NDArray<double>, int, NDArray<double>> op)
    {
        var x = a.Array("x");
        int axis = a.Int("axis", -1);
        if (x.Rank == 0) throw new CalcShapeException($"{a.Function.Name}: needs at least a vector, got a scalar");
        ShapeRules.NormalizeAxis(a.Function.Name, axis, x.SymbolicShape);
        if (x is SymbolicValue sx) return new SymbolicValue(sx.Shape); // a function of a dimension is not a dimension
        return Fn.Float(op(a.NDArray("x"), axis)); // an empty array gives an empty result (SciPy's softmax([]) is [])
    }

    private static Value Extremum(CallArgs a, bool max)
    {
        var x = a.Array("a");
        var y = a.Array("b");
        var shape = ShapeRules.Broadcast(a.Function.Name, x.SymbolicShape, y.SymbolicShape);
        if (x is SymbolicValue || y is SymbolicValue) return new SymbolicValue(shape);
        a.Context.CheckElements(ArrayOperators.Count(shape), a.Function.Name);
        var tx = a.NDArray("a");
        var ty = a.NDArray("b");
        return Fn.Float(max ? NDArray.Maximum(tx, ty) : NDArray.Minimum(tx, ty));
    }

    private static BigRational RoundHalfEven(BigRational x)
    {
        var f = x.Floor();
        var diff = x - f;
        var half = new BigRational(1, 2);
        if (diff > half) return f + 1;
        if (diff < half) return f;
        return f.IsEven ? f : f + 1;
    }

    /// <summary>A float function applied to every element (a new contiguous tensor).</summary>
    internal static NDArray<double> Map(NDArray<double> t, Func<double, double> f)
    {
        var data = t.Contiguous().ToArray();
        for (int i = 0; i < data.Length; i++) data[i] = f(data[i]);
        return NDArray.FromArray(data, t.Shape.ToArray());
    }

    private static ExactArray Map(ExactArray a, Func<BigRational, BigRational> f) =>
        new(a.Shape, a.ToArray().Select(x => ExactLimits.Check(f(x))).ToArray());
}
