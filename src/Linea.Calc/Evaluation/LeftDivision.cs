using Linea.Calc.Exact;
using Linea.Calc.Shapes;
using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

/// <summary>
/// <c>A \ b</c>, MATLAB's left division (mldivide): x with A x = b, chosen by the kind of A as MATLAB chooses.
/// <list type="bullet">
/// <item>A scalar: <c>b / A</c> element-wise.</item>
/// <item>A sparse and square: <see cref="Sparse.Solve{T}"/> (sparse Cholesky when A is symmetric with a positive
/// diagonal and turns out positive definite, else sparse LU), never densified, as <c>spsolve</c>.</item>
/// <item>A sparse and rectangular: the least-squares (tall) or basic (wide) solution by sparse QR, as <c>lstsq(S, b)</c>.</item>
/// <item>A dense and square: exact Gauss-Jordan when A and b are exact (as <c>solve</c>); otherwise the dense
/// Cholesky when A is symmetric with a positive diagonal and positive definite, else LU with partial pivoting.</item>
/// <item>A dense and rectangular: least squares by QR with column pivoting (the minimum-norm solution when A is
/// rank deficient, with a warning naming the rank).</item>
/// </list>
/// b is a vector of length m (x has length n) or an (m, k) matrix (x is (n, k)); x is dense. A singular square A is
/// an error naming the column without a pivot; an ill-conditioned one gives the same warning as <c>solve</c>.
/// Cost: one factorization of A (O(n^3) dense, the fill of the factors sparse) and one solve per column of b.
/// </summary>
internal static class LeftDivision
{
    private const string Name = "mldivide";

    private const string SingularHint = "A \\ b needs a nonsingular square A; lstsq(A, b) gives a least-squares solution, rref shows the dependent columns";

    public static Value Solve(EvalContext ctx, ArrayLike a, ArrayLike b, string leftText, string rightText)
    {
        if (a is ComplexValue || b is ComplexValue)
            throw new CalcTypeException($"{Name}: A \\ b works on real matrices (float64, exact or sparse); a complex operand is not supported")
            { Hint = "real(...) and imag(...) give the parts of a complex matrix" };
        if (a.Rank == 0 && a is not SparseValue)
            return ArrayOperators.Binary(ctx, BinaryOperator.Divide, b, a, rightText, leftText); // 2 \ b is b / 2, as in MATLAB
        var shape = ResultShape(a.SymbolicShape, b.SymbolicShape, leftText, rightText);
        if (a is SymbolicValue || b is SymbolicValue) return new SymbolicValue(shape);
        ctx.CheckElements(ArrayOperators.Count(shape), Name);
        return a is SparseValue s ? SparseSolve(ctx, s.Matrix, DenseRightHandSide(b)) : DenseSolve(ctx, a, b);
    }

    /// <summary>The shape of x for A of shape (m, n) and b of shape (m,) or (m, k): (n,) or (n, k).</summary>
    private static SymbolicShape ResultShape(SymbolicShape sa, SymbolicShape sb, string leftText, string rightText)
    {
        if (sa.Rank != 2)
            throw new CalcShapeException($"{Name}: A \\ b needs a matrix A, got shape {sa}")
            {
                Hint = sa.Rank == 1 ? $"a vector has no rows and columns; reshape({leftText}, ({sa[0]}, 1)) makes it one column"
                    : "solve(A, b) solves a stack of matrices, broadcasting over the leading axes",
            };
        if (sb.Rank is 0 or > 2 || !sb[0].Equals(sa[0]))
        {
            string? hint = sb.Rank == 2 && sb[1].Equals(sa[0]) ? $"did you mean {leftText} \\ {ArrayOperators.TransposeText(rightText, sb)}? b's rows must match A's rows"
                : sb.Rank == 1 && sb[0].Equals(sa[1]) && !sa[0].Equals(sa[1]) ? $"did you mean {ArrayOperators.TransposeText(leftText, sa)} \\ {rightText}? A \\ b needs b with as many entries as A has rows"
                : sb.Rank == 0 ? "b is a vector or a matrix; for a scalar divisor write b / A"
                : null;
            throw new CalcShapeException($"{Name}: A has shape {sa} and b has shape {sb}; b needs {sa[0]} rows (a vector of length {sa[0]} or a matrix with {sa[0]} rows)")
            { Hint = hint };
        }
        return sb.Rank == 1 ? new SymbolicShape([sa[1]]) : new SymbolicShape([sa[1], sb[1]]);
    }

    /// <summary>b as a finite dense float64 array (a small sparse b is densified).</summary>
    private static NDArray<double> DenseRightHandSide(ArrayLike b) => RequireFinite("b", ValueConversions.ToTensor(b, Name));

    private static NDArray<double> RequireFinite(string what, NDArray<double> t)
    {
        long i = NDArray.IndexOfNonFinite(t);
        if (i >= 0)
            throw new CalcMathException($"{Name}: {what} holds {(double.IsNaN(t[NDArray.UnravelIndex(i, t.Shape)]) ? "NaN" : "an infinity")} (element {i} in row-major order); A \\ b needs finite numbers");
        return t;
    }

