namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>
    /// The minor M(i, j): the determinant of <paramref name="a"/> without row <paramref name="i"/> and column
    /// <paramref name="j"/> (zero-based). O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix of size at least 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> or <paramref name="j"/> is outside the matrix.</exception>
    public static BigRational Minor(ExactArray a, int i, int j) => throw new NotImplementedException();

    /// <summary>The matrix of cofactors C[i, j] = (-1)^(i+j) M(i, j) of a square matrix. O(n^5) by minors for small n, O(n^3) through the inverse otherwise.</summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Cofactor(ExactArray a) => throw new NotImplementedException();

    /// <summary>The adjugate (classical adjoint) adj(A) = Cofactor(A)^T, so that A @ adj(A) = det(A) I, also for singular A.</summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Adjugate(ExactArray a) => throw new NotImplementedException();
}
