namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private static void AddSparseEigenFunctions(List<FunctionInfo> list)
    {
        list.Add(F("eigsh", SparseCategory, "eigsh(A, k=6, which=\"LM\", sigma=None, tol=0, maxiter=None)", "k eigenvalues (ascending) and eigenvectors (w, V) of a symmetric A (sparse or dense) by thick-restart Lanczos; which \"LM\", \"SM\", \"LA\", \"SA\"; sigma finds those nearest sigma (shift-invert)", "eigsh(spdiags([[-1, -1, -1, -1], [2, 2, 2, 2], [-1, -1, -1, -1]], [-1, 0, 1], 4, 4), 2)",
            ["A", "k", "which", "sigma", "tol", "maxiter"], 1, Eigsh) with { ResultNames = ["eigenvalues", "eigenvectors"], KeywordOnly = ["ncv", "seed"] });
        list.Add(F("svds", SparseCategory, "svds(A, k=6, which=\"LM\", tol=0, maxiter=None)", "k singular triplets (U, s, Vt) of any A (sparse or dense), s ascending as SciPy returns it; which \"LM\" (largest) or \"SM\" (smallest)", "svds(sparse([[3, 0, 0], [0, 0, 2], [0, 1, 0]]), 2)",
            ["A", "k", "which", "tol", "maxiter"], 1, Svds) with { ResultNames = ["U", "s", "Vt"], KeywordOnly = ["ncv", "seed"] });
    }

    private static Which ParseWhich(CallArgs a, params string[] allowed)
    {
        string w = a.Has("which") ? a.String("which") : "LM";
        if (!allowed.Contains(w))
            throw new CalcTypeException($"{a.Function.Name}: which must be {string.Join(", ", allowed.Select(s => $"\"{s}\""))}, got \"{w}\"")
            { Hint = "\"LM\" largest magnitude, \"SM\" smallest magnitude, \"LA\" largest algebraic, \"SA\" smallest algebraic" };
        return w switch
        {
            "SM" => Which.SmallestMagnitude,
            "LA" => Which.LargestAlgebraic,
            "SA" => Which.SmallestAlgebraic,
            _ => Which.LargestMagnitude,
        };
    }

    private static Value Eigsh(CallArgs a)
    {
        var op = Operator(a, "A");
        int k = a.Int("k", 6);
        var which = ParseWhich(a, "LM", "SM", "LA", "SA");
        double? sigma = a.Has("sigma") ? a.Double("sigma", 0) : null;
        int n = op.Rows;
        if (sigma is not null)
        {
            // shift-invert factors A - sigma I as a dense matrix
            a.Context.CheckResult("eigsh", "the dense A - sigma I of shift-invert mode", "without sigma, which=\"SA\" or \"SM\" finds the smallest eigenvalues", n, n);
            a.Context.CheckWork((double)n * n * n / 3, "eigsh");
        }
        a.Context.CheckElements((double)n * Math.Max(k, 1), "eigsh (the eigenvectors)");
        try
        {
            var r = SparseLinalg.Eigsh(op, k, which, sigma, ncv: a.OptionalInt("ncv"), maxiter: OptionalCount(a, "maxiter"),
                tol: a.Double("tol", 0), seed: a.Has("seed") ? (ulong)NonNegative(a, "seed") : 0);
            return Fn.Tuple(Fn.Float(r.Eigenvalues), Fn.Float(r.Eigenvectors!));
        }
        catch (NotSupportedException e)
        {
            throw new CalcTypeException($"eigsh: {e.Message}");
        }
    }

    private static Value Svds(CallArgs a)
    {
        var op = Operator(a, "A");
        int k = a.Int("k", 6);
        var which = ParseWhich(a, "LM", "SM");
        a.Context.CheckElements((double)(op.Rows + op.Columns) * Math.Max(k, 1), "svds (the singular vectors)");
        try
        {
            var r = SparseLinalg.Svds(op, k, which, a.OptionalInt("ncv"), a.Double("tol", 0), OptionalCount(a, "maxiter"),
                seed: a.Has("seed") ? (ulong)NonNegative(a, "seed") : 0);
            return Fn.Tuple(Fn.Float(r.U!), Fn.Float(r.S), Fn.Float(r.Vt!));
        }
        catch (NotSupportedException e)
        {
            throw new CalcTypeException($"svds: {e.Message}");
        }
    }
}
