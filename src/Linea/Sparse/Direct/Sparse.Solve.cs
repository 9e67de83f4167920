using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// x with A x = b for a square sparse A (SciPy's <c>spsolve</c>): b of shape (n,) gives (n,), (n, k) gives (n, k).
    /// Factors A by <see cref="Factorized{T}"/> (sparse Cholesky when A is symmetric with a positive diagonal, falling
    /// back to sparse LU when it is not positive definite) and solves. Memory: the factors; time: their fill.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square, or b's leading axis is not n.</exception>
    /// <exception cref="SingularMatrixException">A is singular (the message names the column).</exception>
    /// <exception cref="NonFiniteException">A holds NaN or infinity.</exception>
    public static NDArray<T> Solve<T>(SparseMatrix<T> a, NDArray<T> b, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is < 1 or > 2 || b.Shape[0] != a.Rows)
            ThrowHelper.ShapeMismatch("spsolve", $"A of shape ({a.Rows}, {a.Columns}) needs b of shape ({a.Rows},) or ({a.Rows}, k), got {b.Shape}", a.Shape, b.Shape);
        return Factorized(a, parallelism).Solve(b);
    }

    /// <summary>
    /// A factorization of a square sparse A ready for many solves (SciPy's <c>factorized</c>): the sparse Cholesky
    /// (<see cref="SparseCholesky{T}"/>) when A is symmetric (values included) with a positive diagonal and turns out
    /// positive definite, otherwise the sparse LU (<see cref="SparseLu{T}"/>). Both orderings are <see cref="SparseOrdering.Auto"/>.
    /// The symmetry test costs one transposed copy of the pattern, O(nnz + n).
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="SingularMatrixException">A is singular.</exception>
    /// <exception cref="NonFiniteException">A holds NaN or infinity.</exception>
    public static ILinearSolver<T> Factorized<T>(SparseMatrix<T> a, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch("spsolve", $"A of shape ({a.Rows}, {a.Columns}) is not square; Sparse.Lstsq solves least-squares problems", a.Shape);
        if (IsSymmetricWithPositiveDiagonal(a))
        {
            try
            {
                return Cholesky(a, parallelism: parallelism);
            }
            catch (NotPositiveDefiniteException)
            {
                // Symmetric but indefinite: LU below.
            }
        }
        return Lu(a, parallelism: parallelism);
    }

    /// <summary>Whether A equals A^T exactly (duplicates summed, explicit zeros ignored) and every diagonal entry is positive.</summary>
    internal static bool IsSymmetricWithPositiveDiagonal<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns) return false;
        foreach (var d in a.Diagonal().AsReadOnlySpan())
            if (!(d > T.Zero)) return false;
        var rows = a.ToCsr().SumDuplicates().EliminateZeros();
        var transposed = a.T.ToCsr().SumDuplicates().EliminateZeros();
        if (rows.Nnz != transposed.Nnz) return false;
        for (int i = 0; i < rows.Rows; i++)
        {
            if (!rows.RunIndices(i).SequenceEqual(transposed.RunIndices(i))) return false;
            if (!rows.RunValues(i).SequenceEqual(transposed.RunValues(i))) return false;
        }
        return true;
    }
}
