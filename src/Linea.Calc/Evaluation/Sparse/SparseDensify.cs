namespace Linea.Calc.Evaluation;

/// <summary>
/// When a sparse matrix may be turned into a dense one for an operation that has no sparse method (<c>det</c>,
/// <c>sum</c>, <c>**</c>, ...): at most <see cref="SparseValue.DensifyLimit"/> elements and at most the session's
/// <see cref="CalcLimits.MaxElements"/>. The session limit travels with the flow of execution (as
/// <see cref="Parallelism.CancelWith"/>'s token does), set by <see cref="CalcSession.Evaluate"/>.
/// </summary>
internal static class SparseDensify
{
    private static readonly AsyncLocal<int?> s_maxElements = new();

    /// <summary>Until disposed, dense copies made here are held to <paramref name="maxElements"/> as well.</summary>
    public static IDisposable Limit(int maxElements)
    {
        var previous = s_maxElements.Value;
        s_maxElements.Value = maxElements;
        return new Scope(previous);
    }

    /// <summary>The largest dense copy allowed now.</summary>
    public static long Max => Math.Min(SparseValue.DensifyLimit, s_maxElements.Value ?? int.MaxValue);

    /// <summary>The hint every "too large to densify" error carries.</summary>
    public const string Hint = "full(S) gives the dense matrix (within MaxElements); solve(S, b) (spsolve), splu, spchol and lstsq factor sparse matrices directly; cg(S, b), gmres(S, b), bicgstab(S, b) and lsqr(S, b) solve sparse systems; eigsh and svds give a few eigenvalues and singular values";

    /// <summary>The dense copy of <paramref name="s"/> for operation <paramref name="op"/>, or a clear error when it is too large.</summary>
    /// <exception cref="CalcTypeException">More elements than <see cref="Max"/>.</exception>
    public static NDArray<double> ToDense(SparseValue s, string op)
    {
        var m = s.Matrix;
        double count = (double)m.Rows * m.Columns;
        if (count > Max)
            throw new CalcTypeException(
                $"{op}: has no sparse method, and the ({m.Rows}, {m.Columns}) sparse matrix has {count:#,0} elements as a dense array, beyond the {Max:#,0} converted automatically")
            { Hint = Hint };
        return m.ToDense();
    }

    private sealed class Scope(int? previous) : IDisposable
    {
        public void Dispose() => s_maxElements.Value = previous;
    }
}
