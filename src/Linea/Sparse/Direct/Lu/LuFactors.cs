using System.Numerics;

namespace Linea;

/// <summary>
/// The factors of P A Q = L U as <see cref="GilbertPeierlsLu"/> leaves them. Columns 0..k0-1 (k0 = N - TailOrder) are
/// compressed columns: L unit lower triangular with its unit diagonal stored first in each column, U upper triangular
/// with its diagonal stored last in each column, both with row indices in pivot order (0..n-1) and unsorted within a
/// column. The trailing TailOrder x TailOrder block of L and U (rows and columns k0..n-1), factored dense, stays the
/// dense row-major array <c>Tail</c> that the dense LU overwrote (L's unit diagonal implied, U on and above the
/// diagonal), so it is never held twice; U's entries of those columns in rows above k0 are the compressed columns
/// k0..n-1 of Up/Ui/Ux (no diagonal there), and L's columns k0..n-1 are empty in Lp. <c>P[k]</c> is the original row
/// chosen as pivot k, <c>Q[k]</c> the original column factored at step k. The index and value arrays may be longer than
/// the counts <c>Lp[N]</c> and <c>Up[N]</c>.
/// </summary>
internal sealed class LuFactors<T>(int n, int[] lp, int[] li, T[] lx, int[] up, int[] ui, T[] ux, int[] p, int[] q, T[]? tail, int tailOrder)
    : ILuFactors<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly int N = n;

    int ILuFactors<T>.Order => N;
    int[] ILuFactors<T>.RowOrder => P;
    int[] ILuFactors<T>.ColumnOrder => Q;
    public readonly int[] Lp = lp, Li = li, Up = up, Ui = ui, P = p, Q = q;
    public readonly T[] Lx = lx, Ux = ux;

    /// <summary>The dense trailing block (row-major, TailOrder^2 entries), or null when every column was factored sparse.</summary>
    public readonly T[]? Tail = tail;

    /// <summary>The order of the trailing block factored dense (0 when every column was factored sparse).</summary>
    public int DenseTailOrder { get; } = tailOrder;

    private int K0 => N - DenseTailOrder;

    /// <summary>Nonzeros of L, its unit diagonal included: the sparse columns and the nonzeros of the dense block's lower part.</summary>
    public long NnzL => Lp[N] + (_tailNnzL >= 0 ? _tailNnzL : _tailNnzL = CountTail(lower: true));

    /// <summary>Nonzeros of U, its diagonal included.</summary>
    public long NnzU => Up[N] + (_tailNnzU >= 0 ? _tailNnzU : _tailNnzU = CountTail(lower: false));

    private long _tailNnzL = -1, _tailNnzU = -1;

    /// <summary>Bytes held by the factors: index and value arrays (their allocated lengths), pointers, permutations and the dense block.</summary>
    public long Bytes => 4L * (Lp.Length + Li.Length + Up.Length + Ui.Length + P.Length + Q.Length)
        + (long)System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * (Lx.Length + Ux.Length + (Tail?.LongLength ?? 0));

    private long CountTail(bool lower)
    {
        if (Tail is null) return 0;
        int r = DenseTailOrder;
        long c = 0;
        for (int i = 0; i < r; i++)
        {
            if (lower) c++; // the unit diagonal
            int j0 = lower ? 0 : i, j1 = lower ? i : r;
            for (int j = j0; j < j1; j++) if (Tail[(long)i * r + j] != T.Zero) c++;
            if (!lower && Tail[(long)i * r + i] == T.Zero) c++; // a zero pivot is still stored
        }
        return c;
    }

    public T Pivot(int k) => k < K0 ? Ux[Up[k + 1] - 1] : Tail![(long)(k - K0) * DenseTailOrder + (k - K0)];

    /// <summary>Overwrites y with L^-1 y: forward, one sparse axpy per column of L, then the dense block by rows. O(nnz(L)).</summary>
    public void SolveL(Span<T> y)
    {
        int k0 = K0;
        for (int k = 0; k < k0; k++)
        {
            T yk = y[k];
            if (yk == T.Zero) continue;
            for (int t = Lp[k] + 1, end = Lp[k + 1]; t < end; t++) y[Li[t]] -= Lx[t] * yk;
        }
        if (Tail is null) return;
        int r = DenseTailOrder;
        var yt = y.Slice(k0, r);
        for (int i = 1; i < r; i++)
        {
            var row = Tail.AsSpan((int)((long)i * r), i);
            yt[i] -= Dot(row, yt[..i]);
        }
    }

    /// <summary>Overwrites y with U^-1 y: the dense block backward by rows, then one sparse axpy per column, backward. O(nnz(U)).</summary>
    public void SolveU(Span<T> y)
    {
        int k0 = K0;
        if (Tail is not null)
        {
            int r = DenseTailOrder;
            var yt = y.Slice(k0, r);
            for (int i = r - 1; i >= 0; i--)
            {
                long d = (long)i * r + i;
                var row = Tail.AsSpan((int)d + 1, r - 1 - i);
                yt[i] = (yt[i] - Dot(row, yt[(i + 1)..])) / Tail[d];
            }
            for (int k = N - 1; k >= k0; k--)
            {
                T yk = y[k];
                if (yk == T.Zero) continue;
                for (int t = Up[k], end = Up[k + 1]; t < end; t++) y[Ui[t]] -= Ux[t] * yk;
            }
        }
        for (int k = k0 - 1; k >= 0; k--)
        {
            int end = Up[k + 1] - 1;
            T yk = y[k] / Ux[end];
            y[k] = yk;
            if (yk == T.Zero) continue;
            for (int t = Up[k]; t < end; t++) y[Ui[t]] -= Ux[t] * yk;
        }
    }

    /// <summary>Overwrites y with U^-T y: forward, one sparse dot product per column of U (the dense block's column too). O(nnz(U)).</summary>
    public void SolveUTransposed(Span<T> y)
    {
        int k0 = K0;
        for (int k = 0; k < k0; k++)
        {
            int end = Up[k + 1] - 1;
            T s = y[k];
            for (int t = Up[k]; t < end; t++) s -= Ux[t] * y[Ui[t]];
            y[k] = s / Ux[end];
        }
        if (Tail is null) return;
        int r = DenseTailOrder;
        for (int c = 0; c < r; c++)
        {
            int k = k0 + c;
            T s = y[k];
            for (int t = Up[k], end = Up[k + 1]; t < end; t++) s -= Ux[t] * y[Ui[t]];
            for (int i = 0; i < c; i++) s -= Tail[(long)i * r + c] * y[k0 + i];
            y[k] = s / Tail[(long)c * r + c];
        }
    }

    /// <summary>Overwrites y with L^-T y: the dense block backward, then one sparse dot product per column of L. O(nnz(L)).</summary>
    public void SolveLTransposed(Span<T> y)
    {
        int k0 = K0;
        if (Tail is not null)
        {
            int r = DenseTailOrder;
            for (int c = r - 1; c >= 0; c--)
            {
                T s = y[k0 + c];
                for (int i = c + 1; i < r; i++) s -= Tail[(long)i * r + c] * y[k0 + i];
                y[k0 + c] = s;
            }
        }
        for (int k = k0 - 1; k >= 0; k--)
        {
            T s = y[k];
            for (int t = Lp[k] + 1, end = Lp[k + 1]; t < end; t++) s -= Lx[t] * y[Li[t]];
            y[k] = s;
        }
    }

    private static T Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        if (typeof(T) == typeof(double))
            return (T)(object)System.Numerics.Tensors.TensorPrimitives.Dot(
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(a), System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(b));
        T s = T.Zero;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>
    /// L and U as plain compressed columns over all n columns (the dense block's nonzeros included, L's unit diagonal
    /// first and U's diagonal last in each column, as in the sparse part): for the <c>L</c>/<c>U</c> properties and
    /// <c>Reconstruct</c>. New arrays; O(nnz(L) + nnz(U) + TailOrder^2).
    /// </summary>
    public (int[] Ptr, int[] Idx, T[] Val) Expanded(bool lower)
    {
        int n = N, k0 = K0, r = DenseTailOrder;
        int[] sp = lower ? Lp : Up, si = lower ? Li : Ui;
        T[] sv = lower ? Lx : Ux;
        long total = lower ? NnzL : NnzU;
        var ptr = new int[n + 1];
        var idx = new int[total];
        var val = new T[total];
        int nz = 0;
        for (int k = 0; k < n; k++)
        {
            ptr[k] = nz;
            int c = k - k0;
            if (lower && c >= 0) { idx[nz] = k; val[nz++] = T.One; }
            for (int t = sp[k]; t < sp[k + 1]; t++) { idx[nz] = si[t]; val[nz++] = sv[t]; }
            if (c < 0) continue;
            int i0 = lower ? c + 1 : 0, i1 = lower ? r : c;
            for (int i = i0; i < i1; i++)
            {
                T v = Tail![(long)i * r + c];
                if (v == T.Zero) continue;
                idx[nz] = k0 + i;
                val[nz++] = v;
            }
            if (!lower) { idx[nz] = k; val[nz++] = Tail![(long)c * r + c]; }
        }
        ptr[n] = nz;
        return (ptr, idx, val);
    }

    /// <summary>x = A^-1 b = Q U^-1 L^-1 P b, with <paramref name="work"/> of length n. b and x may alias.</summary>
    public void Solve(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        for (int k = 0; k < N; k++) work[k] = b[P[k]];
        SolveL(work);
        SolveU(work);
        for (int k = 0; k < N; k++) x[Q[k]] = work[k];
    }

    /// <summary>x = A^-T b = P^T L^-T U^-T Q^T b, with <paramref name="work"/> of length n. b and x may alias.</summary>
    public void SolveTransposed(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        for (int k = 0; k < N; k++) work[k] = b[Q[k]];
        SolveUTransposed(work);
        SolveLTransposed(work);
        for (int k = 0; k < N; k++) x[P[k]] = work[k];
    }
}
