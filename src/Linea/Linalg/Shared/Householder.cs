using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Householder reflectors H = I - tau v v^T with v[0] = 1 (LAPACK's convention), on <see cref="MatrixView{T}"/>
/// matrices of any strides (column-contiguous ones, the factorizations' layout, take vectorised span paths; others
/// run scalar loops): generation (larfg, with safe scaling), application of one reflector (larf), the triangular
/// factor of a block (larft) and application of a block I - V T V^T (larfb) through <c>Gemm.Multiply</c>, so blocked
/// factorizations run most of their flops in GEMM. Vectors are n x 1 column views (<see cref="ColumnVector"/>). The
/// array overloads (column-major, element (i, j) at <c>a[off + i + j * ld]</c>) wrap the view forms for the callers
/// that still hold arrays.
/// </summary>
internal static class Householder
{
    /// <summary>
    /// LAPACK's larfg: given alpha and the n - 1 entries of the column vector <paramref name="x"/> (any row stride),
    /// finds beta and tau with H [alpha; x] = [beta; 0], H = I - tau [1; v] [1; v]^T, H orthogonal. On return alpha
    /// holds beta and x holds v. tau = 0 (H = I) when x is zero. Entries are rescaled when beta would be below the safe
    /// minimum, so tiny inputs keep full relative accuracy. O(n), no allocation.
    /// </summary>
    public static T Generate<T>(ref T alpha, in MatrixView<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rows <= 0) return T.Zero;
        T xnorm = Nrm2.Compute(x);
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
                Scale(rsafmn, x);
                beta *= rsafmn;
                alpha *= rsafmn;
            } while (T.Abs(beta) < safmin && knt < 20);
            xnorm = Nrm2.Compute(x);
            beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
        }
        T tau = (beta - alpha) / beta;
        Scale(T.One / (alpha - beta), x);
        for (int j = 0; j < knt; j++) beta *= safmin;
        alpha = beta;
        return tau;
    }

    /// <summary>larfg on the contiguous n - 1 entries of <paramref name="x"/>; see <see cref="Generate{T}(ref T, in MatrixView{T})"/>.</summary>
    public static T Generate<T>(int n, ref T alpha, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        n <= 1 ? T.Zero : Generate(ref alpha, ColumnVector.Of(x.Slice(0, n - 1)));

    /// <summary>x *= s over the column vector <paramref name="x"/> (any row stride). O(n).</summary>
    public static void Scale<T>(T s, in MatrixView<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rows <= 0) return;
        if (x.RowStride == 1) { var sp = x.Column(0); TensorPrimitives.Multiply(sp, s, sp); return; }
        for (long i = 0; i < x.Rows; i++) x[i, 0] *= s;
    }

    /// <summary>
    /// LAPACK's larf from the left: C := (I - tau v v^T) C for C (m x n, any strides) and the column vector v (m x 1,
    /// any stride) whose first entry is taken as 1 whatever is stored there. O(mn), no allocation; column-contiguous C
    /// with contiguous v runs on spans.
    /// </summary>
    public static void ApplyLeft<T>(in MatrixView<T> v, T tau, in MatrixView<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = c.Rows;
        if (tau == T.Zero || m == 0) return;
        System.Diagnostics.Debug.Assert(v.Rows >= m);
        if (c.ColumnContiguous && ColumnVector.IsContiguous(v))
        {
            ApplyLeft(v.Column(0, 0, checked((int)m)), tau, c);
            return;
        }
        for (long j = 0; j < c.Cols; j++)
        {
            T w = c[0, j];
            for (long i = 1; i < m; i++) w += v[i, 0] * c[i, j];
            if (w == T.Zero) continue;
            T s = -tau * w;
            c[0, j] += s;
            for (long i = 1; i < m; i++) c[i, j] += s * v[i, 0];
        }
    }

    /// <summary>larf from the left with the contiguous m-vector v (first entry taken as 1) on the column-contiguous C.</summary>
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
    /// LAPACK's larft (forward, columnwise): the k x k upper triangular T (column-major, leading dimension k, written
    /// to <paramref name="t"/>) with H_0 H_1 ... H_{k-1} = I - V T V^T, where V (m x k, the view <paramref name="v"/>,
    /// any strides) is unit lower trapezoidal, stored below the diagonal. O(m k^2). Large panels form the k x k Gram
    /// matrix V^T V, which holds every inner product the columns of T need, with one GEMM on an explicit copy of V
    /// (pooled scratch, m k + k^2) instead of k (k - 1) / 2 separate dot products of length up to m; small ones take
    /// the dot products and allocate nothing.
    /// </summary>
    public static void FormT<T>(in MatrixView<T> v, ReadOnlySpan<T> tau, T[] t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)v.Rows), k = checked((int)v.Cols);
        bool spans = v.ColumnContiguous;
        // G = V^T V of the explicit V: G[j, i] (j < i) is V[i, j] + V[i+1.., j]^T v_i, the dot-product form's entry.
        T[]? g = null;
        if (k >= 4 && (long)m * k * k >= GramMinWork)
        {
            var vf = ArrayPool<T>.Shared.Rent(m * k);
            g = ArrayPool<T>.Shared.Rent(k * k);
            ExplicitV(v, vf, m, k);
            var vfm = MatrixView<T>.ColumnMajor(vf, 0, m, k, m);
            Gemm.Multiply(T.One, vfm.Transposed, vfm, T.Zero, MatrixView<T>.ColumnMajor(g, 0, k, k, k), Parallelism.None);
            ArrayPool<T>.Shared.Return(vf);
        }
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
            int len = Math.Max(m - i - 1, 0);
            for (int j = 0; j < i; j++)
            {
                T d;
                if (g is not null) d = g[ti + j];
                else
                {
                    d = v[i, j];
                    if (spans) d += TensorPrimitives.Dot<T>(v.Column(j, i + 1, len), v.Column(i, i + 1, len));
                    else for (int r = i + 1; r < m; r++) d += v[r, j] * v[r, i];
                }
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
        if (g is not null) ArrayPool<T>.Shared.Return(g);
    }

    /// <summary>Panels from which <see cref="FormT{T}"/> forms V^T V by GEMM (m k^2 multiply-adds).</summary>
    private const long GramMinWork = 1 << 15;

    /// <summary>The m x k unit lower trapezoidal V of the view <paramref name="v"/> written out column-major (ld m) into <paramref name="vf"/>: its unit diagonal and the zeros above it made explicit.</summary>
    private static void ExplicitV<T>(in MatrixView<T> v, T[] vf, int m, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool spans = v.ColumnContiguous;
        for (int j = 0; j < k; j++)
        {
            int col = j * m;
            vf.AsSpan(col, Math.Min(j, m)).Clear();
            if (j < m) vf[col + j] = T.One;
            if (j + 1 >= m) continue;
            if (spans) v.Column(j, j + 1, m - j - 1).CopyTo(vf.AsSpan(col + j + 1, m - j - 1));
            else for (int i = j + 1; i < m; i++) vf[col + i] = v[i, j];
        }
    }

    /// <summary>
    /// LAPACK's larfb from the left (forward, columnwise): C := H^T C when <paramref name="transpose"/>, else H C, with
    /// H = I - V T V^T, V (m x k, unit lower trapezoidal below the diagonal of the view <paramref name="v"/>), T from
    /// <see cref="FormT{T}(in MatrixView{T}, ReadOnlySpan{T}, T[])"/> and C (m x n); both views of any strides.
    /// Computed on the transposes so that every GEMM writes row-major blocks (C^T is row-major when C is
    /// column-major): W^T = C^T V (n x k), W2^T = W^T op(T)^T, C^T -= W2^T V^T; two GEMMs of m x n x k plus an
    /// n x k x k one. The explicit V (its unit diagonal and the zeros above it written out) and the n x k workspaces
    /// are pooled scratch, O((m + n) k), small next to the O(m n k) work.
    /// </summary>
    public static void ApplyBlockLeft<T>(bool transpose, in MatrixView<T> v, T[] t, in MatrixView<T> c, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)c.Rows), n = checked((int)c.Cols), k = checked((int)v.Cols);
        if (m == 0 || n == 0 || k == 0) return;
        // V with its implicit unit diagonal and zeros above it made explicit (column-major, ld m).
        var vf = ArrayPool<T>.Shared.Rent(m * k);
        ExplicitV(v, vf, m, k);
        var w = ArrayPool<T>.Shared.Rent(2 * n * k);
        var ct = c.Transposed;                                   // n x m
        var vfm = MatrixView<T>.ColumnMajor(vf, 0, m, k, m);     // m x k
        var w1 = MatrixView<T>.RowMajor(w, n, k);                // W^T, n x k
        var w2 = MatrixView<T>.Of(w, (long)n * k, n, k, k, 1);   // W2^T
        var tm = MatrixView<T>.ColumnMajor(t, 0, k, k, k);
        // W^T (n x k, row-major) = C^T V.
        Gemm.Multiply(T.One, ct, vfm, T.Zero, w1, parallelism);
        // W2^T = W^T op(T)^T: T for H^T (op(T) = T^T), T^T for H.
        Gemm.Multiply(T.One, w1, transpose ? tm : tm.Transposed, T.Zero, w2, parallelism);
        // C^T -= W2^T V^T.
        Gemm.Multiply(-T.One, w2, vfm.Transposed, T.One, ct, parallelism);
        ArrayPool<T>.Shared.Return(w);
        ArrayPool<T>.Shared.Return(vf);
    }
}
