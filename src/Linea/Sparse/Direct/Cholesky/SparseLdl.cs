using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse LDL^T factorization A[perm, perm] = L D L^T (L unit lower triangular, D diagonal, no pivoting) of a
/// symmetric quasi-definite sparse matrix, such as the KKT matrix [[H, A^T], [A, -delta I]] with H positive definite
/// and delta &gt; 0 (CHOLMOD's LDL^T). Made by <see cref="Sparse.Ldl{T}"/> or <see cref="SparseCholeskyAnalysis.FactorLdl{T}"/>.
/// Only the lower triangle of A is read. Without pivoting, a general indefinite matrix may hit a zero (or tiny) pivot:
/// use sparse LU for those.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseLdl<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SupernodalFactor<T> _f;

    internal SparseLdl(SupernodalFactor<T> f) => _f = f;

    /// <summary>The symbolic analysis this factorization uses.</summary>
    public SparseCholeskyAnalysis Analysis => _f.Analysis;

    /// <summary>The order n of A.</summary>
    public int Order => _f.Analysis.N;

    /// <summary>Rows of A (= <see cref="Order"/>).</summary>
    public int Rows => Order;

    /// <summary>Columns of A (= <see cref="Order"/>).</summary>
    public int Columns => Order;

    /// <summary>The fill-reducing ordering used.</summary>
    public SparseOrdering Ordering => _f.Analysis.Ordering;

    /// <summary>The permutation (a copy): perm[k] = the original index at position k; L D L^T = A[perm, perm].</summary>
    public int[] Permutation => _f.Analysis.Permutation;

    /// <summary>nnz(L), unit diagonal included.</summary>
    public long Nnz => _f.Analysis.Nnz;

    /// <summary>L (unit diagonal stored) as an n x n CSC matrix in the permuted numbering.</summary>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public SparseMatrix<T> L { get { RequireValid("sparse ldl.L"); return _f.ToSparseL(); } }

    /// <summary>The diagonal D (n,), in the permuted numbering (a new tensor).</summary>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public NDArray<T> D { get { RequireValid("sparse ldl.D"); return NDArray.FromArray((T[])_f.D.Clone()); } }

    /// <summary>(sign, log |det A|) from D, without overflow (as <see cref="Linalg.Slogdet{T}"/>). O(n).</summary>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public (T Sign, T LogAbsDet) Slogdet()
    {
        RequireValid("sparse ldl.slogdet");
        T sign = T.One, sum = T.Zero;
        foreach (var d in _f.D)
        {
            if (d < T.Zero) sign = -sign;
            sum += T.Log(T.Abs(d));
        }
        return (sign, sum);
    }

    /// <summary>Factors new values with the analyzed pattern in place (no analysis); on failure no factor is left.</summary>
    /// <exception cref="ArgumentException">a's pattern differs from the analyzed one.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">A zero pivot; the message names the column, PivotIndex is it in the original numbering.</exception>
    public void Refactor(SparseMatrix<T> a, Parallelism? parallelism = null) =>
        _f.Run("sparse ldl refactor", a, parallelism ?? Parallelism.Default);

    /// <summary>X with A X = B for B (n,) or (n, k) (result of B's shape). 4 nnz(L) k flops; from k = 4 on through TRSM and GEMM per supernode.</summary>
    /// <exception cref="ShapeMismatchException">B is not 1-d or 2-d, or its first axis is not n.</exception>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public NDArray<T> Solve(NDArray<T> b)
    {
        RequireValid("sparse ldl.solve");
        var x = MatrixArgs.RhsCopy("sparse ldl.solve", new Shape([Order, Order]), Order, b, out var view);
        SparseFactorSolve.Permuted(_f, x.Data, (int)view.Cols);
        return x;
    }

    /// <summary>x = A^-1 b for one right-hand side given as spans of length n (not overlapping).</summary>
    /// <exception cref="ShapeMismatchException">b or x does not have length n.</exception>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        RequireValid("sparse ldl.solve");
        SparseFactorSolve.Spans("sparse ldl.solve", _f, b, x);
    }

    /// <summary>A rebuilt densely, P^T L D L^T P (n x n); O(n^3), for checking small problems.</summary>
    /// <exception cref="SingularMatrixException">A refactorization failed and left no factor.</exception>
    public NDArray<T> Reconstruct()
    {
        RequireValid("sparse ldl.reconstruct");
        return SparseFactorSolve.Reconstruct(_f);
    }

    private void RequireValid(string op)
    {
        if (!_f.Valid) throw new SingularMatrixException(-1, $"{op}: the last refactorization failed; there is no factor");
    }
}
