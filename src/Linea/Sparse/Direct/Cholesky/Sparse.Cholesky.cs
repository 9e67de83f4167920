using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// The sparse Cholesky factorization of the symmetric positive definite n x n matrix <paramref name="a"/> (CSC or
    /// CSR; only its lower triangle is read): analysis (fill-reducing <paramref name="ordering"/>, elimination tree,
    /// supernodes) then the supernodal numeric factorization on the dense kernels, on up to
    /// <paramref name="parallelism"/> threads (<see cref="Parallelism.Default"/> when null). For many matrices with one
    /// pattern, analyze once (<see cref="SparseCholeskyAnalysis.Analyze{T}"/>) or <see cref="SparseCholesky{T}.Refactor"/>.
    /// Memory: the factor (nnz(L) entries plus relaxed zeros) and one update buffer per thread.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">A is not positive definite; the message names the column (original numbering).</exception>
    /// <exception cref="NotSupportedException">The ordering is not available.</exception>
    public static SparseCholesky<T> Cholesky<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SparseCholeskyAnalysis.Analyze(a, ordering, parallelism: parallelism).Factor(a, parallelism ?? Parallelism.Default);

    /// <summary>
    /// The sparse LDL^T factorization (no pivoting) of the symmetric quasi-definite n x n matrix <paramref name="a"/>
    /// (lower triangle read), e.g. a KKT matrix [[H, A^T], [A, -delta I]]. Same analysis and kernels as <see cref="Cholesky{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">A zero pivot; the message names the column (original numbering).</exception>
    /// <exception cref="NotSupportedException">The ordering is not available.</exception>
    public static SparseLdl<T> Ldl<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SparseCholeskyAnalysis.Analyze(a, ordering, parallelism: parallelism).FactorLdl(a, parallelism ?? Parallelism.Default);
}
