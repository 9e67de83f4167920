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
/// arithmetic is the same; <see cref="ApplyLeft{T}"/> and <see cref="ApplyBlockLeft{T}"/> are the shared loops
/// (larf, larfb) written on views, since staging a matrix would cost as much as the operation. The lead switches each
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
    /// <see cref="Orgqr.Blocked{T}"/> on the m x n column-contiguous view (first k columns hold the reflectors): the
    /// block is staged through a pooled column-major array (O(mn) copies next to O(m n k) flops).
    /// </summary>
    public static void OrgqrBlocked<T>(in MatrixView<T> q, int k, ReadOnlySpan<T> tau, QrParams p, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)q.Rows), n = checked((int)q.Cols);
        if (m == 0 || n == 0) return;
        var buf = ArrayPool<T>.Shared.Rent(m * n);
        for (int j = 0; j < n; j++) q.Column(j, 0, m).CopyTo(buf.AsSpan(j * m, m));
        Orgqr.Blocked(m, n, k, buf, 0, m, tau, p, parallelism); // view: Shared
        for (int j = 0; j < n; j++) buf.AsSpan(j * m, m).CopyTo(q.Column(j, 0, m));
        ArrayPool<T>.Shared.Return(buf);
    }
}
