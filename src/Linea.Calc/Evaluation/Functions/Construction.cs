using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Construct = "construction";

    private static void AddConstruction(List<FunctionInfo> list)
    {
        list.Add(F("eye", Construct, "eye(N, M=None, k=0)", "N x M matrix with ones on diagonal k (exact when small)", "eye(3)",
            ["N", "M", "k"], 1, Eye));
        list.Add(F("zeros", Construct, "zeros(d1, d2, ...)", "array of zeros of the given shape (also zeros((2, 3)))", "zeros(2, 3)",
            ["shape"], 0, a => Filled(a, BigRational.Zero)) with { VarArgs = true });
        list.Add(F("ones", Construct, "ones(d1, d2, ...)", "array of ones of the given shape", "ones(2, 3)",
            ["shape"], 0, a => Filled(a, BigRational.One)) with { VarArgs = true });
        list.Add(F("diag", Construct, "diag(v, k=0)", "square matrix with vector v on diagonal k, or the k-th diagonal of a matrix", "diag([1, 2, 3])",
            ["v", "k"], 1, Diag));
        list.Add(F("arange", Construct, "arange(start, stop=None, step=1)", "evenly spaced values in [start, stop) (arange(n) is 0 .. n-1); exact for exact arguments", "arange(0, 1, 1/4)",
            ["start", "stop", "step"], 1, Arange));
        list.Add(F("linspace", Construct, "linspace(start, stop, num=50)", "num evenly spaced float64 values from start to stop inclusive", "linspace(0, 1, 5)",
            ["start", "stop", "num"], 2, Linspace) with { KeywordOnly = ["endpoint"] });
        list.Add(F("rand", Construct, "rand(d1, d2, ..., seed=None)", "uniform random numbers in [0, 1); the same seed gives the same numbers everywhere", "rand(3, 3, seed=1)",
            ["shape"], 0, a => Random(a, normal: false)) with { VarArgs = true, KeywordOnly = ["seed"] });
        list.Add(F("randn", Construct, "randn(d1, d2, ..., seed=None)", "standard normal random numbers", "randn(2, 2, seed=7)",
            ["shape"], 0, a => Random(a, normal: true)) with { VarArgs = true, KeywordOnly = ["seed"] });
    }

    private static bool SmallEnoughForExact(CallArgs a, double count) => count <= a.Context.Limits.MaxExactConstructed;

    private static Value Eye(CallArgs a)
    {
        int n = a.Int("N");
        int m = a.Has("M") ? a.Int("M") : n;
        int k = a.Int("k", 0);
        if (n < 0 || m < 0) throw new CalcTypeException($"eye: sizes cannot be negative, got {n} x {m}");
        a.Context.CheckElements((double)n * m, "eye");
        if (!SmallEnoughForExact(a, (double)n * m)) return Fn.Float(NDArray.Eye<double>(n, m, k));
        var data = new BigRational[n * m];
        for (int i = 0; i < n; i++)
            if (i + k >= 0 && i + k < m) data[i * m + i + k] = BigRational.One;
        return new ExactValue(new ExactArray([n, m], data));
    }

    private static Value Filled(CallArgs a, BigRational value)
    {
        var shape = a.ShapeArgument("shape");
        double count = shape.Aggregate(1.0, (p, d) => p * d);
        if (shape.Length <= 2 && SmallEnoughForExact(a, count))
        {
            var data = new BigRational[(int)count];
            Array.Fill(data, value);
            return new ExactValue(new ExactArray(shape, data));
        }
        return Fn.Float(NDArray.Full(shape, value.ToDouble()));
    }

    private static Value Diag(CallArgs a)
    {
        var v = a.Array("v");
        int k = a.Int("k", 0);
        if (v.Rank is not (1 or 2)) throw new CalcShapeException($"diag: needs a vector or a matrix, got shape {v.SymbolicShape}");
        if (v is ExactValue e)
        {
            var x = e.Array;
            if (x.Rank == 1)
            {
                int n = x.Count + Math.Abs(k);
                a.Context.CheckElements((double)n * n, "diag");
                var data = new BigRational[n * n];
                for (int i = 0; i < x.Count; i++)
                {
                    int r = k >= 0 ? i : i - k, c = k >= 0 ? i + k : i;
                    data[r * n + c] = x[i];
                }
                return new ExactValue(new ExactArray([n, n], data));
            }
            var d = new List<BigRational>();
            for (int i = 0; i < x.Rows; i++)
                if (i + k >= 0 && i + k < x.Cols) d.Add(x[i, i + k]);
            return new ExactValue(ExactArray.Vector(d.ToArray()));
        }
        if (v is ComplexValue z)
        {
            if (z.Rank == 1) a.Context.CheckElements(Math.Pow(z.NDArray.Shape[0] + Math.Abs(k), 2), "diag");
            return ComplexOps.Map(z, part => NDArray.Diag(part, k));
        }
        var t = a.NDArray("v");
        if (t.Rank == 1) a.Context.CheckElements(Math.Pow(t.Shape[0] + Math.Abs(k), 2), "diag");
        return Fn.Float(NDArray.Diag(t, k));
    }

    private static Value Arange(CallArgs a)
    {
        Value start = a.Get("start"), stop, step;
        if (a.Has("stop")) stop = a.Get("stop");
        else { stop = start; start = ExactValue.Scalar(BigRational.Zero); }
        step = a.Optional("step") ?? ExactValue.Scalar(BigRational.One);
        if (start is ExactValue { Array.Rank: 0 } s0 && stop is ExactValue { Array.Rank: 0 } s1 && step is ExactValue { Array.Rank: 0 } s2)
        {
            var (x0, x1, dx) = (s0.Array[0], s1.Array[0], s2.Array[0]);
            if (dx.IsZero) throw new CalcMathException("arange: the step cannot be zero");
            var span = (x1 - x0) / dx;
            var count = span.Sign <= 0 ? 0 : (double)(span.Floor() + (span.IsInteger ? 0 : 1));
            a.Context.CheckElements(count, "arange");
            if (SmallEnoughForExact(a, count))
            {
                var data = new BigRational[(int)count];
                for (int i = 0; i < data.Length; i++) data[i] = x0 + dx * i;
                return new ExactValue(ExactArray.Vector(data));
            }
        }
        double f0 = ValueConversions.ToDouble(start, "arange: start"), f1 = ValueConversions.ToDouble(stop, "arange: stop"),
            fs = ValueConversions.ToDouble(step, "arange: step");
        if (fs == 0 || !double.IsFinite(fs) || !double.IsFinite(f0) || !double.IsFinite(f1))
            throw new CalcMathException("arange: start, stop and step must be finite and the step non-zero");
        a.Context.CheckElements(Math.Max(0, Math.Ceiling((f1 - f0) / fs)), "arange");
        return Fn.Float(NDArray.Arange(f0, f1, fs));
    }

    private static Value Linspace(CallArgs a)
    {
        double f0 = a.Double("start", 0), f1 = a.Double("stop", 0);
        int num = a.Int("num", 50);
        if (num < 0) throw new CalcTypeException($"linspace: num cannot be negative, got {num}");
        a.Context.CheckElements(num, "linspace");
        return Fn.Float(NDArray.Linspace(f0, f1, num, a.Bool("endpoint", true)));
    }

    private static Value Random(CallArgs a, bool normal)
    {
        var shape = a.ShapeArgument("shape");
        Rng rng = a.Context.Rng;
        if (a.Has("seed"))
        {
            int seed = a.Int("seed");
            if (seed < 0) throw new CalcTypeException($"{a.Function.Name}: the seed must be a non-negative integer, got {seed}");
            rng = new Rng((ulong)seed);
        }
        return Fn.Float(normal ? rng.Normal(shape, 0.0, 1.0) : rng.Uniform(shape, 0.0, 1.0));
    }
}
