using System.Numerics;

namespace Linea;

/// <summary>The permutation around the supernodal solves, and the dense reconstruction, shared by <see cref="SparseCholesky{T}"/> and <see cref="SparseLdl{T}"/>.</summary>
internal static class SparseFactorSolve
{
    /// <summary>x (n x r row-major, original numbering) := A^-1 x.</summary>
    public static void Permuted<T>(SupernodalFactor<T> f, T[] x, int r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var perm = f.Analysis.Perm;
        int n = perm.Length;
        var y = new T[(long)n * r];
        for (int k = 0; k < n; k++) Array.Copy(x, (long)perm[k] * r, y, (long)k * r, r);
        f.SolveInPlace(y, r);
        for (int k = 0; k < n; k++) Array.Copy(y, (long)k * r, x, (long)perm[k] * r, r);
    }

    public static void Spans<T>(string op, SupernodalFactor<T> f, ReadOnlySpan<T> b, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = f.Analysis.N;
        if (b.Length != n || x.Length != n)
            ThrowHelper.ShapeMismatch(op, $"A ({n}, {n}) with b ({b.Length},) and x ({x.Length},): both must have length {n}", new Shape([n, n]));
        var perm = f.Analysis.Perm;
        var y = new T[n];
        for (int k = 0; k < n; k++) y[k] = b[perm[k]];
        f.SolveInPlace(y, 1);
        for (int k = 0; k < n; k++) x[perm[k]] = y[k];
    }

    /// <summary>P^T L L^T P, or P^T L D L^T P, densely.</summary>
    public static NDArray<T> Reconstruct<T>(SupernodalFactor<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = f.Analysis.N;
        var l = f.ToSparseL().ToDense();
        var right = l.T;
        if (f.Ldl)
        {
            var ld = l.Copy();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) ld.Data[i * n + j] *= f.D[j];
            l = ld;
        }
        var prod = l.MatMul(right);
        var perm = f.Analysis.Perm;
        var a = NDArray.Zeros<T>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a.Data[perm[i] * n + perm[j]] = prod.Data[i * n + j];
        return a;
    }
}
