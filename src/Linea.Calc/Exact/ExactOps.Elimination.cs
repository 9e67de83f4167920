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
    public static BigRational Det(ExactArray a) => throw new NotImplementedException();

    /// <summary>The exact inverse of a square matrix by Gauss-Jordan elimination on [A | I]. O(n^3).</summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="SingularMatrixException">The matrix is singular; the message gives its rank and <see cref="SingularMatrixException.PivotIndex"/> the first column without a pivot.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Inv(ExactArray a) => throw new NotImplementedException();

    /// <summary>
    /// The exact solution x of a @ x = b for a square, invertible a; b is a vector of length n (x is a vector) or an
    /// (n, k) matrix (x is (n, k)). O(n^3 + n^2 k).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square, or b's length or row count differs from n.</exception>
    /// <exception cref="SingularMatrixException">a is singular (the message gives its rank).</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Solve(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// The reduced row echelon form R of a matrix (each pivot 1, the only nonzero in its column; zero rows last) and
    /// the zero-based indices of the pivot columns, by exact Gauss-Jordan elimination choosing the first nonzero
    /// pivot in each column. O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static (ExactArray R, int[] PivotColumns) Rref(ExactArray a) => throw new NotImplementedException();

    /// <summary>The exact rank of a matrix (the number of pivots of its echelon form); a vector has rank 1 unless it is all zeros, a scalar 1 unless 0.</summary>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static int Rank(ExactArray a) => throw new NotImplementedException();
}
