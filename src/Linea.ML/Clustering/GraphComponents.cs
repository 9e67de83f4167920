using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>Connected components of a symmetric sparse graph, and the exact top eigenvectors of its normalised affinity
/// that they give.</summary>
internal static class GraphComponents
{
    /// <summary>The component (0..count-1, numbered in order of their smallest vertex) of every vertex of the symmetric
    /// CSR graph <paramref name="w"/>, by breadth-first search over the stored entries. O(n + nnz) time, O(n) memory.</summary>
    public static (int[] Component, int Count) Label<T>(SparseMatrix<T> w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = w.Rows;
        var component = new int[n];
        Array.Fill(component, -1);
        var queue = new int[n];
        int count = 0;
        for (int s = 0; s < n; s++)
        {
            if (component[s] >= 0) continue;
            int head = 0, tail = 0;
            queue[tail++] = s;
            component[s] = count;
            while (head < tail)
            {
                int v = queue[head++];
                var cols = w.IndicesOf(v);
                var vals = w.ValuesOf(v);
                for (int e = 0; e < cols.Length; e++)
                    if (vals[e] != T.Zero && component[cols[e]] < 0) { component[cols[e]] = count; queue[tail++] = cols[e]; }
            }
            count++;
        }
        return (component, count);
    }
}

/// <summary>
/// B = M - 2 V Vᵀ for the normalised affinity M = D^-1/2 W D^-1/2 and the orthonormal V whose columns are
/// v_C = D^1/2 1_C / sqrt(vol C), one per connected component C with positive volume: each v_C is an exact eigenvector of
/// M for the eigenvalue 1 (M v_C = D^-1/2 W 1_C = D^-1/2 d_C = v_C), so B moves those to -1, the bottom of M's spectrum
/// [-1, 1], and leaves every other eigenpair of M as it is. The components have disjoint supports, so applying V Vᵀ
/// costs O(n). Symmetric: Rmatvec = Matvec.
/// </summary>
internal sealed class DeflatedAffinity<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SparseMatrix<T> _m;
    private readonly int[] _column;      // column of V holding vertex i, or -1 (a component not deflated)
    private readonly T[] _value;         // v_C[i]
    private readonly T[] _dots;

    public DeflatedAffinity(SparseMatrix<T> m, int[] column, T[] value, int columns)
    {
        _m = m;
        _column = column;
        _value = value;
        _dots = new T[columns];
    }

    public int Rows => _m.Rows;

    public int Columns => _m.Columns;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        _m.Matvec(x, y);
        Array.Clear(_dots);
        for (int i = 0; i < x.Length; i++) if (_column[i] >= 0) _dots[_column[i]] += _value[i] * x[i];
        T two = T.CreateTruncating(2);
        for (int i = 0; i < y.Length; i++) if (_column[i] >= 0) y[i] -= two * _dots[_column[i]] * _value[i];
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
}
