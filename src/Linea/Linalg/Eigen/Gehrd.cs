using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Reduction of a general matrix to upper Hessenberg form by an orthogonal similarity, A = Q H Q^T (LAPACK's gehd2 and
/// gehrd), in place on a column-contiguous n x n matrix view. Only rows and columns ilo..ihi (0-based, inclusive) are reduced;
/// the balanced matrix is already triangular outside them. Q = H_ilo ... H_{ihi-1}; reflector H_i = I - tau_i v v^T
/// has v[0..i] = 0, v[i + 1] = 1 and v[i + 2..ihi] stored in A below the subdiagonal of column i.
/// About 10/3 (ihi - ilo)^3 flops. The blocked form reduces panels of nb columns with
/// <see cref="HessenbergPanel"/> (LAPACK's lahr2) and applies them to the rest of the matrix through GEMM
/// (the right update A := A - Y V^T and the block reflector from the left); what is left is the matrix-vector
/// product with the trailing matrix in each panel column, which no blocking removes (Quintana-Orti and van de Geijn).
/// </summary>
internal static class Gehrd
{
    /// <summary>
    /// Reduces the n x n column-contiguous view a in place; tau receives n - 1 scalars (zero outside ilo..ihi - 1).
    /// </summary>
    public static void Reduce<T>(int ilo, int ihi, in MatrixView<T> a, T[] tau, EigParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)a.Rows);
        for (int i = 0; i < tau.Length; i++) tau[i] = T.Zero;
        int nh = ihi - ilo + 1;
        if (nh <= 1) return;
        int nb = Math.Min(p.Nb, nh - 1), i0 = ilo;
        if (nb >= 2 && nb < nh - 1 && p.Nx < nh)
        {
            var y = ArrayPool<T>.Shared.Rent((ihi + 1) * nb);
            var t = new T[nb * nb];
            var work = ArrayPool<T>.Shared.Rent(Math.Max(n, 1) * nb + (ihi + 1));
            int last = ihi - 1 - Math.Max(p.Nx, 0); // panels start at columns < last (as gehrd's nx)
            for (; i0 < last && i0 + nb < ihi; i0 += nb)
            {
                HessenbergPanel.Reduce(ihi, i0, nb, a, tau, t, y, ihi + 1, work, parallelism);
                UpdateTrailing(n, ihi, i0, nb, a, t, y, ihi + 1, parallelism);
            }
            ArrayPool<T>.Shared.Return(work);
            ArrayPool<T>.Shared.Return(y);
        }
        Unblocked(i0, ihi, a, tau);
    }

    /// <summary>gehd2: reduces columns start..ihi-1 of the n x n view a one reflector at a time (level 2). O(n (ihi - start)^2).</summary>
    public static void Unblocked<T>(int start, int ihi, in MatrixView<T> a, T[] tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (start >= ihi) return;
        int n = checked((int)a.Rows);
        var w = ArrayPool<T>.Shared.Rent(ihi + 1);
        for (int i = start; i < ihi; i++)
        {
            int len = ihi - i; // reflector over rows i+1..ihi, head at (i + 1, i)
            T alpha = a[i + 1, i];
            T ti = Householder.Generate(ref alpha, a.Block(i + 2, i, len - 1, 1));
            tau[i] = ti;
            if (ti != T.Zero)
            {
                var v = a.Column(i, i + 1, len);
                ApplyRight(v, ti, a.Block(0, i + 1, ihi + 1, len), w);
                Householder.ApplyLeft(v, ti, a.Block(i + 1, i + 1, len, n - i - 1));
            }
            a[i + 1, i] = alpha;
        }
        ArrayPool<T>.Shared.Return(w);
    }

    /// <summary>
    /// C := C (I - tau v v^T) for the m x k column-contiguous view C and the contiguous k-vector v (its first entry
    /// taken as 1). w is scratch of length m. O(m k), column AXPYs.
    /// </summary>
    internal static void ApplyRight<T>(ReadOnlySpan<T> v, T tau, in MatrixView<T> c, T[] w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)c.Rows), k = checked((int)c.Cols);
        if (tau == T.Zero || m == 0 || k == 0) return;
        var ws = w.AsSpan(0, m);
        c.Column(0, 0, m).CopyTo(ws);
        for (int j = 1; j < k; j++) TensorPrimitives.MultiplyAdd(c.Column(j, 0, m), v[j], ws, ws);
        for (int j = 0; j < k; j++)
        {
            T s = -tau * (j == 0 ? T.One : v[j]);
            if (s == T.Zero) continue;
            var col = c.Column(j, 0, m);
            TensorPrimitives.MultiplyAdd(ws, s, col, col);
        }
    }

    /// <summary>
    /// After <see cref="HessenbergPanel.Reduce{T}"/> on columns p..p+nb-1 (block reflector Q = I - V T V^T, Y = A V T):
    /// A(0:ihi, p+nb:ihi) -= Y V(p+nb:ihi, :)^T; the rows above the panel of its columns p+1..p+nb-1 likewise; then
    /// A(p+1:ihi, p+nb:n-1) := Q^T A(p+1:ihi, p+nb:n-1). Three GEMM-rich steps.
    /// </summary>
    private static void UpdateTrailing<T>(int n, int ihi, int p, int nb, in MatrixView<T> a, T[] t, T[] y, int ldy, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // V(p+nb:ihi, :) with the unit entry of the last reflector made explicit.
        ref T unit = ref a[p + nb, p + nb - 1];
        T ei = unit;
        unit = T.One;
        int cols = ihi - p - nb + 1;
        var ym = MatrixView<T>.ColumnMajor(y, 0, ihi + 1, nb, ldy);
        // (A(0:ihi, p+nb:ihi))^T -= V(p+nb:ihi, :) Y^T, written row-major (A^T is row-major because A is column-major).
        Gemm.Multiply(-T.One, a.Block(p + nb, p, cols, nb), ym.Transposed, T.One, a.Block(0, p + nb, ihi + 1, cols).Transposed, parallelism);
        unit = ei;

        // Rows 0..p of columns p+1..p+nb-1: A -= Y(0:p, 0:nb-2) L^T with L = V(p+1:p+nb-1, 0:nb-2) unit lower triangular.
        int rows = p + 1;
        for (int c = 1; c < nb; c++)
        {
            // Column p+c gets -sum_{j < c} Y(:, j) V(p+c, j), with V(p+c, c-1) = 1.
            var col = a.Column(p + c, 0, rows);
            for (int j = 0; j < c; j++)
            {
                T vjc = j == c - 1 ? T.One : a[p + c, p + j];
                if (vjc != T.Zero) TensorPrimitives.MultiplyAdd(y.AsSpan(j * ldy, rows), -vjc, col, col);
            }
        }

        // From the left: Q^T on rows p+1..ihi of columns p+nb..n-1.
        Householder.ApplyBlockLeft(true, a.Block(p + 1, p, ihi - p, nb), t, a.Block(p + 1, p + nb, ihi - p, n - p - nb), parallelism);
    }
}