    private static Value SparseSolve(EvalContext ctx, SparseMatrix<double> m, NDArray<double> b)
    {
        foreach (double v in m.Data)
            if (!double.IsFinite(v))
                throw new CalcMathException($"{Name}: the sparse A holds {(double.IsNaN(v) ? "NaN" : "an infinity")}; A \\ b needs finite numbers");
        if (m.Rows == m.Columns)
        {
            try
            {
                return new FloatValue(Sparse.Solve(m, b));
            }
            catch (SingularMatrixException e)
            {
                // the library's message names the column (in A's numbering); the operator the user wrote is named first
                throw new CalcMathException($"{Name}: {e.Message}", e) { Hint = SingularHint };
            }
        }
        return SparseLeastSquares(ctx, m, b);
    }

    /// <summary>Rectangular sparse A: one sparse QR, one solve per column of b (the basic solution when A is rank deficient).</summary>
    private static Value SparseLeastSquares(EvalContext ctx, SparseMatrix<double> m, NDArray<double> b)
    {
        var qr = Sparse.Qr(m);
        if (qr.Rank < Math.Min(m.Rows, m.Columns))
            ctx.Warn($"{Name}: A is rank deficient (rank {qr.Rank} of {Math.Min(m.Rows, m.Columns)}); x is a basic solution, with the unknowns of dependent columns set to zero");
        b = b.Contiguous();
        int k = b.Rank == 1 ? 1 : (int)b.Shape[1];
        double[] flat = b.ToArray();
        var x = new double[m.Columns * k];
        var column = new double[m.Rows];
        for (int j = 0; j < k; j++)
        {
            ctx.CheckTime();
            for (int i = 0; i < m.Rows; i++) column[i] = flat[i * k + j];
            double[] xj = qr.Solve(column);
            for (int i = 0; i < m.Columns; i++) x[i * k + j] = xj[i];
        }
        return new FloatValue(b.Rank == 1 ? NDArray.FromArray(x, [m.Columns]) : NDArray.FromArray(x, [m.Columns, k]));
    }

    private static Value DenseSolve(EvalContext ctx, ArrayLike a, ArrayLike b)
    {
        long m = a.SymbolicShape[0].Coefficient, n = a.SymbolicShape[1].Coefficient;
        ctx.CheckWork(Fn.FactorWork(a.SymbolicShape), Name);
        if (m == n && a is ExactValue ea && b is ExactValue eb)
        {
            try
            {
                return new ExactValue(ExactOps.Solve(ea.Array, eb.Array));
            }
            catch (SingularMatrixException e)
            {
                throw Singular(e.PivotIndex, ExactOps.Rank(ea.Array), (int)n, e);
            }
        }
        var t = RequireFinite("A", ValueConversions.ToTensor(a, Name));
        var tb = DenseRightHandSide(b);
        if (m != n) return DenseLeastSquares(ctx, t, tb);
        if (IsSymmetricWithPositiveDiagonal(t) && CholeskyDecomposition<double>.TryFactor(t, out var chol))
        {
            Fn.WarnConditioning(ctx, Name, chol.RCond);
            return new FloatValue(chol.Solve(tb));
        }
        var lu = t.Lu();
        if (lu.IsSingular) throw Singular(lu.ZeroPivotIndex, Linalg.MatrixRank(t), (int)n, null);
        Fn.WarnConditioning(ctx, Name, lu.RCond);
        return new FloatValue(lu.Solve(tb));
    }

    /// <summary>Rectangular dense A: QR with column pivoting, the minimum-norm least-squares solution at the numerical rank.</summary>
    private static Value DenseLeastSquares(EvalContext ctx, NDArray<double> a, NDArray<double> b)
    {
        var qr = new ColPivQrDecomposition<double>(a);
        int rank = qr.Rank(), full = (int)Math.Min(a.Shape[0], a.Shape[1]);
        if (rank < full)
            ctx.Warn($"{Name}: A is rank deficient (rank {rank} of {full}, QR with column pivoting); x is the minimum-norm least-squares solution");
        return new FloatValue(qr.Solve(b));
    }

    /// <summary>Whether the dense square A equals its transpose exactly and has a positive diagonal (MATLAB's test before trying Cholesky).</summary>
    private static bool IsSymmetricWithPositiveDiagonal(NDArray<double> a)
    {
        int n = (int)a.Shape[0];
        for (int i = 0; i < n; i++)
        {
            if (!(a[i, i] > 0)) return false;
            for (int j = 0; j < i; j++)
                if (a[i, j] != a[j, i]) return false;
        }
        return true;
    }

    private static CalcMathException Singular(int column, int rank, int n, Exception? cause)
    {
        string message = $"{Name}: the {n} x {n} matrix is singular (rank {rank} of {n}): column {column} has no nonzero pivot after eliminating the columns before it, so A \\ b has no unique solution";
        return cause is null ? new CalcMathException(message) { Hint = SingularHint } : new CalcMathException(message, cause) { Hint = SingularHint };
    }
}
