using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse Cholesky factorization A[perm, perm] = L L^T of a symmetric positive definite sparse matrix (CHOLMOD's
/// supernodal LL^T): made by <see cref="Sparse.Cholesky{T}"/> or <see cref="SparseCholeskyAnalysis.Factor{T}"/>, and
/// reused for solves, the log-determinant and refactorizations of new values with the same pattern
/// (<see cref="Refactor"/>, which skips the analysis). Only the lower triangle of A is read.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseCholesky<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SupernodalFactor<T> _f;

    internal SparseCholesky(SupernodalFactor<T> f) => _f = f;

    /// <summary>The symbolic analysis this factorization uses (ordering, tree, supernodes).</summary>
    public SparseCholeskyAnalysis Analysis => _f.Analysis;

    /// <summary>The order n of A.</summary>
    public int Order => _f.Analysis.N;

    /// <summary>Rows of A (= <see cref="Order"/>).</summary>
    public int Rows => Order;

    /// <summary>Columns of A (= <see cref="Order"/>).</summary>
    public int Columns => Order;

    /// <summary>The fill-reducing ordering used (Natural when the caller gave a permutation).</summary>
    public SparseOrdering Ordering => _f.Analysis.Ordering;

    /// <summary>The permutation (a copy): perm[k] = the original index at position k; L L^T = A[perm, perm].</summary>
    public int[] Permutation => _f.Analysis.Permutation;

    /// <summary>nnz(L), diagonal included (the exact structure's count; <see cref="SparseCholeskyAnalysis.StoredEntries"/> is the storage, with the diagonal blocks' upper halves and the relaxed supernodes' zeros).</summary>
    public long Nnz => _f.Analysis.Nnz;

    /// <summary>L as an n x n CSC matrix in the permuted numbering (a new matrix of the supernodes' stored entries, explicit zeros of relaxed supernodes included).</summary>
    /// <exception cref="NotPositiveDefiniteException">A refactorization failed and left no factor.</exception>
    public SparseMatrix<T> L { get { RequireValid("sparse cholesky.L"); return _f.ToSparseL(); } }

    /// <summary>log det A = 2 sum log L[j, j], without overflow. O(n).</summary>
    /// <exception cref="NotPositiveDefiniteException">A refactorization failed and left no factor.</exception>
    public T LogDeterminant
    {
        get
        {
            RequireValid("sparse cholesky.logdet");
            var an = _f.Analysis;
            T sum = T.Zero;
            for (int s = 0; s < an.SupernodeCount; s++)
            {
                int k = an.Start[s + 1] - an.Start[s];
                long off = an.LPtr[s];
                for (int t = 0; t < k; t++) sum += T.Log(_f.Lx[off + t * k + t]);
            }
            return sum + sum;
        }
    }

    /// <summary>
    /// Factors new values with the analyzed pattern in place (no analysis, no new factor storage). On failure the
    /// object holds no factor until a later refactorization succeeds.
    /// </summary>
    /// <exception cref="ArgumentException">a's pattern differs from the analyzed one.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">A is not positive definite; the message names the column.</exception>
    public void Refactor(SparseMatrix<T> a, Parallelism? parallelism = null) =>
        _f.Run("sparse cholesky refactor", a, parallelism ?? Parallelism.Default);

    /// <summary>
    /// X with A X = B for B (n,) or (n, k) (result of B's shape): permute, forward and backward supernodal triangular
    /// solves, permute back. 4 nnz(L) k flops; O(n k) extra memory. From k = 4 on, each supernode's part runs
    /// through TRSM and GEMM on the threads the factorization was given.
    /// </summary>
    /// <exception cref="ShapeMismatchException">B is not 1-d or 2-d, or its first axis is not n.</exception>
    /// <exception cref="NotPositiveDefiniteException">A refactorization failed and left no factor.</exception>
    public NDArray<T> Solve(NDArray<T> b)
    {
        RequireValid("sparse cholesky.solve");
        var x = MatrixArgs.RhsCopy("sparse cholesky.solve", new Shape([Order, Order]), Order, b, out var view);
        SparseFactorSolve.Permuted(_f, x.Data, (int)view.Cols);
        return x;
    }

    /// <summary>x = A^-1 b for one right-hand side given as spans (both of length n; they may not overlap). 4 nnz(L) flops.</summary>
    /// <exception cref="ShapeMismatchException">b or x does not have length n.</exception>
    /// <exception cref="NotPositiveDefiniteException">A refactorization failed and left no factor.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        RequireValid("sparse cholesky.solve");
        SparseFactorSolve.Spans("sparse cholesky.solve", _f, b, x);
    }

    /// <summary>A rebuilt densely from the factor, P^T L L^T P (n x n); O(n^3), for checking small problems.</summary>
    /// <exception cref="NotPositiveDefiniteException">A refactorization failed and left no factor.</exception>
    public NDArray<T> Reconstruct()
    {
        RequireValid("sparse cholesky.reconstruct");
        return SparseFactorSolve.Reconstruct(_f);
    }

    private void RequireValid(string op)
    {
        if (!_f.Valid) throw new NotPositiveDefiniteException(0, $"{op}: the last refactorization failed; there is no factor");
    }
}
