using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Householder reflectors H = I - tau v v^T with v[0] = 1 (LAPACK's convention), on column-major storage
/// (element (i, j) of a matrix at <c>a[off + i + j * ld]</c>): generation (larfg, with safe scaling), application of
/// one reflector (larf), the triangular factor of a block (larft) and application of a block I - V T V^T (larfb)
/// through <c>Gemm.Multiply</c>, so blocked factorizations run most of their flops in GEMM.
/// </summary>
internal static class Householder
{
    /// <summary>
    /// LAPACK's larfg: given alpha and the n - 1 entries x[off + i * inc], finds beta and tau with
    /// H [alpha; x] = [beta; 0], H = I - tau [1; v] [1; v]^T, H orthogonal. On return alpha holds beta and x holds v.
    /// tau = 0 (H = I) when x is zero. Entries are rescaled when beta would be below the safe minimum, so tiny
    /// inputs keep full relative accuracy. O(n).
    /// </summary>
    public static T Generate<T>(int n, ref T alpha, T[] x, int off, int inc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 1) return T.Zero;
        T xnorm = Nrm2.Compute(n - 1, x, off, inc);
        if (xnorm == T.Zero) return T.Zero;
        T beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
        T safmin = MachineConstants<T>.HouseholderSafeMin;
        int knt = 0;
        if (T.Abs(beta) < safmin)
        {
            T rsafmn = T.One / safmin;
            do
            {
                knt++;
                Scale(n - 1, rsafmn, x, off, inc);
                beta *= rsafmn;
                alpha *= rsafmn;
            } while (T.Abs(beta) < safmin && knt < 20);
            xnorm = Nrm2.Compute(n - 1, x, off, inc);
            beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
        }
        T tau = (beta - alpha) / beta;
        Scale(n - 1, T.One / (alpha - beta), x, off, inc);
        for (int j = 0; j < knt; j++) beta *= safmin;
        alpha = beta;
        return tau;
    }

    /// <summary>x[off + i * inc] *= s for i &lt; n.</summary>
    public static void Scale<T>(int n, T s, T[] x, int off, int inc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 0) return;
        if (inc == 1) { var sp = x.AsSpan(off, n); TensorPrimitives.Multiply(sp, s, sp); return; }
        for (int i = 0, p = off; i < n; i++, p += inc) x[p] *= s;
    }

    /// <summary>
    /// LAPACK's larf from the left: C := (I - tau v v^T) C for C m x n column-major at (c, cOff, ldc) and v the
    /// contiguous m-vector at (v, vOff) whose first entry is taken as 1 whatever is stored there. O(mn), no allocation.
    /// </summary>
    public static void ApplyLeft<T>(int m, int n, T[] v, int vOff, T tau, T[] c, int cOff, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || m == 0) return;
        var tail = v.AsSpan(vOff + 1, m - 1);
        for (int j = 0; j < n; j++)
        {
            int cj = cOff + j * ldc;
            T w = c[cj] + TensorPrimitives.Dot<T>(tail, c.AsSpan(cj + 1, m - 1));
            if (w == T.Zero) continue;
            T s = -tau * w;
            c[cj] += s;
            var col = c.AsSpan(cj + 1, m - 1);
            TensorPrimitives.MultiplyAdd(tail, s, col, col);
        }
    }

    /// <summary>
    /// LAPACK's larft (forward, columnwise): the k x k upper triangular T (column-major, leading dimension k, written
    /// to <paramref name="t"/>) with H_0 H_1 ... H_{k-1} = I - V T V^T, where V (m x k) is unit lower trapezoidal,
    /// stored below the diagonal at (v, vOff, ldv). O(m k^2).
    /// </summary>
    public static void FormT<T>(int m, int k, T[] v, int vOff, int ldv, ReadOnlySpan<T> tau, T[] t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < k; i++)
        {
            int ti = i * k;
            if (tau[i] == T.Zero)
            {
                // The whole column, below the diagonal too: ApplyBlockLeft multiplies by all k x k of T, so nothing
                // stale from an earlier use of the buffer may stay there.
                for (int r = 0; r < k; r++) t[ti + r] = T.Zero;
                continue;
            }
            // t(0:i, i) = -tau_i V(i:m, 0:i)^T v_i, where v_i(i) = 1.
            int vi = vOff + i * ldv;
            var vtail = v.AsSpan(vi + i + 1, Math.Max(m - i - 1, 0));
            for (int j = 0; j < i; j++)
            {
                int vj = vOff + j * ldv;
                T d = v[vj + i] + TensorPrimitives.Dot<T>(v.AsSpan(vj + i + 1, vtail.Length), vtail);
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

    /// <summary>
    /// LAPACK's larfb from the left (forward, columnwise): C := H^T C when <paramref name="transpose"/>, else H C, with
    /// H = I - V T V^T, V (m x k, unit lower trapezoidal at (v, vOff, ldv)), T from <see cref="FormT{T}"/> and C
    /// (m x n) at (c, cOff, ldc). Computed on the transposes so that every GEMM writes row-major blocks (C^T is
    /// row-major because C is column-major): W^T = C^T V (n x k), W2^T = W^T op(T)^T, C^T -= W2^T V^T; two GEMMs of
    /// m x n x k plus an n x k x k one. The explicit V (its unit diagonal and the zeros above it written out) and the
    /// n x k workspaces are pooled scratch, O((m + n) k), small next to the O(m n k) work.
    /// </summary>
    public static void ApplyBlockLeft<T>(bool transpose, int m, int n, int k, T[] v, int vOff, int ldv, T[] t,
        T[] c, int cOff, int ldc, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return;
        // V with its implicit unit diagonal and zeros above it made explicit (column-major, ld m).
        var vf = ArrayPool<T>.Shared.Rent(m * k);
        for (int j = 0; j < k; j++)
        {
            int col = j * m;
            vf.AsSpan(col, Math.Min(j, m)).Clear();
            if (j < m) vf[col + j] = T.One;
            if (j + 1 < m) Array.Copy(v, vOff + j * ldv + j + 1, vf, col + j + 1, m - j - 1);
        }
        var w = ArrayPool<T>.Shared.Rent(2 * n * k);
        // W^T (n x k, row-major) = C^T V.
        Gemm.Multiply(n, k, m, T.One, c, cOff, ldc, 1, vf, 0, 1, m, T.Zero, w, 0, k, 1, parallelism);
        // W2^T = W^T op(T)^T: T for H^T (op(T) = T^T), T^T for H.
        if (transpose) Gemm.Multiply(n, k, k, T.One, w, 0, k, 1, t, 0, 1, k, T.Zero, w, n * k, k, 1, parallelism);
        else Gemm.Multiply(n, k, k, T.One, w, 0, k, 1, t, 0, k, 1, T.Zero, w, n * k, k, 1, parallelism);
        // C^T -= W2^T V^T.
        Gemm.Multiply(n, m, k, -T.One, w, n * k, k, 1, vf, 0, m, 1, T.One, c, cOff, ldc, 1, parallelism);
        ArrayPool<T>.Shared.Return(w);
        ArrayPool<T>.Shared.Return(vf);
    }
}
