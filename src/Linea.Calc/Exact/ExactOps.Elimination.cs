namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>
    /// The exact determinant of a square matrix by fraction-free (Bareiss) elimination on integers after clearing
    /// the denominators of each row: O(n^3) integer operations whose size stays bounded by Hadamard's bound.
    /// The determinant of the 0 x 0 matrix is 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static BigRational Det(ExactArray a)
    {
        ExactErrors.RequireSquare("det", a);
        return Bareiss.Determinant(a, "det");
    }

    /// <summary>
    /// The exact inverse of a square matrix by fraction-free (Bareiss) Gauss-Jordan elimination on [A | I] over the
    /// integers, after clearing each row's denominators: O(n^3) integer operations on numbers no larger than the
    /// minors of A, then one reduced fraction per entry.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="SingularMatrixException">The matrix is singular; the message gives its rank and <see cref="SingularMatrixException.PivotIndex"/> the first column without a pivot.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Inv(ExactArray a)
    {
        ExactErrors.RequireSquare("inv", a);
        return SolveSquare("inv", a, ExactArray.Identity(a.Rows));
    }

    /// <summary>
    /// The exact solution x of a @ x = b for a square, invertible a; b is a vector of length n (x is a vector) or an
    /// (n, k) matrix (x is (n, k)). O(n^3 + n^2 k).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square, or b's length or row count differs from n.</exception>
    /// <exception cref="SingularMatrixException">a is singular (the message gives its rank).</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Solve(ExactArray a, ExactArray b)
    {
        ExactErrors.RequireSquare("solve", a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank == 0 || b.ShapeRef[0] != a.Rows)
        {
            string hint = b.Rank == 2 && b.Cols == a.Rows ? "; did you mean b.T?" : "";
            ExactErrors.ShapeMismatch("solve",
                $"A of shape {a.ShapeValue} needs b with {a.Rows} rows (a vector of length {a.Rows} or an ({a.Rows}, k) matrix), got shape {b.ShapeValue}{hint}",
                a, b);
        }
        return SolveSquare("solve", a, b);
    }

    /// <summary>Fraction-free Gauss-Jordan on [A | B]; returns X with B's shape, or throws SingularMatrixException naming the rank.</summary>
    private static ExactArray SolveSquare(string op, ExactArray a, ExactArray b)
    {
        int n = a.Rows;
        var x = Bareiss.Solve(a, b, op, out int col);
        if (x is null)
        {
            int rank = Rank(a);
            throw new SingularMatrixException(col,
                $"{op}: the matrix is singular (rank {rank} < {n}): column {col} has no pivot, so A has no inverse; " +
                (op == "solve" ? "the system has no solution or infinitely many; explain solve(...) shows which" : "try pinv(...) for a least-squares inverse"));
        }
        return ExactArray.Wrap(b.Rank == 2 ? [n, b.Cols] : [n], x);
    }

    /// <summary>
    /// The reduced row echelon form R of a matrix (each pivot 1, the only nonzero in its column; zero rows last) and
    /// the zero-based indices of the pivot columns, by exact Gauss-Jordan elimination choosing the first nonzero
    /// pivot in each column. O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static (ExactArray R, int[] PivotColumns) Rref(ExactArray a)
    {
        ExactErrors.RequireMatrix("rref", a);
        var m = a.ToArray();
        var pivots = GaussJordan.Reduce(m, a.Rows, a.Cols, a.Cols, "rref");
        return (ExactArray.Wrap([a.Rows, a.Cols], m), pivots);
    }

    /// <summary>The exact rank of a matrix (the number of pivots of its echelon form); a vector has rank 1 unless it is all zeros, a scalar 1 unless 0.</summary>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static int Rank(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
        {
            foreach (var x in a.AsSpan())
                if (!x.IsZero) return 1;
            return 0;
        }
        return Rref(a).PivotColumns.Length;
    }
}
