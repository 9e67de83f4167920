using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Transitional (#15 item 3): the shared Householder, Nrm2 and Orgqr routines on <see cref="MatrixView{T}"/> columns
/// and spans for the eigensolvers, while Linalg/Shared still takes arrays (the mv-qr branch moves it onto views at the
/// same time). Vector routines stage their operand through a pooled array and call the shared routine itself, so the
/// arithmetic is the same; the matrix routines (larf, larfb, larft, org2r, orgqr) are the shared loops written on
/// views, since staging a matrix costs as much as the operation or more than the 3% the view work may cost. The lead switches each
/// caller (marked <c>// view: Shared</c>) to the shared view signatures after the three view branches merge and
/// deletes this file.
/// </summary>
internal static class SharedViewBridge
{
    /// <summary>
    /// <see cref="Householder.Generate{T}"/> on the contiguous n - 1 entries of <paramref name="x"/> (larfg): on return
    /// alpha holds beta and x holds v; returns tau. O(n); the n - 1 entries are copied to pooled scratch and back.
    /// </summary>
    public static T Generate<T>(int n, ref T alpha, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 1) return T.Zero;
        var buf = ArrayPool<T>.Shared.Rent(n - 1);
        x.Slice(0, n - 1).CopyTo(buf);
        T tau = Householder.Generate(n, ref alpha, buf, 0, 1); // view: Shared
        buf.AsSpan(0, n - 1).CopyTo(x);
        ArrayPool<T>.Shared.Return(buf);
        return tau;
    }

    /// <summary><see cref="Nrm2.Compute{T}"/> of a contiguous vector (copied to pooled scratch). O(n).</summary>
    public static T Nrm2Of<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0) return T.Zero;
        var buf = ArrayPool<T>.Shared.Rent(x.Length);
        x.CopyTo(buf);
        T r = Nrm2.Compute(x.Length, buf, 0, 1); // view: Shared
        ArrayPool<T>.Shared.Return(buf);
        return r;
    }

    /// <summary>
    /// <see cref="Nrm2.Compute{T}"/> of row i of <paramref name="a"/> over columns c0..c0+len-1 (any strides): copied
    /// to pooled scratch with the view's column stride kept as the increment, so the sum runs in the same order. O(len).
    /// </summary>
    public static T Nrm2OfRow<T>(in MatrixView<T> a, long i, long c0, int len) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (len <= 0) return T.Zero;
        var buf = ArrayPool<T>.Shared.Rent(len);
        for (int p = 0; p < len; p++) buf[p] = a[i, c0 + p];
        // Nrm2 takes the contiguous path for inc = 1; a strided row went through its scalar loop: keep that order.
        T r = a.ColStride == 1 ? Nrm2.Compute(len, buf, 0, 1) : Nrm2ScalarOrder(len, buf); // view: Shared
        ArrayPool<T>.Shared.Return(buf);
        return r;
    }

    /// <summary>Nrm2's strided path (a scalar sum of squares, then the scaled pass) on contiguous data.</summary>
    private static T Nrm2ScalarOrder<T>(int n, T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ss = T.Zero;
        for (int i = 0; i < n; i++) ss += x[i] * x[i];
        T small = MachineConstants<T>.SumOfSquaresFloor;
        if (T.IsFinite(ss) && ss >= small) return T.Sqrt(ss);
        if (T.IsNaN(ss)) return ss;
        T amax = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T a = T.Abs(x[i]);
            if (T.IsNaN(a)) return a;
            if (a > amax) amax = a;
        }
        if (amax == T.Zero || T.IsInfinity(amax)) return amax;
        T s = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T y = x[i] / amax;
            s += y * y;
        }
        return amax * T.Sqrt(s);
    }

    /// <summary>
    /// larf from the left, as <see cref="Householder.ApplyLeft{T}"/>: C := (I - tau v v^T) C for the m x n
    /// column-contiguous view C and the contiguous m-vector v (its first entry taken as 1). O(mn), no allocation.
    /// </summary>
    public static void ApplyLeft<T>(ReadOnlySpan<T> v, T tau, in MatrixView<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)c.Rows);
        if (tau == T.Zero || m == 0) return;
        System.Diagnostics.Debug.Assert(c.ColumnContiguous && v.Length >= m);
        var tail = v.Slice(1, m - 1);
        for (long j = 0; j < c.Cols; j++)
        {
            ref T head = ref c[0, j];
            var rest = c.Column(j, 1, m - 1);
            T w = head + TensorPrimitives.Dot<T>(tail, rest);
            if (w == T.Zero) continue;
            T s = -tau * w;
            head += s;
            TensorPrimitives.MultiplyAdd(tail, s, rest, rest);
        }
    }

    /// <summary>
    /// larfb from the left, as <see cref="Householder.ApplyBlockLeft{T}"/>: C := H^T C when
    /// <paramref name="transpose"/>, else H C, with H = I - V T V^T, V the m x k unit lower trapezoidal matrix stored
    /// below the diagonal of <paramref name="v"/>, T (k x k, column-major, ld k) from larft and C m x n. Three GEMMs on the
    /// transposes (C^T row-major when C is column-major); the explicit V and the n x k workspaces are pooled scratch.
    /// </summary>
    public static void ApplyBlockLeft<T>(bool transpose, in MatrixView<T> v, T[] t, in MatrixView<T> c, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)c.Rows), n = checked((int)c.Cols), k = checked((int)v.Cols);
        if (m == 0 || n == 0 || k == 0) return;
        var vf = ArrayPool<T>.Shared.Rent(m * k);
        for (int j = 0; j < k; j++)
        {
            int col = j * m;
            vf.AsSpan(col, Math.Min(j, m)).Clear();
            if (j < m) vf[col + j] = T.One;
            for (int i = j + 1; i < m; i++) vf[col + i] = v[i, j];
        }
        var w = ArrayPool<T>.Shared.Rent(2 * n * k);
        var ct = c.Transposed;                                   // n x m
        var vfm = MatrixView<T>.ColumnMajor(vf, 0, m, k, m);     // m x k
        var w1 = MatrixView<T>.RowMajor(w, n, k);                // W^T, n x k
        var w2 = MatrixView<T>.Of(w, (long)n * k, n, k, k, 1);   // W2^T
        var tm = MatrixView<T>.ColumnMajor(t, 0, k, k, k);
        Gemm.Multiply(T.One, ct, vfm, T.Zero, w1, parallelism);
        Gemm.Multiply(T.One, w1, transpose ? tm : tm.Transposed, T.Zero, w2, parallelism);
        Gemm.Multiply(-T.One, w2, vfm.Transposed, T.One, ct, parallelism);
        ArrayPool<T>.Shared.Return(w);
        ArrayPool<T>.Shared.Return(vf);
    }

    /// <summary>
    /// orgqr, as <see cref="Orgqr.Blocked{T}"/>: overwrites the m x n column-contiguous view a, whose first k columns
    /// hold reflectors below the diagonal (geqrf's layout), with the first n columns of Q = H_0 ... H_{k-1}: blocks of
    /// p.Nb reflectors applied by <see cref="ApplyBlockLeft{T}"/> (GEMM), the rest one at a time. O(m n k).
    /// </summary>
    public static void OrgqrBlocked<T>(in MatrixView<T> a, int k, ReadOnlySpan<T> tau, QrParams p, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)a.Rows), n = checked((int)a.Cols);
        int nb = p.Nb, nx = p.Nx, kk = 0, ki = 0;
        if (nb >= 2 && nb < k && nx < k)
        {
            ki = (k - nx - 1) / nb * nb;
            kk = Math.Min(k, ki + nb);
            for (int j = kk; j < n; j++) a.Column(j, 0, kk).Clear();
        }
        if (kk < n) Org2r(a.Block(kk, kk, m - kk, n - kk), k - kk, tau.Slice(kk));
        if (kk > 0)
        {
            var t = new T[nb * nb];
            for (int i = ki; i >= 0; i -= nb)
            {
                int ib = Math.Min(nb, k - i);
                if (i + ib < n)
                {
                    var ti = ib == nb ? t : new T[ib * ib];
                    FormT(a.Block(i, i, m - i, ib), tau.Slice(i, ib), ti);
                    ApplyBlockLeft(false, a.Block(i, i, m - i, ib), ti, a.Block(i, i + ib, m - i, n - i - ib), parallelism);
                }
                Org2r(a.Block(i, i, m - i, ib), ib, tau.Slice(i, ib));
                for (int j = i; j < i + ib; j++) a.Column(j, 0, i).Clear();
            }
        }
    }

    /// <summary>org2r, as <see cref="Orgqr.Unblocked{T}"/>: Q from k reflectors one at a time on the m x n view a. O(m n k).</summary>
    private static void Org2r<T>(in MatrixView<T> a, int k, ReadOnlySpan<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)a.Rows), n = checked((int)a.Cols);
        for (int j = k; j < n; j++)
        {
            a.Column(j, 0, m).Clear();
            a[j, j] = T.One;
        }
        for (int i = k - 1; i >= 0; i--)
        {
            if (i < n - 1)
            {
                a[i, i] = T.One;
                ApplyLeft(a.Column(i, i, m - i), tau[i], a.Block(i, i + 1, m - i, n - i - 1));
            }
            if (i < m - 1)
            {
                var below = a.Column(i, i + 1, m - i - 1);
                TensorPrimitives.Multiply(below, -tau[i], below);
            }
            a[i, i] = T.One - tau[i];
            a.Column(i, 0, i).Clear();
        }
    }

    /// <summary>
    /// larft (forward, columnwise), as <see cref="Householder.FormT{T}"/>: the k x k upper triangular T (column-major,
    /// ld k) with H_0 ... H_{k-1} = I - V T V^T for V (m x k) unit lower trapezoidal below the diagonal of the view v.
    /// O(m k^2).
    /// </summary>
    private static void FormT<T>(in MatrixView<T> v, ReadOnlySpan<T> tau, T[] t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)v.Rows), k = checked((int)v.Cols);
        for (int i = 0; i < k; i++)
        {
            int ti = i * k;
            if (tau[i] == T.Zero)
            {
                for (int r = 0; r < k; r++) t[ti + r] = T.Zero;
                continue;
            }
            // t(0:i, i) = -tau_i V(i:m, 0:i)^T v_i, where v_i(i) = 1.
            var vtail = v.Column(i, i + 1, Math.Max(m - i - 1, 0));
            for (int j = 0; j < i; j++)
            {
                T d = v[i, j] + TensorPrimitives.Dot<T>(v.Column(j, i + 1, vtail.Length), vtail);
                t[ti + j] = -tau[i] * d;
            }
            // t(0:i, i) = T(0:i, 0:i) t(0:i, i) (upper triangular matrix-vector product, top to bottom).
            for (int r = 0; r < i; r++)
            {
                T s = T.Zero;
                for (int j = r; j < i; j++) s += t[j * k + r] * t[ti + j];
                t[ti + r] = s;
            }
            t[ti + i] = tau[i];
            for (int r = i + 1; r < k; r++) t[ti + r] = T.Zero;
        }
    }
}
