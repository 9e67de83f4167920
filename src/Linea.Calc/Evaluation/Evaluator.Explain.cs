using Linea.Calc.Exact;
using Linea.Calc.Explain;
using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>The forms <c>explain</c> understands, for its error message.</summary>
    public const string ExplainForms = "explain A @ B, explain det(A), explain inv(A), explain rref(A), explain solve(A, b), or explain A for a 2x2 matrix";

    /// <summary>
    /// <c>explain EXPR</c>: a product <c>A @ B</c>, <c>det(A)</c>, <c>inv(A)</c>, <c>rref(A)</c>, <c>solve(A, b)</c>, or a
    /// 2x2 matrix (its geometric reading). Operands are evaluated first and worked on exactly (float input as its
    /// shortest decimal).
    /// </summary>
    private Value Explain(Expr e)
    {
        Explanation explanation = e switch
        {
            BinaryExpr { Operator: BinaryOperator.MatMul } b => Explainer.Product(ExplainOperand(b.Left), ExplainOperand(b.Right)),
            CallExpr { Function: "det", Arguments: [{ Name: null } a] } => Explainer.Determinant(ExplainOperand(a.Value)),
            CallExpr { Function: "inv", Arguments: [{ Name: null } a] } => Explainer.Inverse(ExplainOperand(a.Value)),
            CallExpr { Function: "rref", Arguments: [{ Name: null } a] } => Explainer.Rref(ExplainOperand(a.Value)),
            CallExpr { Function: "solve", Arguments: [{ Name: null } a, { Name: null } b] } =>
                Explainer.Solve(ExplainOperand(a.Value), ExplainOperand(b.Value)),
            CallExpr { Function: "eig" or "eigvals" } c => throw new CalcTypeException($"explain: {c.Function} has no worked steps")
            { Hint = "explain A for a 2x2 matrix A solves its characteristic polynomial, complex eigenvalues included" },
            _ => ExplainValue(e),
        };
        return new ExplanationValue(explanation);
    }

    private Explanation ExplainValue(Expr e)
    {
        var v = Eval(e);
        if (v is ArrayLike { Rank: 2 } a && a.SymbolicShape.IsKnown && a.SymbolicShape.ToInts() is [2, 2])
        {
            var m = ValueConversions.ToExact(a, "explain");
            foreach (var x in m.AsSpan())
                if (x.BitLength > MaxGeometryBits)
                    throw new CalcLimitException($"explain: the entry {Shorten(x.ToString())} is too large for the geometric reading (at most {MaxGeometryBits} bits per entry)")
                    { Hint = "the reading is about shapes of small examples; scale the matrix down" };
            return Explainer.Geometry(m);
        }
        throw new CalcTypeException($"explain: cannot explain {v.Describe()} on its own")
        { Hint = ExplainForms };
    }

    /// <summary>
    /// The largest entry (bits of numerator plus denominator) the 2x2 geometric reading takes: its eigenvalue
    /// discriminant then stays below 2^104, where the square-root test is fast.
    /// </summary>
    public const int MaxGeometryBits = 24;

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..10] + "..." + s[^10..];

    private ExactArray ExplainOperand(Expr e) => ValueConversions.ToExact(Eval(e), "explain");
}
