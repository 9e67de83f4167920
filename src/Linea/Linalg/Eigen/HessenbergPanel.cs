using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// The panel step of the blocked Hessenberg reduction (LAPACK's lahr2): reduces columns p..p+nb-1 of the column-contiguous
/// matrix view (rows p+1..ihi below the subdiagonal) and returns what the caller needs to update the rest of the matrix
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
    public static void Reduce<T>(int ihi, int p, int nb, in MatrixView<T> a, T[] tau, T[] t, T[] y, int ldy, T[] scratch, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = ihi - p; // rows p+1..ihi
        Array.Clear(t, 0, nb * nb);
        var w = scratch.AsSpan(0, nb);
        var ym = MatrixView<T>.ColumnMajor(y, 0, ihi + 1, nb, ldy);
        T ei = T.Zero;
        for (int j = 0; j < nb; j++)
        {
            int col = p + j;
            var colBelow = new MatrixView<T>(ref a[p + 1, col], m, 1, 1, 1); // A(p+1:ihi, col) as an m x 1 column
            if (j > 0)
            {
                // From the right: A(p+1:ihi, col) -= Y(p+1:ihi, 0:j-1) V(p+j, 0:j-1)^T (V(p+j, j-1) is the unit entry).
                a[p + j, col - 1] = T.One;
                Gemm.Multiply(-T.One, ym.Block(p + 1, 0, m, j), a.Block(p + j, p, 1, j).Transposed, T.One, colBelow, parallelism);
                a[p + j, col - 1] = ei;
                ApplyBlockTransposeToColumn(m, j, a.Block(p + 1, p, m, j), t, nb, a.Column(col, p + 1, m), w);
            }

            // The reflector that zeroes A(col+2:ihi, col).
            int len = ihi - col;
            T alpha = a[col + 1, col];
            T tj = Householder.Generate(ref alpha, a.Block(col + 2, col, len - 1, 1));
            tau[col] = tj;
            ei = alpha;
            a[col + 1, col] = T.One;
            var v = new MatrixView<T>(ref a[col + 1, col], len, 1, 1, 1);

            // Y(p+1:ihi, j) = tau (A(p+1:ihi, col+1:ihi) v - Y(p+1:ihi, 0:j-1) V(col+1:ihi, 0:j-1)^T v).
            int yj = p + 1 + j * ldy;
            var yCol = MatrixView<T>.Of(y, yj, m, 1, 1, 1);
            Gemm.Multiply(T.One, a.Block(p + 1, col + 1, m, len), v, T.Zero, yCol, parallelism);
            int tj0 = j * nb;
            if (j > 0)
            {
                var tCol = MatrixView<T>.Of(t, tj0, j, 1, 1, 1);
                Gemm.Multiply(T.One, a.Block(col + 1, p, len, j).Transposed, v, T.Zero, tCol, parallelism);
                Gemm.Multiply(-T.One, ym.Block(p + 1, 0, m, j), tCol, T.One, yCol, parallelism);
            }
            Householder.Scale(tj, ColumnVector.Of(y.AsSpan(yj, m)));

            // T(0:j-1, j) = -tau T(0:j-1, 0:j-1) T(0:j-1, j); T(j, j) = tau.
            for (int r = 0; r < j; r++)
            {
                T s = T.Zero;
                for (int c = r; c < j; c++) s += t[r + c * nb] * t[c + tj0];
                t[r + tj0] = -tj * s;
            }
            t[j + tj0] = tj;
        }
        a[p + nb, p + nb - 1] = ei;

        // Rows 0..p of Y: A(0:p, p+1:ihi) V T, both products through GEMM with V made explicit.
        int rows = p + 1;
        var vfull = ArrayPool<T>.Shared.Rent(m * nb);
        var tmp = ArrayPool<T>.Shared.Rent(rows * nb);
        for (int j = 0; j < nb; j++)
        {
            int c = j * m;
            vfull.AsSpan(c, j).Clear();
            vfull[c + j] = T.One;
            a.Column(p + j, p + 2 + j, m - j - 1).CopyTo(vfull.AsSpan(c + j + 1, m - j - 1));
        }
        var tmpm = MatrixView<T>.ColumnMajor(tmp, 0, rows, nb, rows);
        Gemm.Multiply(T.One, a.Block(0, p + 1, rows, m), MatrixView<T>.ColumnMajor(vfull, 0, m, nb, m), T.Zero, tmpm, parallelism);
        Gemm.Multiply(T.One, tmpm, MatrixView<T>.ColumnMajor(t, 0, nb, nb, nb), T.Zero, ym.Block(0, 0, rows, nb), parallelism);
        ArrayPool<T>.Shared.Return(tmp);
        ArrayPool<T>.Shared.Return(vfull);
    }

    /// <summary>
    /// b := (I - V T V^T)^T b = b - V T^T V^T b for the contiguous m-vector b and V the m x k unit lower trapezoidal
    /// matrix stored below the diagonal of the view v (its diagonal taken as 1), T upper triangular (t, ld ldt).
    /// w is scratch of length k. O(m k).
    /// </summary>
    private static void ApplyBlockTransposeToColumn<T>(int m, int k, in MatrixView<T> v, T[] t, int ldt, Span<T> b, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < k; r++)
            w[r] = b[r] + TensorPrimitives.Dot<T>(v.Column(r, r + 1, m - r - 1), b.Slice(r + 1, m - r - 1));
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
            b[r] -= wr;
            var tail = b.Slice(r + 1, m - r - 1);
            TensorPrimitives.MultiplyAdd(v.Column(r, r + 1, m - r - 1), -wr, tail, tail);
        }
    }
}
