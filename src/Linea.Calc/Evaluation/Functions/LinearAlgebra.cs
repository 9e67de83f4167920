using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string LinAlg = "linear algebra";

    private static void AddLinearAlgebra(List<FunctionInfo> list)
    {
        list.Add(F("det", LinAlg, "det(A)", "determinant of a square matrix; exact for exact input", "det([[1, 2], [3, 4]])",
            ["A"], 1, Det) with { AcceptsSymbolic = true });
        list.Add(F("slogdet", LinAlg, "slogdet(A)", "sign and natural log of |det(A)|, without overflow", "slogdet(eye(3) * 10)",
            ["A"], 1, Slogdet) with { ResultNames = ["sign", "logabsdet"] });
        list.Add(F("inv", LinAlg, "inv(A, mod=None)", "inverse of a square matrix (exact for exact input); mod=m gives the inverse modulo m", "inv([[3, 3], [2, 5]], mod=26)",
            ["A", "mod"], 1, Inv) with { AcceptsSymbolic = true });
        list.Add(F("solve", LinAlg, "solve(A, b)", "x with A @ x = b for square A; exact for exact input; a sparse A is solved by the sparse direct solver, as spsolve; the operator A \\ b does the same for a matrix A (and least squares when A is rectangular)", "solve([[2, 1], [1, 3]], [3, 5])",
            ["A", "b"], 2, Solve) with { AcceptsSymbolic = true });
        list.Add(F("lstsq", LinAlg, "lstsq(A, b, rcond=None)", "least-squares x minimising ||A @ x - b||: (x, residuals, rank, singular values); a sparse A is solved by sparse QR (no singular values: s is empty)", "lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 4])",
            ["A", "b", "rcond"], 2, Lstsq) with { ResultNames = ["x", "residuals", "rank", "s"] });
        list.Add(F("pinv", LinAlg, "pinv(A, rcond=1e-15)", "Moore-Penrose pseudo-inverse (through the SVD)", "pinv([[1, 2], [2, 4]])",
            ["A", "rcond"], 1, a => Fn.Float(Linalg.Pinv(Work(a, "A", 4).NDArray("A"), a.Double("rcond", 1e-15)))));
        list.Add(F("eig", LinAlg, "eig(A)", "eigenvalues and right eigenvectors (w, V) with A @ V = V * w", "eig([[2, 1], [1, 2]])",
            ["A"], 1, Eig) with { ResultNames = ["eigenvalues", "eigenvectors"] });
        list.Add(F("eigvals", LinAlg, "eigvals(A)", "eigenvalues of a square matrix", "eigvals([[2, 1], [1, 2]])",
            ["A"], 1, a => EigCore(a, vectors: false)));
        list.Add(F("eigh", LinAlg, "eigh(A)", "eigenvalues (ascending) and orthonormal eigenvectors (w, V) of a symmetric matrix (reads the lower triangle)", "eigh([[2, 1], [1, 2]])",
            ["A"], 1, a =>
            {
                var (w, v) = Linalg.Eigh(Work(a, "A", 9).NDArray("A"));
                return Fn.Tuple(Fn.Float(w), Fn.Float(v));
            }) with { ResultNames = ["eigenvalues", "eigenvectors"] });
        list.Add(F("eigvalsh", LinAlg, "eigvalsh(A)", "eigenvalues of a symmetric matrix, ascending", "eigvalsh([[2, 1], [1, 2]])",
            ["A"], 1, a => Fn.Float(Linalg.Eigvalsh(Work(a, "A", 4).NDArray("A")))));
        list.Add(F("svd", LinAlg, "svd(A, full_matrices=1, compute_uv=1)", "singular value decomposition A = U @ diag(S) @ Vh, S descending", "svd([[3, 0], [4, 5]])",
            ["A", "full_matrices", "compute_uv"], 1, Svd) with { ResultNames = ["U", "S", "Vh"] });
        list.Add(F("svdvals", LinAlg, "svdvals(A)", "singular values, descending", "svdvals([[3, 0], [4, 5]])",
            ["A"], 1, a => Fn.Float(Linalg.Svdvals(Work(a, "A", 4).NDArray("A")))));
        list.Add(F("qr", LinAlg, "qr(A, mode=\"reduced\")", "QR factorization A = Q @ R (mode \"reduced\", \"complete\" or \"r\")", "qr([[1, 2], [3, 4], [5, 6]])",
            ["A", "mode"], 1, Qr) with { ResultNames = ["Q", "R"] });
        list.Add(F("lu", LinAlg, "lu(A)", "LU factorization with partial pivoting as SciPy returns it: (P, L, U) with A = P @ L @ U", "lu([[1, 2], [3, 4]])",
            ["A"], 1, Lu) with { ResultNames = ["P", "L", "U"] });
        list.Add(F("cholesky", LinAlg, "cholesky(A)", "lower-triangular L with A = L @ L.T for symmetric positive definite A", "cholesky([[4, 2], [2, 3]])",
            ["A"], 1, a => Fn.Float(Linalg.Cholesky(Work(a, "A", 1.0 / 3).NDArray("A")))));
        list.Add(F("matrix_rank", LinAlg, "matrix_rank(A, tol=None)", "rank: exact elimination for exact input, else singular values above tol", "matrix_rank([[1, 2], [2, 4]])",
            ["A", "tol"], 1, MatrixRank) with { Aliases = ["rank"] });
        list.Add(F("cond", LinAlg, "cond(A, p=None)", "condition number (p = None/2, -2, 1, -1, inf, \"fro\", \"nuc\")", "cond([[1, 2], [3, 4]])",
            ["A", "p"], 1, Cond));
        list.Add(F("norm", LinAlg, "norm(x, ord=None, axis=None)", "vector or matrix norm (Frobenius/2-norm by default; ord 1, 2, inf, -inf, \"fro\", \"nuc\", any p for vectors)", "norm([3, 4])",
            ["x", "ord", "axis"], 1, Norm) with { KeywordOnly = ["keepdims"] });
        list.Add(F("trace", LinAlg, "trace(A)", "sum of the diagonal; exact for exact input", "trace([[1, 2], [3, 4]])",
            ["A"], 1, Trace) with { AcceptsSymbolic = true });
        list.Add(F("matrix_power", LinAlg, "matrix_power(A, k)", "A @ A @ ... (k times), by repeated squaring; negative k inverts; same as A ^ k", "matrix_power([[1, 1], [1, 0]], 10)",
            ["A", "k"], 2, a => ArrayOperators.Binary(a.Context, Syntax.BinaryOperator.MatrixPower, a.Array("A"), a.Get("k"), "A", "k")) with { AcceptsSymbolic = true });
    }

    /// <summary>Checks the work of a factorization of parameter <paramref name="name"/>; returns the arguments for chaining.</summary>
    private static CallArgs Work(CallArgs a, string name, double multiplier)
    {
        var x = a.Array(name);
        if (x.Rank >= 2) Fn.CheckFactorWork(a, x, multiplier);
        return a;
    }

    private static Value Det(CallArgs a)
    {
        var x = a.Array("A");
        var s = Fn.RequireSquare("det", x);
        if (x is SymbolicValue) return new SymbolicValue(new SymbolicShape(s.Dims.Take(s.Rank - 2)));
        Fn.CheckFactorWork(a, x);
        if (x is ExactValue e) return ExactValue.Scalar(ExactOps.Det(e.Array));
        var t = a.NDArray("A");
        return t.Rank == 2 ? FloatValue.Scalar(Linalg.Det(t)) : Fn.Float(BatchDet(t));
    }

    private static NDArray<double> BatchDet(NDArray<double> t)
    {
        var batch = t.Shape.ToArray()[..^2];
        var flat = t.Reshape(-1, t.Shape[^2], t.Shape[^1]);
        var result = new double[flat.Shape[0]];
        for (int i = 0; i < result.Length; i++) result[i] = Linalg.Det(flat[i, .., ..]);
        return NDArray.FromArray(result, batch);
    }

    private static Value Slogdet(CallArgs a)
    {
        var x = a.Array("A");
        Fn.RequireSquare("slogdet", x);
        Fn.CheckFactorWork(a, x);
        var (sign, logdet) = Linalg.Slogdet(a.NDArray("A"));
        return Fn.Tuple(FloatValue.Scalar(sign), FloatValue.Scalar(logdet));
    }

    private static Value Inv(CallArgs a)
    {
        var x = a.Array("A");
        var s = Fn.RequireSquare("inv", x);
        if (a.Has("mod"))
        {
            if (x is SymbolicValue) return new SymbolicValue(s);
            var m = a.Get("mod");
            if (!ValueConversions.IsExactInteger(m, out var modulus))
                throw new CalcTypeException($"inv: mod must be an integer, got {m.Describe()}") { Hint = "inv(K, mod=26) for a Hill cipher key" };
            Fn.CheckFactorWork(a, x);
            return new ExactValue(ExactOps.InvMod(ValueConversions.ToExact(x, "inv"), modulus));
        }
        if (x is SymbolicValue) return new SymbolicValue(s);
        Fn.CheckFactorWork(a, x);
        if (x is ExactValue e) return new ExactValue(ExactOps.Inv(e.Array));
        var t = Fn.RequireFinite("inv", a.NDArray("A"));
        if (t.Rank > 2) return Fn.Float(Linalg.Inv(t));
        var lu = t.Lu();
        if (lu.IsSingular) throw Fn.Singular("inv", t);
        Fn.WarnConditioning(a.Context, "inv", lu.RCond);
        return Fn.Float(lu.Inverse());
    }

    private static Value Solve(CallArgs a)
    {
        var x = a.Array("A");
        var b = a.Array("b");
        var s = Fn.RequireSquare("solve", x);
        var bs = b.SymbolicShape;
        bool vector = bs.Rank == 1;
        if (bs.Rank == 0 || !(vector ? bs[0] : bs[-2]).Equals(s[-1]))
            throw new CalcShapeException($"solve: A has shape {s} and b has shape {bs}; b needs {s[-1]} rows (a vector of length {s[-1]} or a matrix with {s[-1]} rows)")
            {
                // .T reverses every axis, so for a stack of matrices the fix is swapping the last two (.mT)
                Hint = bs.Rank == 2 && bs[-1].Equals(s[-1]) ? "did you mean b.T?"
                    : bs.Rank > 2 && bs[-1].Equals(s[-1]) ? "did you mean b.mT? swapping the last two axes of the stack (b.mT or swapaxes(b, -1, -2)) gives each matrix its rows; b.T would reverse all axes"
                    : null,
            };
        if (x is SymbolicValue || b is SymbolicValue) return new SymbolicValue(bs);
        if (x is SparseValue) return SparseSolveCall(a, "solve"); // sparse direct solve, never densified
        Fn.CheckFactorWork(a, x);
        if (x is ExactValue ea && b is ExactValue eb && s.Rank == 2 && bs.Rank <= 2) return new ExactValue(ExactOps.Solve(ea.Array, eb.Array));
        var t = Fn.RequireFinite("solve", a.NDArray("A"));
        var tb = a.NDArray("b");
        if (t.Rank > 2 || tb.Rank > 2)
        {
            // the batch axes of A and b broadcast: x can be far larger than either
            var bBatch = tb.Rank > 2 ? tb.Shape.AsSpan()[..^2] : [];
            long[] batch = Broadcast.Shapes("solve", t.Shape.AsSpan()[..^2], bBatch);
            a.Context.CheckResult("solve", "x", null, [.. batch, t.Shape[-1], tb.Rank == 1 ? 1 : tb.Shape[-1]]);
        }
        if (t.Rank > 2) return Fn.Float(Linalg.Solve(t, tb));
        var lu = t.Lu();
        if (lu.IsSingular) throw Fn.Singular("solve", t);
        Fn.WarnConditioning(a.Context, "solve", lu.RCond);
        return Fn.Float(lu.Solve(tb));
    }

    private static Value Lstsq(CallArgs a)
    {
        var x = a.Array("A");
        Fn.RequireMatrix("lstsq", x);
        if (x is SparseValue sv) return SparseLstsq(a, sv.Matrix); // sparse QR, never densified
        Fn.CheckFactorWork(a, x, 2);
        double? rcond = a.Has("rcond") ? a.Double("rcond", 0) : null;
        var r = Linalg.Lstsq(a.NDArray("A"), a.NDArray("b"), rcond);
        if (r.Warning is { } w) a.Context.Warn(w); // the library's warning already names lstsq (as every Linea message names its operation)
        return Fn.Tuple(Fn.Float(r.Solution), Fn.Float(r.Residuals), Fn.Int(r.Rank), Fn.Float(r.SingularValues));
    }

    private static Value Eig(CallArgs a) => EigCore(a, vectors: true);

    /// <summary>
    /// The general eigendecomposition (Linalg.Eig, LAPACK's order, unit-norm vectors). As in NumPy, a real spectrum
    /// gives float64 values and vectors, and a complex one (conjugate pairs, positive imaginary part first) gives
    /// complex128 values and vectors.
    /// </summary>
    private static Value EigCore(CallArgs a, bool vectors)
    {
        var x = a.Array("A");
        Fn.RequireSquare(a.Function.Name, x);
        Fn.CheckFactorWork(a, x, 9);
        var t = a.NDArray("A");
        if (!vectors) return RealOrComplex(Linalg.Eigvals(t));
        var (w, v) = Linalg.Eig(t);
        return w.IsReal ? Fn.Tuple(Fn.Float(w.Real), Fn.Float(v.Real)) : Fn.Tuple(new ComplexValue(w), new ComplexValue(v));
    }

    private static Value RealOrComplex(ComplexTensor<double> z) => z.IsReal ? Fn.Float(z.Real) : new ComplexValue(z);

    private const string Reduced = "svd(A, full_matrices=0) gives U as m x k and Vh as k x n (k = min(m, n)), enough to rebuild A";

    private static Value Svd(CallArgs a)
    {
        var x = a.Array("A");
        Fn.RequireMatrix("svd", x);
        Fn.CheckFactorWork(a, x, 12);
        bool full = a.Bool("full_matrices", true), uv = a.Bool("compute_uv", true);
        if (!uv) return Fn.Float(Linalg.Svdvals(a.NDArray("A")));
        var t = a.NDArray("A");
        long m = t.Shape[-2], n = t.Shape[-1], k = Math.Min(m, n);
        var batch = t.Shape.ToArray()[..^2];
        // U (m x m when full) and Vh (n x n) can be far larger than A: checked before the library allocates them
        a.Context.CheckResult("svd", full ? "the full U" : "U", full ? Reduced : null, [.. batch, m, full ? m : k]);
        a.Context.CheckResult("svd", full ? "the full Vh" : "Vh", full ? Reduced : null, [.. batch, full ? n : k, n]);
        var (u, sv, vh) = Linalg.Svd(t, fullMatrices: full);
        return Fn.Tuple(Fn.Float(u), Fn.Float(sv), Fn.Float(vh));
    }

    private static Value Qr(CallArgs a)
    {
        var x = a.Array("A");
        Fn.RequireMatrix("qr", x);
        Fn.CheckFactorWork(a, x, 2);
        string mode = a.Has("mode") ? a.String("mode") : "reduced";
        var t = a.NDArray("A");
        // the complete Q is m x m, far larger than a tall A: checked before the library allocates it
        if (mode == "complete")
            a.Context.CheckResult("qr", "the complete Q", "qr(A) gives the reduced Q, m x min(m, n), which spans the same columns of A", [.. t.Shape.ToArray()[..^2], t.Shape[-2], t.Shape[-2]]);
        switch (mode)
        {
            case "reduced":
            case "complete":
                var (q, r) = Linalg.Qr(t, mode == "complete" ? QrMode.Complete : QrMode.Reduced);
                return Fn.Tuple(Fn.Float(q), Fn.Float(r));
            case "r":
                return Fn.Float(Linalg.QrR(t));
            default:
                throw new CalcTypeException($"qr: unknown mode \"{mode}\"") { Hint = "mode is \"reduced\", \"complete\" or \"r\"" };
        }
    }

    private static Value Lu(CallArgs a)
    {
        var x = a.Array("A");
        var s = Fn.RequireMatrix("lu", x);
        if (s.Rank != 2) throw new CalcShapeException($"lu: needs one matrix, got shape {s}");
        Fn.CheckFactorWork(a, x);
        var t = a.NDArray("A");
        a.Context.CheckResult("lu", "P", null, t.Shape[0], t.Shape[0]); // m x m: far larger than a tall A
        var lu = t.Lu();
        return Fn.Tuple(Fn.Float(lu.P.T.Contiguous()), Fn.Float(lu.L), Fn.Float(lu.U));
    }

    private static Value MatrixRank(CallArgs a)
    {
        var x = a.Array("A");
        if (x.Rank < 2)
        {
            // NumPy: a vector has rank 1 unless it is all zeros
            var v = a.NDArray("A").Contiguous().AsReadOnlySpan();
            foreach (var d in v) if (d != 0) return Fn.Int(1);
            return Fn.Int(0);
        }
        Fn.CheckFactorWork(a, x, 4);
        if (x is ExactValue e && x.Rank == 2 && !a.Has("tol")) return Fn.Int(ExactOps.Rank(e.Array));
        double? tol = a.Has("tol") ? a.Double("tol", 0) : null;
        return Fn.Int(Linalg.MatrixRank(a.NDArray("A"), tol));
    }

    private static Value Cond(CallArgs a)
    {
        var x = a.Array("A");
        Fn.RequireMatrix("cond", x);
        Fn.CheckFactorWork(a, x, 4);
        var t = a.NDArray("A");
        if (!a.Has("p")) return FloatValue.Scalar(Linalg.Cond(t));
        return a.Get("p") is StringValue s
            ? FloatValue.Scalar(Linalg.Cond(t, s.Text))
            : FloatValue.Scalar(Linalg.Cond(t, a.Double("p", 2)));
    }

    /// <summary>
    /// norm of float or exact input; of complex input through the moduli |z|, which is exact for every vector norm and
    /// for the Frobenius, 1 and inf matrix norms (they depend only on |z|). The spectral and nuclear matrix norms
    /// (ord 2, -2, "nuc") of a complex matrix need a complex SVD and are an error.
    /// </summary>
    private static Value Norm(CallArgs a)
    {
        NDArray<double> t;
        if (a.Array("x") is ComplexValue z)
        {
            var ord = a.Optional("ord");
            bool spectral = ord is StringValue { Text: "nuc" } || ord is not null and not StringValue && Math.Abs(a.Double("ord", 0)) == 2;
            if (!a.Has("axis") && z.Rank == 2 && spectral)
                throw new CalcTypeException("norm: the 2-norm and nuclear norm of a complex matrix are not supported (they need a complex SVD)")
                { Hint = "norm(Z) (Frobenius), norm(Z, 1) and norm(Z, inf) work, and so does every vector norm" };
            t = z.NDArray.Abs();
        }
        else t = a.NDArray("x");
        bool keep = a.Bool("keepdims", false);
        if (a.Has("axis"))
        {
            int axis = a.Int("axis");
            double ord = a.Has("ord") ? a.Double("ord", 2) : 2;
            return Fn.Float(Linalg.Norm(t, ord, axis, keep));
        }
        if (t.Rank == 2) Fn.CheckFactorWork(a, a.Array("x"), 4);
        if (!a.Has("ord"))
        {
            // NumPy's default: 2-norm of the flattened array (Frobenius for a matrix)
            return FloatValue.Scalar(t.Rank <= 1 ? Linalg.Norm(t) : Linalg.Norm(t.Contiguous().Reshape(-1)));
        }
        return a.Get("ord") is StringValue s
            ? FloatValue.Scalar(Linalg.Norm(t, s.Text))
            : FloatValue.Scalar(Linalg.Norm(t, a.Double("ord", 2)));
    }

    private static Value Trace(CallArgs a)
    {
        var x = a.Array("A");
        var s = Fn.RequireMatrix("trace", x);
        if (x is SymbolicValue) return new SymbolicValue(new SymbolicShape(s.Dims.Take(s.Rank - 2)));
        if (x is ExactValue e) return ExactValue.Scalar(ExactOps.Trace(e.Array));
        if (x is ComplexValue z) return ComplexOps.Trace(z);
        var t = a.NDArray("A");
        if (t.Rank != 2) throw new CalcShapeException($"trace: needs one matrix, got shape {t.Shape}");
        return FloatValue.Scalar(NDArray.Trace(t));
    }
}
