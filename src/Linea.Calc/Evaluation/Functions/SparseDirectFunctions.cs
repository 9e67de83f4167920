namespace Linea.Calc.Evaluation;

/// <summary>
/// The sparse direct solvers: <c>spsolve</c>, <c>splu</c>, <c>spchol</c>, and the sparse paths of <c>solve</c> and
/// <c>lstsq</c> (Linea's <see cref="Sparse.Solve{T}"/>, <see cref="Sparse.Lu{T}"/>, <see cref="Sparse.Cholesky{T}"/>,
/// <see cref="Sparse.Qr{T}"/>). A sparse A is factored as it is, never densified.
/// </summary>
public static partial class FunctionLibrary
{
    private static void AddSparseDirectFunctions(List<FunctionInfo> list)
    {
        list.Add(F("spsolve", SparseCategory, "spsolve(A, b)", "x with A @ x = b for square A (sparse, or dense made sparse) by a sparse direct solver (SciPy's spsolve): sparse Cholesky when A is symmetric with a positive diagonal, else sparse LU; b a vector or a matrix, x dense", "spsolve(spdiags([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]], [-1, 0, 1], 3, 3), [1, 0, 1])",
            ["A", "b"], 2, a => SparseSolveCall(a, "spsolve")));
        list.Add(F("splu", SparseCategory, "splu(A)", "sparse LU with threshold partial pivoting of square A (SciPy's splu): (L, U, perm_r, perm_c) with L unit lower and U upper triangular, both sparse, and (L @ U)[perm_r, :] = A[:, perm_c]", "splu(sparse([[0, 2], [3, 1]]))",
            ["A"], 1, Splu) with { ResultNames = ["L", "U", "perm_r", "perm_c"] });
        list.Add(F("spchol", SparseCategory, "spchol(A)", "sparse Cholesky of symmetric positive definite A (lower triangle read) with a fill-reducing ordering: (L, perm) with L sparse lower triangular and L @ L.T = A[perm, :][:, perm]", "spchol(sparse([[4, 2], [2, 3]]))",
            ["A"], 1, Spchol) with { ResultNames = ["L", "perm"] });
    }

    /// <summary>A (sparse, or a dense float/exact matrix made sparse) for the direct solvers; finite values are checked by the library.</summary>
    private static SparseMatrix<double> SparseOperand(CallArgs a, string name)
    {
        var x = a.Array(name);
        if (x is SparseValue s) return s.Matrix;
        var t = a.NDArray(name);
        if (t.Rank != 2) throw new CalcShapeException($"{a.Function.Name}: needs a square matrix, got shape {t.Shape}");
        return Sparse.FromDense(t);
    }

    /// <summary>Throws the calculator's shape error unless <paramref name="m"/> is square.</summary>
    private static void RequireSquareSparse(string fn, SparseMatrix<double> m)
    {
        if (m.Rows != m.Columns)
            throw new CalcShapeException($"{fn}: needs a square matrix, got shape ({m.Rows}, {m.Columns}) ({m.Rows} rows, {m.Columns} columns)")
            { Hint = "lstsq(S, b) gives the least-squares solution of a rectangular sparse system" };
    }

    /// <summary>x with A x = b by <see cref="Sparse.Solve{T}"/>: the body of <c>spsolve</c> and of <c>solve</c> with a sparse A.</summary>
    private static Value SparseSolveCall(CallArgs a, string fn)
    {
        var m = SparseOperand(a, "A");
        RequireSquareSparse(fn, m);
        var b = a.NDArray("b");
        if (b.Rank is 0 or > 2 || b.Shape[0] != m.Rows)
            throw new CalcShapeException($"{fn}: A has shape ({m.Rows}, {m.Columns}) and b has shape {b.Shape}; b needs {m.Rows} rows (a vector of length {m.Rows} or a matrix with {m.Rows} rows)")
            { Hint = b.Rank == 2 && b.Shape[1] == m.Rows ? "did you mean b.T?" : null };
        a.Context.CheckResult(fn, "x", null, b.Shape.ToArray());
        try
        {
            return Fn.Float(Sparse.Solve(m, Fn.RequireFinite(fn, b)));
        }
        catch (SingularMatrixException e)
        {
            // the library's message names the column; the call the user wrote is named first
            throw new CalcMathException($"{fn}: {e.Message}", e) { Hint = "lstsq(S, b) gives a least-squares solution of a singular sparse system" };
        }
    }

