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
    /// sparsity and allow growth up to 1 + 1/tol per step). The numeric factorization (<see cref="SparseLuParams.Method"/>,
    /// chosen as UMFPACK chooses its strategy): multifrontal on the supernodes of A + A^T for a symmetric ordering of a
    /// mostly symmetric pattern (dense fronts on Linea's LU, TRSM and GEMM, independent subtrees in parallel; pivots within
    /// each front's fully summed rows, and when a front has no acceptable one the whole matrix goes to the next method
    /// under the same column order), left-looking Gilbert-Peierls otherwise (see <see cref="SparseLu{T}"/>).
    /// A CSR input is converted to CSC first. Time O(flops of the factorization + nnz(A)); memory O(nnz(L) + nnz(U) + n)
    /// plus the multifrontal contribution stack, on up to <paramref name="parallelism"/> threads
    /// (<see cref="Parallelism.Default"/> when null).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="ArgumentException">pivotThreshold is outside (0, 1], columnPermutation is not a permutation of 0..n-1, or the parameters are invalid.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity, or the elimination overflowed.</exception>
    /// <exception cref="SingularMatrixException">
    /// A column (named in A's numbering, and in <see cref="SingularMatrixException.PivotIndex"/>) has no acceptable pivot:
    /// structurally (no entry left in a row not yet used) or numerically (all candidates exactly zero).
    /// </exception>
    public static SparseLu<T> Lu<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, double pivotThreshold = 0.1,
        int[]? columnPermutation = null, Parallelism? parallelism = null, SparseLuParams? parameters = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "sparse lu";
        ArgumentNullException.ThrowIfNull(a);
        var threads = parallelism ?? Parallelism.Default;
        var p = parameters ?? SparseLuParams.Default;
        if (!(pivotThreshold > 0 && pivotThreshold <= 1))
            ThrowHelper.Argument(op, nameof(pivotThreshold), $"the pivot threshold must lie in (0, 1], got {pivotThreshold}");
        if (p.PanelLeaf < 1) ThrowHelper.Argument(op, nameof(parameters), $"PanelLeaf must be at least 1, got {p.PanelLeaf}");
        if (!Enum.IsDefined(p.Method)) ThrowHelper.Argument(op, nameof(parameters), $"Method {(int)p.Method} is not a SparseLuMethod");
        var csc = SparseLuFactory.Prepare(op, a);
        var analysis = SparseLuFactory.Analyze(op, csc, ordering, columnPermutation, p, threads);
        var f = SparseLuFactory.Factor(op, csc, analysis, pivotThreshold, p, threads);
        return SparseLu<T>.Create(f, csc, SparseLuFactory.Norm1(csc), analysis.Used, pivotThreshold, p, threads);
    }
}

/// <summary>
/// The column ordering and symbolic work of one sparse LU: the column permutation and the ordering used, for the
/// left-looking LU the Cholesky column counts of A + A^T (null unless a symmetric ordering), and for the multifrontal LU
/// its analysis (null when the left-looking LU runs).
/// </summary>
internal sealed record SparseLuAnalysis(int[] Q, SparseOrdering Used, long[]? Counts, MultifrontalLuAnalysis? Multifrontal);

/// <summary>Input checks, the strategy choice, norms and error messages shared by <see cref="Sparse.Lu{T}"/> and <see cref="SparseLu{T}.Refactor"/>.</summary>
internal static class SparseLuFactory
{
    /// <summary>
    /// Orders the columns and, for the multifrontal LU, analyzes A + A^T (see <see cref="SparseLuMethod.Auto"/> for the
    /// choice). O(nnz(A) + the ordering + sum of the supernodes' row counts).
    /// </summary>
    public static SparseLuAnalysis Analyze<T>(string op, SparseMatrix<T> csc, SparseOrdering ordering, int[]? columnPermutation, SparseLuParams p,
        Parallelism threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool symmetricOrdering = columnPermutation is null && ordering is SparseOrdering.Auto or SparseOrdering.Amd or SparseOrdering.NestedDissection;
        bool symmetricStrategy = symmetricOrdering && p.Method != SparseLuMethod.GilbertPeierls && LuOrdering.IsSymmetricStrategy(csc);
        if (p.Method == SparseLuMethod.Multifrontal || symmetricStrategy)
        {
            int[] perm;
            SparseOrdering used;
            AdjacencyGraph? g = null;
            if (symmetricStrategy && ordering == SparseOrdering.Auto)
            {
                g = AdjacencyGraph.SymmetricPattern(op, csc);
                (perm, used, _) = FillReducingOrder.AutoSymmetricCounted(g, threads);
            }
            else (perm, used, _) = LuOrdering.Compute(op, csc, ordering, columnPermutation, threads);
            var mf = MultifrontalLuAnalysis.Build(op, csc, g, perm, p.Amalgamation ?? SparseCholeskyParams.Default);
            return new SparseLuAnalysis(mf.Symbolic.Perm, used, null, mf);
        }
        // Auto that is not the symmetric strategy is COLAMD (the statistics were just computed)
        var effective = symmetricOrdering && ordering == SparseOrdering.Auto && p.Method != SparseLuMethod.GilbertPeierls ? SparseOrdering.Colamd : ordering;
        var (q, usedOrdering, counts) = LuOrdering.Compute(op, csc, effective, columnPermutation, threads);
        return new SparseLuAnalysis(q, usedOrdering, counts, null);
    }

    /// <summary>
    /// The numeric factorization for <paramref name="analysis"/>: multifrontal when analyzed so, falling back to the
    /// left-looking LU under the same column order when a front has no acceptable pivot (<see cref="MultifrontalLu{T}"/>);
    /// left-looking otherwise. Throws the singular or non-finite error naming A's column.
    /// </summary>
    public static ILuFactors<T> Factor<T>(string op, SparseMatrix<T> csc, SparseLuAnalysis analysis, double tol, SparseLuParams p, Parallelism threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = analysis.Q;
        var counts = analysis.Counts;
        if (analysis.Multifrontal is { } mf)
        {
            var factors = MultifrontalLu<T>.Factor(mf, csc, tol, p.PanelLeaf, threads, out _);
            if (factors is not null) return factors;
            counts = mf.Symbolic.ColumnCounts;
        }
        var plan = LuMemoryPlan.FromColumnCounts(counts, csc.Columns);
        var f = GilbertPeierlsLu.Factor(csc, q, tol, null, plan.TailOrder, plan.CapacityL, plan.CapacityU, threads, out var failure, out int step);
        if (f is null) ThrowFailure(op, csc, q, failure, step);
        return f!;
    }

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
