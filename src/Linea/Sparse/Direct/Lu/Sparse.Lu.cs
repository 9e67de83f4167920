using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// The sparse LU factorization P A Q = L U of the square matrix <paramref name="a"/> (SciPy's <c>splu</c>):
    /// columns ordered by <paramref name="ordering"/> or by <paramref name="columnPermutation"/> when given. As UMFPACK
    /// chooses its strategy, <see cref="SparseOrdering.Auto"/> orders a matrix whose pattern is at least half symmetric
    /// and whose diagonal is at least 90% nonzero by the symmetric ordering of A + A^T (AMD, or nested dissection on
    /// large meshes), any other by COLAMD; <see cref="SparseOrdering.Amd"/> and <see cref="SparseOrdering.NestedDissection"/>
    /// order A + A^T, <see cref="SparseOrdering.Colamd"/> A^T A's pattern, <see cref="SparseOrdering.Natural"/> keeps A's
    /// order, and <see cref="SparseLu{T}.Ordering"/> reports the one used (Natural for <paramref name="columnPermutation"/>:
    /// column k of A Q is then column columnPermutation[k] of A). The rows are chosen by threshold partial pivoting that prefers the
    /// diagonal: the diagonal entry is the pivot when it is at least <paramref name="pivotThreshold"/> times the largest
    /// candidate in its column (SciPy's <c>diag_pivot_thresh</c>; 1 is strict partial pivoting, smaller values keep more
    /// sparsity and allow growth up to 1 + 1/tol per step). Left-looking Gilbert-Peierls (see <see cref="SparseLu{T}"/>).
    /// A CSR input is converted to CSC first. Time O(flops of the factorization + nnz(A)); memory O(nnz(L) + nnz(U) + n),
    /// the sparse columns single threaded, a dense trailing block (see <see cref="SparseLu{T}"/>) on up to
    /// <paramref name="parallelism"/> threads (<see cref="Parallelism.Default"/> when null).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="ArgumentException">pivotThreshold is outside (0, 1], or columnPermutation is not a permutation of 0..n-1.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity, or the elimination overflowed.</exception>
    /// <exception cref="SingularMatrixException">
    /// A column (named in A's numbering, and in <see cref="SingularMatrixException.PivotIndex"/>) has no acceptable pivot:
    /// structurally (no entry left in a row not yet used) or numerically (all candidates exactly zero).
    /// </exception>
    public static SparseLu<T> Lu<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, double pivotThreshold = 0.1,
        int[]? columnPermutation = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "sparse lu";
        ArgumentNullException.ThrowIfNull(a);
        var threads = parallelism ?? Parallelism.Default;
        if (!(pivotThreshold > 0 && pivotThreshold <= 1))
            ThrowHelper.Argument(op, nameof(pivotThreshold), $"the pivot threshold must lie in (0, 1], got {pivotThreshold}");
        var csc = SparseLuFactory.Prepare(op, a);
        var (q, used, counts) = LuOrdering.Compute(op, csc, ordering, columnPermutation, threads);
        var plan = LuMemoryPlan.FromColumnCounts(counts, csc.Columns);
        var f = GilbertPeierlsLu.Factor(csc, q, pivotThreshold, null, plan.TailOrder, plan.CapacityL, plan.CapacityU, threads, out var failure, out int step);
        if (f is null) SparseLuFactory.ThrowFailure(op, csc, q, failure, step);
        return SparseLu<T>.Create(f!, csc, SparseLuFactory.Norm1(csc), used, pivotThreshold, threads);
    }
}

/// <summary>Input checks, norms and error messages shared by <see cref="Sparse.Lu{T}"/> and <see cref="SparseLu{T}.Refactor"/>.</summary>
internal static class SparseLuFactory
{
    /// <summary>a as CSC after checking it is square and finite.</summary>
    public static SparseMatrix<T> Prepare<T>(string op, SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, $"needs a square matrix, got {a.Rows} x {a.Columns}; for least squares use a QR or an iterative solver (Lsqr)", a.Shape);
        var csc = a.ToCsc();
        var vals = csc.Val.Span(0, (int)csc.Nnz);
        var idx = csc.Idx.Span(0, (int)csc.Nnz);
        for (int j = 0; j < csc.Columns; j++)
            for (long p = csc.Ptr[j]; p < csc.Ptr[j + 1]; p++)
                if (!T.IsFinite(vals[(int)p]))
                    throw new NonFiniteException($"{op}: the {a.Rows} x {a.Columns} matrix holds {vals[(int)p]} at ({idx[(int)p]}, {j})");
        return csc;
    }

    /// <summary>||A||_1, the largest column sum of |a_ij| (duplicates counted separately: an upper bound then). O(nnz).</summary>
    public static double Norm1<T>(SparseMatrix<T> csc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double best = 0;
        var vals = csc.Val.Span(0, (int)csc.Nnz);
        for (int j = 0; j < csc.Columns; j++)
        {
            double s = 0;
            for (long p = csc.Ptr[j]; p < csc.Ptr[j + 1]; p++) s += Math.Abs(double.CreateTruncating(vals[(int)p]));
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>Throws the exception for a factorization that stopped at <paramref name="step"/>, naming A's column.</summary>
    public static void ThrowFailure<T>(string op, SparseMatrix<T> csc, int[] q, GilbertPeierlsLu.Failure failure, int step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int col = q[step];
        string shape = $"{csc.Rows} x {csc.Columns}";
        switch (failure)
        {
            case GilbertPeierlsLu.Failure.NonFinite:
                throw new NonFiniteException($"{op}: the elimination overflowed at column {col} of the {shape} matrix (step {step}); the matrix is too badly scaled or a smaller pivot threshold let the entries grow");
            case GilbertPeierlsLu.Failure.StructurallySingular:
                throw new SingularMatrixException(col,
                    $"{op}: the {shape} matrix is structurally singular: column {col} has no entry left in a row that earlier pivots did not take (step {step}), so no values make it nonsingular");
            default:
                throw new SingularMatrixException(col,
                    $"{op}: the {shape} matrix is singular: column {col} has no nonzero pivot candidate after eliminating the {step} columns before it");
        }
    }
}
