using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Exact = "exact (calculator)";

    private static void AddExactFunctions(List<FunctionInfo> list)
    {
        list.Add(F("rref", Exact, "rref(A)", "reduced row echelon form by exact Gauss-Jordan elimination", "rref([[1, 2, 3], [2, 4, 7]])",
            ["A"], 1, a => Fn.Like(Matrix2(a, "rref"), ExactOps.Rref(ExactArg(a, "rref")).R)));
        list.Add(F("adj", Exact, "adj(A)", "adjugate (classical adjoint): the transposed cofactor matrix, A @ adj(A) = det(A) I", "adj([[1, 2], [3, 4]])",
            ["A"], 1, a => Fn.Like(Matrix2(a, "adj"), ExactOps.Adjugate(ExactArg(a, "adj")))) with { Aliases = ["adjugate"] });
        list.Add(F("minor", Exact, "minor(A, i, j)", "the determinant of A without row i and column j (0-based)", "minor([[1, 2, 3], [4, 5, 6], [7, 8, 10]], 0, 0)",
            ["A", "i", "j"], 3, Minor));
        list.Add(F("cofactor", Exact, "cofactor(A)", "matrix of cofactors C[i, j] = (-1)^(i+j) minor(A, i, j)", "cofactor([[1, 2], [3, 4]])",
            ["A"], 1, a => Fn.Like(Matrix2(a, "cofactor"), ExactOps.Cofactor(ExactArg(a, "cofactor")))));
        list.Add(F("mod", Exact, "mod(A, m)", "remainder in [0, m) element-wise (exact for integers; Python's % for floats)", "mod([[-1, 27], [3, 52]], 26)",
            ["A", "m"], 2, Mod));
    }

    /// <summary>The matrix argument A, checked to be one 2-d matrix.</summary>
    private static ArrayLike Matrix2(CallArgs a, string fn)
    {
        var x = a.Array("A");
        if (x.Rank != 2) throw new CalcShapeException($"{fn}: needs a matrix (2-d), got shape {x.SymbolicShape}");
        Fn.CheckFactorWork(a, x);
        return x;
    }

    private static ExactArray ExactArg(CallArgs a, string fn) => ValueConversions.ToExact(a.Array("A"), fn);

    private static Value Minor(CallArgs a)
    {
        var x = Matrix2(a, "minor");
        Fn.RequireSquare("minor", x);
        int n = x.SymbolicShape.ToInts()[0];
        int i = a.Int("i"), j = a.Int("j");
        if (i < 0 || i >= n || j < 0 || j >= n)
            throw new CalcException($"minor: row {i} and column {j} must be in 0 .. {n - 1} for a {n}x{n} matrix");
        var m = ExactOps.Minor(ValueConversions.ToExact(x, "minor"), i, j);
        return x is FloatValue ? FloatValue.Scalar(m.ToDouble()) : ExactValue.Scalar(m);
    }

    private static Value Mod(CallArgs a)
    {
        var x = a.Array("A");
        var m = a.Get("m");
        if (x is ExactValue e && ValueConversions.IsExactInteger(m, out var modulus) && e.Array.IsIntegral)
            return new ExactValue(ExactOps.Mod(e.Array, modulus));
        double md = ValueConversions.ToDouble(m, "mod: the modulus");
        if (md == 0) throw new CalcMathException("mod: the modulus cannot be zero");
        var t = ValueConversions.ToTensor(x, "mod");
        var data = t.Contiguous().ToArray();
        for (int k = 0; k < data.Length; k++) data[k] -= md * Math.Floor(data[k] / md);
        return Fn.Float(NDArray.FromArray(data, t.Shape.ToArray()));
    }
}
