using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// Householder bidiagonalization Q^T A P = B of an m x n column-major matrix with m &gt;= n (LAPACK's gebd2, upper
/// bidiagonal): B has diagonal d (n) and superdiagonal e (n - 1). Q = H_0 ... H_{n-1} with v_i (v_i[i] = 1 implicit)
/// stored below the diagonal in column i (the layout of <see cref="Geqrf"/>, so <see cref="Ormqr"/> applies Q), and
/// P = G_0 ... G_{n-2} with u_i (u_i[i + 1] = 1 implicit) stored right of the superdiagonal in row i. About
/// 4 m n^2 - 4 n^3 / 3 flops, level 2.
/// </summary>
internal static class Gebrd
{
    /// <summary>Reduces the m x n matrix at (a, 0, lda), m &gt;= n; fills d, e, tauq (n) and taup (n; the last is 0).</summary>
    public static void Unblocked<T>(int m, int n, T[] a, int lda, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var work = new T[Math.Max(m, 1)];
        var u = new T[Math.Max(n, 1)];
        for (int i = 0; i < n; i++)
        {
            int di = i + i * lda;
            T alpha = a[di];
            T tq = Householder.Generate(m - i, ref alpha, a, di + 1, 1);
            d[i] = alpha;
            tauq[i] = tq;
            if (i + 1 < n) Householder.ApplyLeft(m - i, n - i - 1, a, di, tq, a, di + lda, lda);
            a[di] = alpha;
            if (i + 1 < n)
            {
                int si = i + (i + 1) * lda;   // A[i, i + 1]
                T beta = a[si];
                T tp = Householder.Generate(n - i - 1, ref beta, a, si + lda, lda);
                e[i] = beta;
                taup[i] = tp;
                ApplyRight(m - i - 1, n - i - 1, a, si, lda, tp, a, si + 1, lda, work, u);
                a[si] = beta;
            }
            else taup[i] = T.Zero;
        }
    }

    /// <summary>
    /// C := C (I - tau u u^T) for C (rows x cols at (c, cOff, ldc)) and u the row vector at (uSrc, uOff) with stride
    /// lda (first entry taken as 1). Column axpys, so the inner loops run over contiguous columns. O(rows cols).
    /// </summary>
    private static void ApplyRight<T>(int rows, int cols, T[] uSrc, int uOff, int lda, T tau, T[] c, int cOff, int ldc, T[] work, T[] u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || rows == 0 || cols == 0) return;
        u[0] = T.One;
        for (int j = 1; j < cols; j++) u[j] = uSrc[uOff + j * lda];
        var w = work.AsSpan(0, rows);
        c.AsSpan(cOff, rows).CopyTo(w);                          // w = C u, u[0] = 1
        for (int j = 1; j < cols; j++) TensorPrimitives.MultiplyAdd(c.AsSpan(cOff + j * ldc, rows), u[j], w, w);
        for (int j = 0; j < cols; j++)
        {
            var col = c.AsSpan(cOff + j * ldc, rows);
            TensorPrimitives.MultiplyAdd(w, -tau * u[j], col, col);
        }
    }
}
