using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string SparseCategory = "sparse matrices";

    private static void AddSparseFunctions(List<FunctionInfo> list)
    {
        list.Add(F("sparse", SparseCategory, "sparse(A)", "the nonzeros of a dense matrix as a sparse float64 matrix (CSR, SciPy's csr_matrix(A)); a vector becomes 1 x n", "sparse([[1, 0], [0, 2]])",
            ["A"], 1, ToSparse));
        list.Add(F("full", SparseCategory, "full(S)", "the dense float64 matrix of a sparse one (SciPy's S.toarray(), MATLAB's full); held to MaxElements", "full(speye(3))",
            ["S"], 1, a => Full(a, "full")));
        list.Add(F("todense", SparseCategory, "todense(S)", "the dense float64 matrix of a sparse one, as full(S)", "todense(speye(2))",
            ["S"], 1, a => Full(a, "todense")));
        list.Add(F("nnz", SparseCategory, "nnz(S)", "stored entries of a sparse matrix (SciPy's S.nnz, explicit zeros included); nonzero elements of a dense array", "nnz(speye(4))",
            ["S"], 1, Nnz));
        list.Add(F("speye", SparseCategory, "speye(m, n=None, k=0)", "sparse m x n identity (n = m by default) with ones on diagonal k (k > 0 above the main diagonal; SciPy's sparse.eye)", "speye(3)",
            ["m", "n", "k"], 1, Speye));
        list.Add(F("spdiags", SparseCategory, "spdiags(data, diags, m, n)", "sparse m x n matrix from diagonals, as SciPy's spdiags: row d of data fills diagonal diags[d], A[j - diags[d], j] = data[d, j] (indexed by column; zeros are not stored)", "spdiags([[1, 2, 3], [4, 5, 6]], [0, 1], 3, 3)",
            ["data", "diags", "m", "n"], 4, Spdiags));
        list.Add(F("sprand", SparseCategory, "sprand(m, n, density=0.01, seed=None)", "random sparse m x n matrix: round(density m n) distinct positions, values uniform in [0, 1) (SciPy's sparse.random)", "sprand(4, 5, 0.2, seed=1)",
            ["m", "n", "density"], 2, Sprand) with { KeywordOnly = ["seed"] });
        list.Add(F("mmread", SparseCategory, "mmread(\"file.mtx\")", "reads a Matrix Market file (coordinate or array; real, integer or pattern; general, symmetric or skew-symmetric; .mtx.gz too) as a sparse matrix", "mmread(\"A.mtx\")",
            ["path"], 1, MmRead));
        list.Add(F("mmwrite", SparseCategory, "mmwrite(\"file.mtx\", S)", "writes a sparse (or dense) matrix as a coordinate real general Matrix Market file, exact round trip", "mmwrite(\"A.mtx\", speye(3))",
            ["path", "S"], 2, MmWrite));
        list.Add(F("cg", SparseCategory, "cg(A, b, x0=None, rtol=1e-5, atol=0, maxiter=None)", "conjugate gradients for symmetric positive definite A (sparse or dense): x with ||b - A x|| <= max(rtol ||b||, atol); warns when not converged", "cg(spdiags([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]], [-1, 0, 1], 3, 3), [1, 0, 1])",
            ["A", "b", "x0", "rtol", "atol", "maxiter"], 2, a => Krylov(a, "cg")));
        list.Add(F("gmres", SparseCategory, "gmres(A, b, x0=None, rtol=1e-5, atol=0, restart=20, maxiter=None)", "restarted GMRES for any square A (sparse or dense); warns when not converged", "gmres(sparse([[3, 1], [0, 2]]), [4, 2])",
            ["A", "b", "x0", "rtol", "atol", "restart", "maxiter"], 2, a => Krylov(a, "gmres")));
        list.Add(F("bicgstab", SparseCategory, "bicgstab(A, b, x0=None, rtol=1e-5, atol=0, maxiter=None)", "BiCGSTAB for any square A (sparse or dense); warns when not converged", "bicgstab(sparse([[3, 1], [0, 2]]), [4, 2])",
            ["A", "b", "x0", "rtol", "atol", "maxiter"], 2, a => Krylov(a, "bicgstab")));
        list.Add(F("lsqr", SparseCategory, "lsqr(A, b, damp=0, atol=1e-6, btol=1e-6, conlim=1e8, iter_lim=None)", "least-squares x minimising ||A x - b||^2 + damp^2 ||x||^2 for any m x n A (sparse or dense), by LSQR; warns when not converged (maxiter= is iter_lim)", "lsqr(sparse([[1, 0], [1, 1], [1, 2]]), [1, 2, 4])",
            ["A", "b", "damp", "atol", "btol", "conlim", "iter_lim"], 2, Lsqr) with { KeywordOnly = ["maxiter"] });
    }

    private static Value ToSparse(CallArgs a)
    {
        var x = a.Array("A");
        if (x is SparseValue) return x;
        var t = a.NDArray("A");
        if (t.Rank > 2)
            throw new CalcShapeException($"sparse: needs a matrix, got shape {t.Shape}") { Hint = "a sparse matrix has two axes; index one matrix of the stack first" };
        if (t.Rank < 2) t = t.Contiguous().Reshape(1, t.Rank == 0 ? 1 : t.Shape[0]);
        return new SparseValue(Sparse.FromDense(t));
    }

    private static Value Full(CallArgs a, string fn)
    {
        var x = a.Array("S");
        if (x is not SparseValue s) return x is ExactValue or FloatValue ? Fn.Float(a.NDArray("S")) : x is ComplexValue ? x : throw new CalcTypeException($"{fn}: needs a sparse matrix or an array, got {x.Describe()}");
        a.Context.CheckResult(fn, "the dense matrix", "a sparse matrix this large stays sparse: use @, cg, gmres, eigsh, svds on it, or index a part after full of a product", s.Matrix.Rows, s.Matrix.Columns);
        return Fn.Float(s.Matrix.ToDense());
    }

    private static Value Nnz(CallArgs a)
    {
        var x = a.Array("S");
        if (x is SparseValue s) return Fn.Int(s.Matrix.Nnz);
        if (x is ComplexValue z)
        {
            var re = z.NDArray.Real.ToArray();
            var im = z.NDArray.Imag.ToArray();
            return Fn.Int(Enumerable.Range(0, re.Length).LongCount(i => re[i] != 0 || im[i] != 0));
        }
        return Fn.Int(a.NDArray("S").Contiguous().ToArray().LongCount(v => v != 0));
    }

    private static Value Speye(CallArgs a)
    {
        int m = a.Int("m");
        int n = a.Has("n") && a.Get("n") is not StringValue ? a.Int("n") : m;
        int k = a.Int("k", 0);
        if (m < 0 || n < 0) throw new CalcTypeException($"speye: the shape ({m}, {n}) has a negative dimension");
        a.Context.CheckElements(Math.Min(m, n), "speye (stored entries)");
        return new SparseValue(Sparse.Eye<double>(m, n, k));
    }

    private static Value Spdiags(CallArgs a)
    {
        var data = a.NDArray("data");
        if (data.Rank > 2) throw new CalcShapeException($"spdiags: data must be a matrix with one row per diagonal, got shape {data.Shape}");
        if (data.Rank < 2) data = data.Contiguous().Reshape(1, data.Rank == 0 ? 1 : data.Shape[0]);
        var offsetsTensor = a.NDArray("diags");
        if (offsetsTensor.Rank > 1) throw new CalcShapeException($"spdiags: diags must be an integer or a vector of integers, got shape {offsetsTensor.Shape}");
        var offsets = offsetsTensor.Contiguous().ToArray();
        int m = a.Int("m"), n = a.Int("n");
        if (m < 0 || n < 0) throw new CalcTypeException($"spdiags: the shape ({m}, {n}) has a negative dimension");
        int d = (int)data.Shape[0], length = (int)data.Shape[1];
        if (offsets.Length != d)
            throw new CalcShapeException($"spdiags: data has {d} row{(d == 1 ? "" : "s")} (one per diagonal) but diags names {offsets.Length} diagonal{(offsets.Length == 1 ? "" : "s")}")
            { Hint = "row d of data fills diagonal diags[d]" };
        var values = data.Contiguous().ToArray();
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int r = 0; r < d; r++)
        {
            double o = offsets[r];
            if (o != Math.Floor(o) || Math.Abs(o) > int.MaxValue) throw new CalcTypeException($"spdiags: diags[{r}] must be an integer, got {o}");
            long offset = (long)o;
            // diagonal `offset` holds A[j - offset, j] for the columns j with 0 <= j - offset < m; data is indexed by column
            long first = Math.Max(0, offset), last = Math.Min(Math.Min(n, length), m + offset); // j in [first, last)
            a.Context.CheckElements(rows.Count + Math.Max(0, last - first), "spdiags (stored entries)");
            for (long j = first; j < last; j++)
            {
                double v = values[r * length + j];
                if (v == 0) continue;
                rows.Add((int)(j - offset));
                cols.Add((int)j);
                vals.Add(v);
            }
        }
        return new SparseValue(Sparse.Coo(m, n, rows.ToArray(), cols.ToArray(), (ReadOnlySpan<double>)vals.ToArray()));
    }

    private static Value Sprand(CallArgs a)
    {
        int m = a.Int("m"), n = a.Int("n");
        double density = a.Double("density", 0.01);
        if (m < 0 || n < 0) throw new CalcTypeException($"sprand: the shape ({m}, {n}) has a negative dimension");
        if (!(density >= 0 && density <= 1)) throw new CalcTypeException($"sprand: density must lie in [0, 1], got {density}");
        a.Context.CheckElements(Math.Round(density * m * n), "sprand (stored entries)");
        ulong seed = a.Has("seed") ? (ulong)NonNegative(a, "seed") : a.Context.Rng.NextUInt64();
        return new SparseValue(Sparse.Random<double>(m, n, density, seed));
    }

    private static int NonNegative(CallArgs a, string name)
    {
        int v = a.Int(name);
        if (v < 0) throw new CalcTypeException($"{a.Function.Name}: {name} must be a non-negative integer, got {v}");
        return v;
    }

    private static string ResolveMatrixMarketPath(CallArgs a, string fn)
    {
        if (!a.Context.Options.AllowFileAccess)
            throw new CalcIOException($"{fn}: file access is disabled in this session");
        string path = a.String("path");
        if (path.Length == 0) throw new CalcIOException($"{fn}: the file name is empty");
        if (!path.EndsWith(".mtx", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".mtx.gz", StringComparison.OrdinalIgnoreCase))
            throw new CalcIOException($"{fn}: \"{path}\" is not a Matrix Market file") { Hint = "name the file A.mtx (or A.mtx.gz, compressed)" };
        return Path.GetFullPath(path, a.Context.Options.WorkingDirectory ?? Directory.GetCurrentDirectory());
    }

    private static Value MmRead(CallArgs a)
    {
        string full = ResolveMatrixMarketPath(a, "mmread");
        if (!File.Exists(full)) throw new CalcIOException($"mmread: no file \"{a.String("path")}\" (looked for {full})");
        var info = Sparse.MmInfo(full);
        // a symmetric file stores one triangle: the matrix holds up to twice its entries
        double entries = info.Symmetry == MatrixMarketSymmetry.General ? info.Entries : 2.0 * info.Entries;
        a.Context.CheckElements(entries, $"mmread (stored entries of the ({info.Rows}, {info.Columns}) matrix in the file)");
        return new SparseValue(Sparse.MmRead<double>(full));
    }

    private static Value MmWrite(CallArgs a)
    {
        string full = ResolveMatrixMarketPath(a, "mmwrite");
        var x = a.Array("S");
        var m = x is SparseValue s ? s.Matrix : Sparse.FromDense(RequireMatrix2(a.NDArray("S"), "mmwrite"));
        Sparse.MmWrite(full, m, comment: "written by the linea calculator");
        return new StringValue($"saved a ({m.Rows}, {m.Columns}) sparse matrix with {m.Nnz} stored entries to {a.String("path")}");
    }

    private static NDArray<double> RequireMatrix2(NDArray<double> t, string fn) => t.Rank == 2
        ? t
        : throw new CalcShapeException($"{fn}: needs a matrix, got shape {t.Shape}");

    /// <summary>A (sparse, or dense float/exact) as a linear operator for the iterative solvers.</summary>
    private static ILinearOperator<double> Operator(CallArgs a, string name)
    {
        var x = a.Array(name);
        if (x is SparseValue s) return s.Matrix;
        var t = RequireMatrix2(Fn.RequireFinite(a.Function.Name, a.NDArray(name)), a.Function.Name);
        return LinearOperator.FromDense(t);
    }

    /// <summary>A right-hand side or start vector: 1-d, or a column (n, 1) read as a vector (as SciPy accepts).</summary>
    private static NDArray<double>? Vector(CallArgs a, string name)
    {
        if (!a.Has(name)) return null;
        var t = a.NDArray(name);
        if (t.Rank == 2 && t.Shape[1] == 1) t = t.Contiguous().Reshape(-1);
        if (t.Rank != 1)
            throw new CalcShapeException($"{a.Function.Name}: {name} must be a vector, got shape {t.Shape}") { Hint = "one right-hand side at a time: b of shape (n,)" };
        return t;
    }

    private static int? OptionalCount(CallArgs a, string name)
    {
        int? v = a.OptionalInt(name);
        if (v < 0) throw new CalcTypeException($"{a.Function.Name}: {name} cannot be negative, got {v}");
        return v;
    }

    private static Value Krylov(CallArgs a, string fn)
    {
        var op = Operator(a, "A");
        var b = Vector(a, "b")!;
        var x0 = Vector(a, "x0");
        double rtol = a.Double("rtol", 1e-5), atol = a.Double("atol", 0);
        int? maxiter = OptionalCount(a, "maxiter");
        var r = fn switch
        {
            "cg" => SparseLinalg.Cg(op, b, x0, rtol, atol, maxiter),
            "gmres" => SparseLinalg.Gmres(op, b, x0, rtol, atol, a.Int("restart", 20), maxiter),
            _ => SparseLinalg.Bicgstab(op, b, x0, rtol, atol, maxiter),
        };
        return Solution(a, r);
    }

    private static Value Lsqr(CallArgs a)
    {
        var op = Operator(a, "A");
        var b = Vector(a, "b")!;
        if (a.Has("iter_lim") && a.Has("maxiter"))
            throw new CalcTypeException("lsqr() got two values for the iteration limit: iter_lim and maxiter") { Hint = a.Usage };
        int? limit = OptionalCount(a, a.Has("maxiter") ? "maxiter" : "iter_lim");
        var r = SparseLinalg.Lsqr(op, b, a.Double("damp", 0), a.Double("atol", 1e-6), a.Double("btol", 1e-6), a.Double("conlim", 1e8), limit);
        return Solution(a, r);
    }

    /// <summary>The solution; an unconverged solve adds a warning that names the method and the residual (never silent).</summary>
    private static Value Solution(CallArgs a, IterativeResult<double> r)
    {
        if (!r.Converged)
            a.Context.Warn($"{r.Message}; the result is the last iterate (raise maxiter, loosen rtol, or precondition the system)");
        return Fn.Float(r.X);
    }
}