    private static Value Splu(CallArgs a)
    {
        var m = SparseOperand(a, "A");
        RequireSquareSparse("splu", m);
        var lu = Sparse.Lu(m);
        a.Context.CheckElements(lu.NnzL + lu.NnzU, "splu (stored entries of L and U)");
        // SciPy's perm_r is the inverse of the pivot order: row i of A is row perm_r[i] of L U
        int[] rows = lu.RowPermutation;
        var permR = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++) permR[rows[k]] = k;
        return Fn.Tuple(new SparseValue(lu.L), new SparseValue(lu.U), IndexVector(permR), IndexVector(lu.ColumnPermutation));
    }

    private static Value Spchol(CallArgs a)
    {
        var m = SparseOperand(a, "A");
        RequireSquareSparse("spchol", m);
        var chol = Sparse.Cholesky(m);
        a.Context.CheckElements(chol.Nnz, "spchol (stored entries of L)");
        return Fn.Tuple(new SparseValue(chol.L), IndexVector(chol.Permutation));
    }

    private static Value IndexVector(int[] p) => IndexVector(Array.ConvertAll(p, i => (double)i));

    private static Value IndexVector(double[] p) => Fn.Indices(NDArray.FromArray(p, [p.Length]));

    /// <summary>
    /// <c>lstsq</c> with a sparse A: sparse QR (<see cref="Sparse.Qr{T}"/>), one factorization for every column of b.
    /// Returns NumPy's tuple: x, the squared residual norms (one per column when A is tall with full column rank,
    /// else empty), the rank, and an empty s (a QR computes no singular values).
    /// </summary>
    private static Value SparseLstsq(CallArgs a, SparseMatrix<double> m)
    {
        if (a.Has("rcond"))
            throw new CalcTypeException("lstsq: rcond applies to the dense SVD solver; a sparse A is solved by sparse QR with its own rank tolerance")
            { Hint = "lstsq(full(S), b, rcond=...) uses the SVD with rcond" };
        var b = a.NDArray("b");
        if (b.Rank is 0 or > 2 || b.Shape[0] != m.Rows)
            throw new CalcShapeException($"lstsq: A has shape ({m.Rows}, {m.Columns}) and b has shape {b.Shape}; b needs {m.Rows} rows");
        b = Fn.RequireFinite("lstsq", b).Contiguous();
        int k = b.Rank == 1 ? 1 : (int)b.Shape[1];
        a.Context.CheckElements((double)m.Columns * k, "lstsq (the solution)");
        var qr = Sparse.Qr(m);
        double[] flat = b.ToArray();
        var x = new double[m.Columns * k];
        var res = new double[k];
        var column = new double[m.Rows];
        var ax = new double[m.Rows];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < m.Rows; i++) column[i] = flat[i * k + j];
            double[] xj = qr.Solve(column);
            for (int i = 0; i < m.Columns; i++) x[i * k + j] = xj[i];
            m.Matvec(xj, ax);
            double ss = 0;
            for (int i = 0; i < m.Rows; i++) ss += (column[i] - ax[i]) * (column[i] - ax[i]);
            res[j] = ss;
        }
        var xt = b.Rank == 1 ? NDArray.FromArray(x, [m.Columns]) : NDArray.FromArray(x, [m.Columns, k]);
        bool residuals = m.Rows > m.Columns && qr.Rank == m.Columns;
        return Fn.Tuple(Fn.Float(xt), Fn.Float(NDArray.FromArray(residuals ? res : [], [residuals ? k : 0])), Fn.Int(qr.Rank),
            Fn.Float(NDArray.FromArray(Array.Empty<double>(), [0])));
    }
}
