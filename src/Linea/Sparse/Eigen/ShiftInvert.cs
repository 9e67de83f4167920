using System.Numerics;

namespace Linea;

/// <summary>
/// The default (A - sigma I)^-1 for shift-invert <see cref="SparseLinalg.Eigsh{T}"/> when the caller passes no
/// <c>opInv</c>, in one place: a sparse LU of A - sigma I when A is a <see cref="SparseMatrix{TScalar}"/>; for other
/// operators a dense LU up to order <see cref="DenseLimit"/> and MINRES solves above.
/// </summary>
internal static class ShiftInvert
{
    /// <summary>The largest order for the dense LU default: n^2 elements (128 MiB in double) and 2/3 n^3 flops.</summary>
    public const int DenseLimit = 4096;

    /// <summary>
    /// The relative residual of each MINRES solve above <see cref="DenseLimit"/>: eps^(3/4) (1.2e-12 in double, 6.4e-6 in
    /// float). An inexact inverse bounds what the outer Lanczos can reach, so Eigsh's default tolerance becomes
    /// <see cref="IterativeOuterTolerance{T}"/> there.
    /// </summary>
    public static double IterativeRtol<T>() where T : unmanaged, IFloatingPointIeee754<T> => Math.Pow(MachineConstants<T>.UlpDouble, 0.75);

    /// <summary>Eigsh's tolerance when tol = 0 and the MINRES inverse is used: ten times the inner solves' relative residual.</summary>
    public static double IterativeOuterTolerance<T>() where T : unmanaged, IFloatingPointIeee754<T> => 10 * IterativeRtol<T>();

    /// <summary>
    /// An operator applying (A - sigma I)^-1: for a sparse A, the sparse LU of A - sigma I (exact to rounding, any order);
    /// otherwise up to <see cref="DenseLimit"/> a dense LU (below), and above it one MINRES solve of (A - sigma I) y = x
    /// per product, to <see cref="IterativeRtol{T}"/>, that throws <see cref="NoConvergenceException"/> (naming sigma and
    /// suggesting opInv) when a solve does not converge.
    /// </summary>
    /// <exception cref="SingularMatrixException">sigma is exactly an eigenvalue of A (a zero pivot).</exception>
    public static ILinearOperator<T> DefaultInverse<T>(ILinearOperator<T> a, double sigma, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        a is SparseMatrix<T> s ? SparseInverse(s, sigma, parallelism)
        : a.Rows <= DenseLimit ? DenseInverse(a, sigma, parallelism)
        : new MinresInverse<T>(a, sigma);

    /// <summary>Whether <see cref="DefaultInverse{T}"/> solves iteratively (and so inexactly) for this operator.</summary>
    public static bool IsIterative<T>(ILinearOperator<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        a is not SparseMatrix<T> && a.Rows > DenseLimit;

    /// <summary>The sparse LU of A - sigma I, as an operator. Memory: the factors.</summary>
    private static ILinearOperator<T> SparseInverse<T>(SparseMatrix<T> a, double sigma, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shifted = sigma == 0 ? a : a - Sparse.Eye<T>(a.Rows, format: a.Format) * T.CreateTruncating(sigma);
        try
        {
            return new SparseLuOperator<T>(Sparse.Lu(shifted, parallelism: parallelism));
        }
        catch (SingularMatrixException e)
        {
            throw new SingularMatrixException(e.PivotIndex,
                $"eigsh: A - sigma I is singular for sigma = {sigma} ({e.Message}): sigma is an eigenvalue; shift it slightly");
        }
    }

    /// <summary>x -> sparse LU solve, as an operator.</summary>
    private sealed class SparseLuOperator<T>(SparseLu<T> lu) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int Rows => lu.Rows;
        public int Columns => lu.Columns;
        public bool HasRmatvec => true;

        public void Matvec(ReadOnlySpan<T> x, Span<T> y) => lu.Solve(x, y);

        public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => lu.SolveTransposed(x, y);
    }

    /// <summary>
    /// An operator applying (A - sigma I)^-1. Builds A densely from n products with unit vectors, then LU-factors
    /// A - sigma I: O(n^2) memory, O(n nnz + n^3) time.
    /// </summary>
    /// <exception cref="SingularMatrixException">sigma is exactly an eigenvalue of A.</exception>
    private static ILinearOperator<T> DenseInverse<T>(ILinearOperator<T> a, double sigma, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var dense = new T[(long)n * n];
        var e = new T[n];
        var col = new T[n];
        for (int j = 0; j < n; j++)
        {
            e[j] = T.One;
            a.Matvec(e, col);
            e[j] = T.Zero;
            for (int i = 0; i < n; i++) dense[(long)i * n + j] = col[i];
            dense[(long)j * n + j] -= T.CreateTruncating(sigma);
        }
        ColumnBlock.RequireFinite<T>("eigsh", dense, "the matrix A - sigma I");
        var lu = LuDecomposition<T>.Factor(NDArray.Wrap(dense, n, n), parallelism: parallelism);
        if (lu.IsSingular)
            throw new SingularMatrixException(lu.ZeroPivotIndex,
                $"eigsh: A - sigma I is exactly singular (zero pivot at {lu.ZeroPivotIndex}) for sigma = {sigma}: sigma is an eigenvalue; shift it slightly");
        return new SolverOperator<T>(lu, n);
    }

    /// <summary>x -> LU solve, as an operator.</summary>
    private sealed class SolverOperator<T>(LuDecomposition<T> lu, int n) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int Rows => n;
        public int Columns => n;
        public bool HasRmatvec => true;

        public void Matvec(ReadOnlySpan<T> x, Span<T> y) => lu.Solve(NDArray.FromArray(x.ToArray())).AsReadOnlySpan().CopyTo(y);

        public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => lu.SolveTransposed(NDArray.FromArray(x.ToArray())).AsReadOnlySpan().CopyTo(y);
    }

    /// <summary>x -> MINRES solve of (A - sigma I) y = x, as an operator (symmetric, so Rmatvec is Matvec).</summary>
    private sealed class MinresInverse<T>(ILinearOperator<T> a, double sigma) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ILinearOperator<T> _shifted =
            LinearOperator.Sum(a, LinearOperator.Scaled(LinearOperator.Identity<T>(a.Rows), T.CreateTruncating(-sigma)));

        public int Rows => a.Rows;
        public int Columns => a.Rows;
        public bool HasRmatvec => true;

        public void Matvec(ReadOnlySpan<T> x, Span<T> y)
        {
            var r = SparseLinalg.Minres(_shifted, x, rtol: IterativeRtol<T>());
            if (!r.Converged)
                throw new NoConvergenceException(
                    $"eigsh: shift-invert with sigma = {sigma}: a MINRES solve with A - sigma I of order {a.Rows} did not converge ({r.Message}); " +
                    "pass opInv, an operator applying (A - sigma I)^-1 (for example from a sparse factorization), or choose sigma farther from an eigenvalue");
            r.X.AsReadOnlySpan().CopyTo(y);
        }

        public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
    }
}
