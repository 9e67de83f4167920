using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The factors P A Q = L U that <see cref="MultifrontalLu{T}"/> leaves: Q = the analysis's symmetric permutation
/// (Ap = A[Q, Q]), and per supernode s (columns f..f+k-1, structure rows below, w of them) the m x k row-major panel
/// holding L11 (unit, strictly lower), U11 and L21, and the k x w row-major block U12. The rows were interchanged only
/// within each supernode's own k rows (<c>Piv</c>, relative to f, LAPACK's convention), so P = Q followed by those local
/// interchanges; L21's rows are Ap's row numbers, which an ancestor's own interchanges permute later, so the solves
/// apply each supernode's interchanges when they reach it. Solves cost 2 (stored L + stored U) multiply-adds.
/// </summary>
internal sealed class MultifrontalLuFactors<T> : ILuFactors<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MultifrontalLuAnalysis _plan;
    private readonly SparseCholeskyAnalysis _an;
    private readonly T[] _lx, _ux;
    private readonly int[] _piv;
    private readonly int[] _p;

    public MultifrontalLuFactors(MultifrontalLuAnalysis plan, T[] lx, T[] ux, int[] piv)
    {
        _plan = plan;
        _an = plan.Symbolic;
        _lx = lx;
        _ux = ux;
        _piv = piv;
        int n = _an.N;
        // P[f + t] = Q[f + (local row chosen at t)]
        var local = new int[n];
        for (int i = 0; i < n; i++) local[i] = i;
        for (int s = 0; s < _an.SupernodeCount; s++)
            for (int j = _an.Start[s]; j < _an.Start[s + 1]; j++)
            {
                int r = _an.Start[s] + piv[j];
                (local[j], local[r]) = (local[r], local[j]);
            }
        _p = new int[n];
        for (int k = 0; k < n; k++) _p[k] = _an.Perm[local[k]];
    }

    /// <summary>The analysis the factors belong to (reused by a refactorization).</summary>
    public MultifrontalLuAnalysis Plan => _plan;

    public int Order => _an.N;
    public int[] RowOrder => _p;
    public int[] ColumnOrder => _an.Perm;
    public int DenseTailOrder => 0;
    /// <summary>Nonzeros of L, its unit diagonal included: the stored entries less the exact zeros (relaxed supernodes store some). O(stored) on first use.</summary>
    public long NnzL => _nnzL >= 0 ? _nnzL : _nnzL = Count(lower: true);

    /// <summary>Nonzeros of U, its diagonal included (a zero pivot too).</summary>
    public long NnzU => _nnzU >= 0 ? _nnzU : _nnzU = Count(lower: false);

    private long _nnzL = -1, _nnzU = -1;

    private long Count(bool lower)
    {
        var an = _an;
        long c = 0;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var l = _lx.AsSpan((int)an.LPtr[s], m * k);
            c += k; // the diagonals
            for (int i = 0; i < k; i++)
            {
                var part = lower ? l.Slice(i * k, i) : l.Slice(i * k + i + 1, k - i - 1);
                c += part.Length - part.Count(T.Zero);
            }
            var rest = lower ? l[(k * k)..] : _ux.AsSpan((int)_plan.UPtr[s], k * w);
            c += rest.Length - rest.Count(T.Zero);
        }
        return c;
    }

    /// <summary>The values (8 or 4 bytes each), the local pivots and the permutations, and the structure the solves read (row lists and pointers).</summary>
    public long Bytes => (long)System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * (_lx.LongLength + _ux.LongLength)
        + 4L * (_piv.Length + _p.Length + _an.Perm.Length + _an.Rows.Length + _an.Start.Length)
        + 8L * (_an.RowPtr.Length + _an.LPtr.Length + _plan.UPtr.Length);

    public T Pivot(int k)
    {
        int s = SupernodeOf(k);
        int f = _an.Start[s], kk = _an.Start[s + 1] - f;
        return _lx[_an.LPtr[s] + (long)(k - f) * kk + (k - f)];
    }

    private int SupernodeOf(int column)
    {
        int s = Array.BinarySearch(_an.Start, column);
        return s >= 0 ? s : ~s - 1;
    }

    public void Solve(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        var an = _an;
        int n = an.N;
        var perm = an.Perm;
        var y = work[..n];
        for (int j = 0; j < n; j++) y[j] = b[perm[j]];
        var gather = new T[an.MaxRows];
        // L: interchanges of the supernode's rows, L11 forward, L21 scattered to the rows below.
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            var l = _lx.AsSpan((int)an.LPtr[s], m * k);
            for (int t = 0; t < k; t++)
            {
                int r = _piv[f + t];
                if (r != t) (y[f + t], y[f + r]) = (y[f + r], y[f + t]);
            }
            var ys = y.Slice(f, k);
            for (int t = 1; t < k; t++) ys[t] -= TensorPrimitives.Dot<T>(l.Slice(t * k, t), ys[..t]);
            for (int i = k; i < m; i++) y[rows[i]] -= TensorPrimitives.Dot<T>(l.Slice(i * k, k), ys);
        }
        // U: backward, U12 against the gathered solution of the rows below, then U11.
        for (int s = an.SupernodeCount - 1; s >= 0; s--)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var rows = an.Rows.AsSpan((int)an.RowPtr[s] + k, w);
            var l = _lx.AsSpan((int)an.LPtr[s], k * k);
            var u = _ux.AsSpan((int)_plan.UPtr[s], k * w);
            var g = gather.AsSpan(0, w);
            for (int i = 0; i < w; i++) g[i] = y[rows[i]];
            var ys = y.Slice(f, k);
            for (int t = k - 1; t >= 0; t--)
            {
                T v = ys[t] - TensorPrimitives.Dot<T>(u.Slice(t * w, w), g) - TensorPrimitives.Dot<T>(l.Slice(t * k + t + 1, k - t - 1), ys[(t + 1)..]);
                ys[t] = v / l[t * k + t];
            }
        }
        for (int j = 0; j < n; j++) x[perm[j]] = y[j];
    }

    public void SolveTransposed(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        var an = _an;
        int n = an.N;
        var perm = an.Perm;
        var y = work[..n];
        for (int j = 0; j < n; j++) y[j] = b[perm[j]];
        var acc = new T[an.MaxRows];
        // U^T: forward, U11^T then U12^T scattered to the columns below.
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var rows = an.Rows.AsSpan((int)an.RowPtr[s] + k, w);
            var l = _lx.AsSpan((int)an.LPtr[s], k * k);
            var u = _ux.AsSpan((int)_plan.UPtr[s], k * w);
            var ys = y.Slice(f, k);
            for (int t = 0; t < k; t++)
            {
                T v = ys[t] / l[t * k + t];
                ys[t] = v;
                if (v != T.Zero && t + 1 < k) TensorPrimitives.MultiplyAdd<T>(l.Slice(t * k + t + 1, k - t - 1), -v, ys[(t + 1)..], ys[(t + 1)..]);
            }
            if (w == 0) continue;
            var a = acc.AsSpan(0, w);
            a.Clear();
            for (int t = 0; t < k; t++) if (ys[t] != T.Zero) TensorPrimitives.MultiplyAdd<T>(u.Slice(t * w, w), ys[t], a, a);
            for (int i = 0; i < w; i++) y[rows[i]] -= a[i];
        }
        // L^T: backward, L21^T against the rows below (already in A's row numbering), L11^T, then the interchanges undone.
        for (int s = an.SupernodeCount - 1; s >= 0; s--)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            var l = _lx.AsSpan((int)an.LPtr[s], m * k);
            var ys = y.Slice(f, k);
            for (int i = k; i < m; i++)
            {
                T yi = y[rows[i]];
                if (yi != T.Zero) TensorPrimitives.MultiplyAdd<T>(l.Slice(i * k, k), -yi, ys, ys);
            }
            for (int t = k - 1; t > 0; t--)
            {
                T v = ys[t];
                if (v != T.Zero) TensorPrimitives.MultiplyAdd<T>(l.Slice(t * k, t), -v, ys[..t], ys[..t]);
            }
            for (int t = k - 1; t >= 0; t--)
            {
                int r = _piv[f + t];
                if (r != t) (y[f + t], y[f + r]) = (y[f + r], y[f + t]);
            }
        }
        for (int j = 0; j < n; j++) x[perm[j]] = y[j];
    }

    public (int[] Ptr, int[] Idx, T[] Val) Expanded(bool lower)
    {
        var an = _an;
        int n = an.N;
        // Pivot position of each of Ap's rows (the inverse of the local interchanges).
        var local = new int[n];
        for (int i = 0; i < n; i++) local[i] = i;
        for (int s = 0; s < an.SupernodeCount; s++)
            for (int j = an.Start[s]; j < an.Start[s + 1]; j++)
            {
                int r = an.Start[s] + _piv[j];
                (local[j], local[r]) = (local[r], local[j]);
            }
        var position = new int[n];
        for (int k = 0; k < n; k++) position[local[k]] = k;
        var ptr = new int[n + 1];
        long total = lower ? NnzL : NnzU;
        var idx = new int[total];
        var val = new T[total];
        if (lower)
        {
            int nz = 0;
            for (int s = 0; s < an.SupernodeCount; s++)
            {
                int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
                var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
                long off = an.LPtr[s];
                for (int t = 0; t < k; t++)
                {
                    ptr[f + t] = nz;
                    idx[nz] = f + t; val[nz++] = T.One;
                    for (int i = t + 1; i < m; i++)
                    {
                        T v = _lx[off + (long)i * k + t];
                        if (v == T.Zero) continue;
                        idx[nz] = i < k ? f + i : position[rows[i]];
                        val[nz++] = v;
                    }
                }
            }
            ptr[n] = nz;
            return (ptr, idx, val);
        }
        // U: column c holds U12 entries of the supernodes whose structure has c, then its own U11 column (diagonal last).
        var count = new int[n + 1];
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            int w = m - k;
            var u = _ux.AsSpan((int)_plan.UPtr[s], k * w);
            var l = _lx.AsSpan((int)an.LPtr[s], k * k);
            for (int t = 0; t < k; t++)
            {
                for (int i = 0; i < w; i++) if (u[t * w + i] != T.Zero) count[rows[k + i] + 1]++;
                for (int i = 0; i < t; i++) if (l[i * k + t] != T.Zero) count[f + t + 1]++;
                count[f + t + 1]++;
            }
        }
        for (int c = 0; c < n; c++) count[c + 1] += count[c];
        Array.Copy(count, ptr, n + 1);
        var next = count;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            long uoff = _plan.UPtr[s];
            for (int i = 0; i < w; i++)
            {
                int c = rows[k + i];
                for (int t = 0; t < k; t++)
                {
                    T v = _ux[uoff + (long)t * w + i];
                    if (v == T.Zero) continue;
                    int d = next[c]++;
                    idx[d] = f + t;
                    val[d] = v;
                }
            }
        }
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f;
            long off = an.LPtr[s];
            for (int t = 0; t < k; t++)
                for (int i = 0; i <= t; i++)
                {
                    T v = _lx[off + (long)i * k + t];
                    if (v == T.Zero && i < t) continue;
                    int d = next[f + t]++;
                    idx[d] = f + i;
                    val[d] = v;
                }
        }
        return (ptr, idx, val);
    }
}
