using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

/// <summary>Checks and conversions shared by the function bodies.</summary>
internal static class Fn
{
    /// <summary>Condition numbers above this get a warning (half of float64's 16 digits may be lost).</summary>
    public const double IllConditioned = 1e8;

    /// <summary>float64's machine epsilon, 2^-52.</summary>
    public const double Eps = 2.220446049250313e-16;

    public static Value Float(NDArray<double> t) => new FloatValue(t);

    public static Value Int(long n) => ExactValue.Scalar(n);

    /// <summary>The shape, which must end in a square matrix.</summary>
    public static SymbolicShape RequireSquare(string fn, ArrayLike a)
    {
        var s = a.SymbolicShape;
        if (s.Rank < 2)
            throw new CalcShapeException($"{fn}: needs a square matrix, got {(s.Rank == 0 ? "a scalar" : $"a vector of shape {s}")}")
            { Hint = s.Rank == 1 ? "write a matrix as [[1, 2], [3, 4]] or [1 2; 3 4]" : null };
        if (!s[-1].Equals(s[-2]))
            throw new CalcShapeException($"{fn}: needs a square matrix, got shape {s} ({s[-2]} rows, {s[-1]} columns)");
        return s;
    }

    /// <summary>The shape, which must have at least two axes.</summary>
    public static SymbolicShape RequireMatrix(string fn, ArrayLike a)
    {
        var s = a.SymbolicShape;
        if (s.Rank < 2) throw new CalcShapeException($"{fn}: needs a matrix (2-d), got shape {s}");
        return s;
    }

    /// <summary>Multiply-adds of a factorization of every matrix of a stack: batch · m · n · min(m, n).</summary>
    public static double FactorWork(SymbolicShape s)
    {
        double batch = 1;
        for (int i = 0; i < s.Rank - 2; i++) batch *= s[i].Coefficient;
        double m = s[-2].Coefficient, n = s[-1].Coefficient;
        return batch * m * n * Math.Max(1, Math.Min(m, n));
    }

    /// <summary>Checks the work of a factorization against the limit.</summary>
    public static void CheckFactorWork(CallArgs args, ArrayLike a, double multiplier = 1) =>
        args.Context.CheckWork(FactorWork(a.SymbolicShape) * multiplier, args.Function.Name);

    /// <summary>Throws unless every element is finite.</summary>
    public static NDArray<double> RequireFinite(string fn, NDArray<double> t)
    {
        long i = NDArray.IndexOfNonFinite(t);
        if (i >= 0)
            throw new CalcMathException($"{fn}: the matrix holds {(double.IsNaN(t[NDArray.UnravelIndex(i, t.Shape)]) ? "NaN" : "an infinity")} (element {i} in row-major order); it needs finite numbers");
        return t;
    }

    /// <summary>Adds a warning when the reciprocal condition estimate says digits may be lost.</summary>
    public static void WarnConditioning(EvalContext ctx, string fn, double rcond)
    {
        double cond = rcond > 0 ? 1 / rcond : double.PositiveInfinity;
        if (cond < IllConditioned) return;
        if (cond >= 1 / Eps)
            ctx.Warn($"{fn}: the matrix is singular to working precision (cond ≈ {FormatCond(cond)}, 1-norm estimate): the result may have no correct digits");
        else
        {
            int lost = (int)Math.Round(Math.Log10(cond));
            ctx.Warn($"{fn}: the matrix is ill-conditioned (cond ≈ {FormatCond(cond)}, 1-norm estimate): about {lost} of the 16 significant digits may be lost");
        }
    }

    private static string FormatCond(double c) => double.IsInfinity(c) ? "inf" : c.ToString("0.0e+0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The error for an exactly singular float matrix, naming its numerical rank.</summary>
    public static CalcMathException Singular(string fn, NDArray<double> a)
    {
        int rank = Linalg.MatrixRank(a);
        return new CalcMathException($"{fn}: the matrix is singular (rank {rank} of {a.Shape[0]})")
        { Hint = fn == "solve" ? "lstsq(A, b) gives a least-squares solution; rref shows the dependent rows" : "pinv(A) gives the pseudo-inverse" };
    }

    /// <summary>Indices (from argmax and the like) as exact integers when the rank allows.</summary>
    public static Value Indices(NDArray<double> t) => t.Rank <= 2 ? new ExactValue(ExactArray.FromTensorExact(t)) : new FloatValue(t);

    /// <summary>Float data back in the kind of the input: exact stays exact, float input gets a float result.</summary>
    public static Value Like(ArrayLike input, ExactArray exactResult) =>
        input is FloatValue ? new FloatValue(exactResult.ToTensor()) : new ExactValue(exactResult);

    /// <summary>A tuple with names.</summary>
    public static TupleValue Tuple(params Value[] items) => new(items);
}
