using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// The panel step of the blocked Hessenberg reduction (LAPACK's lahr2): reduces columns p..p+nb-1 of the column-major
/// matrix (rows p+1..ihi below the subdiagonal) and returns what the caller needs to update the rest of the matrix
/// with level-3 operations: the block reflector Q = H_p ... H_{p+nb-1} = I - V T V^T (V in A below the subdiagonal,
/// T upper triangular nb x nb) and Y = A V T (rows 0..ihi), A being the matrix at the start of the panel.
/// Each panel column is first brought up to date with the reflectors before it, from the right (through Y) and from
/// the left (through V and T), and then reduced. O(ihi^2 nb) flops, most of them in the product of the trailing
/// matrix with each new reflector.
/// </summary>
internal static class HessenbergPanel
{
    /// <summary>
    /// Reduces the panel; <paramref name="tau"/>[p..p+nb-1] get the reflector scalars, <paramref name="t"/> (nb x nb,
    /// column-major, ld nb) the triangular factor, <paramref name="y"/> (column-major, ld <paramref name="ldy"/> &gt;= ihi + 1)
    /// the product A V T in its rows 0..ihi.
    /// </summary>
    public static void Reduce<T>(int ihi, int p, int nb, T[] a, int lda, T[] tau, T[] t, T[] y, int ldy, T[] scratch, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = ihi - p; // rows p+1..ihi
        Array.Clear(t, 0, nb * nb);
        var w = scratch.AsSpan(0, nb);
        T ei = T.Zero;
        for (int j = 0; j < nb; j++)
        {
            int col = p + j, cOff = col * lda;
            if (j > 0)
            {
                // From the right: A(p+1:ihi, col) -= Y(p+1:ihi, 0:j-1) V(p+j, 0:j-1)^T (V(p+j, j-1) is the unit entry).
                int unit = p + j + (col - 1) * lda;
                a[unit] = T.One;
                Gemm.Multiply(m, 1, j, -T.One, y, p + 1, 1, ldy, a, p + j + p * lda, lda, 1, T.One, a, p + 1 + cOff, 1, 1, parallelism);
                a[unit] = ei;
                ApplyBlockTransposeToColumn(m, j, a, p + 1 + p * lda, lda, t, nb, a, p + 1 + cOff, w);
            }

            // The reflector that zeroes A(col+2:ihi, col).
            int len = ihi - col, head = col + 1 + cOff;
            T alpha = a[head];
            T tj = Householder.Generate(len, ref alpha, a, head + 1, 1);
            tau[col] = tj;
            ei = alpha;
            a[head] = T.One;

            // Y(p+1:ihi, j) = tau (A(p+1:ihi, col+1:ihi) v - Y(p+1:ihi, 0:j-1) V(col+1:ihi, 0:j-1)^T v).
            int yj = p + 1 + j * ldy;
            Gemm.Multiply(m, 1, len, T.One, a, p + 1 + (col + 1) * lda, 1, lda, a, head, 1, 1, T.Zero, y, yj, 1, 1, parallelism);
            int tj0 = j * nb;
            if (j > 0)
            {
                Gemm.Multiply(j, 1, len, T.One, a, col + 1 + p * lda, lda, 1, a, head, 1, 1, T.Zero, t, tj0, 1, 1, parallelism);
                Gemm.Multiply(m, 1, j, -T.One, y, p + 1, 1, ldy, t, tj0, 1, 1, T.One, y, yj, 1, 1, parallelism);
            }
            Householder.Scale(m, tj, y, yj, 1);

            // T(0:j-1, j) = -tau T(0:j-1, 0:j-1) T(0:j-1, j); T(j, j) = tau.
            for (int r = 0; r < j; r++)
            {
                T s = T.Zero;
                for (int c = r; c < j; c++) s += t[r + c * nb] * t[c + tj0];
                t[r + tj0] = -tj * s;
            }
            t[j + tj0] = tj;
        }
        a[p + nb + (p + nb - 1) * lda] = ei;

        // Rows 0..p of Y: A(0:p, p+1:ihi) V T, both products through GEMM with V made explicit.
        int rows = p + 1;
        var vfull = ArrayPool<T>.Shared.Rent(m * nb);
        var tmp = ArrayPool<T>.Shared.Rent(rows * nb);
        for (int j = 0; j < nb; j++)
        {
            int c = j * m;
            vfull.AsSpan(c, j).Clear();
            vfull[c + j] = T.One;
            Array.Copy(a, p + 2 + j + (p + j) * lda, vfull, c + j + 1, m - j - 1);
        }
        Gemm.Multiply(rows, nb, m, T.One, a, (p + 1) * lda, 1, lda, vfull, 0, 1, m, T.Zero, tmp, 0, 1, rows, parallelism);
        Gemm.Multiply(rows, nb, nb, T.One, tmp, 0, 1, rows, t, 0, 1, nb, T.Zero, y, 0, 1, ldy, parallelism);
        ArrayPool<T>.Shared.Return(tmp);
        ArrayPool<T>.Shared.Return(vfull);
    }

    /// <summary>
    /// b := (I - V T V^T)^T b = b - V T^T V^T b for the m-vector b at (b, bOff) and V the m x k unit lower trapezoidal
    /// matrix stored below the diagonal at (v, vOff, ldv) (its diagonal taken as 1), T upper triangular (t, ld ldt).
    /// w is scratch of length k. O(m k).
    /// </summary>
    private static void ApplyBlockTransposeToColumn<T>(int m, int k, T[] v, int vOff, int ldv, T[] t, int ldt, T[] b, int bOff, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < k; r++)
        {
            int vr = vOff + r * ldv;
            w[r] = b[bOff + r] + TensorPrimitives.Dot<T>(v.AsSpan(vr + r + 1, m - r - 1), b.AsSpan(bOff + r + 1, m - r - 1));
        }
        for (int r = k - 1; r >= 0; r--)
        {
            T s = T.Zero;
            for (int c = 0; c <= r; c++) s += t[c + r * ldt] * w[c];
            w[r] = s;
        }
        for (int r = 0; r < k; r++)
        {
            T wr = w[r];
            if (wr == T.Zero) continue;
            int vr = vOff + r * ldv;
            b[bOff + r] -= wr;
            var tail = b.AsSpan(bOff + r + 1, m - r - 1);
            TensorPrimitives.MultiplyAdd(v.AsSpan(vr + r + 1, m - r - 1), -wr, tail, tail);
        }
    }
}
