using System.Numerics;

namespace Linea;

/// <summary>
/// The default (A - sigma I)^-1 for shift-invert <see cref="SparseLinalg.Eigsh{T}"/> when the caller passes no
/// <c>opInv</c>. One place on purpose: today a dense LU of A - sigma I for n up to <see cref="DenseLimit"/>; it is meant
/// to become a sparse direct or MINRES-based inverse once those solvers land.
/// </summary>
internal static class ShiftInvert
{
    /// <summary>The largest order for the dense LU default: n^2 elements (128 MiB in double) and 2/3 n^3 flops.</summary>
    public const int DenseLimit = 4096;

    /// <summary>
    /// An operator applying (A - sigma I)^-1. Builds A densely from n products with unit vectors, then LU-factors
    /// A - sigma I: O(n^2) memory, O(n nnz + n^3) time.
    /// </summary>
    /// <exception cref="NotSupportedException">n exceeds <see cref="DenseLimit"/>.</exception>
    /// <exception cref="SingularMatrixException">sigma is exactly an eigenvalue of A (at solve time).</exception>
    public static ILinearOperator<T> DefaultInverse<T>(ILinearOperator<T> a, double sigma, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n > DenseLimit)
            throw new NotSupportedException(
                $"eigsh: shift-invert with sigma = {sigma} on an operator of order {n} needs (A - sigma I)^-1; without opInv Linea factors A - sigma I densely, " +
                $"which it does only up to order {DenseLimit}. Pass opInv, an ILinearOperator<T> that applies (A - sigma I)^-1 (for example a sparse factorization or an iterative solve).");
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
        var lu = LuDecomposition<T>.Factor(Tensor.Wrap(dense, n, n), parallelism: parallelism);
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

        public void Matvec(ReadOnlySpan<T> x, Span<T> y) => lu.Solve(Tensor.FromArray(x.ToArray())).AsReadOnlySpan().CopyTo(y);

        public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => lu.SolveTransposed(Tensor.FromArray(x.ToArray())).AsReadOnlySpan().CopyTo(y);
    }
}
