using System.Numerics;

namespace Linea;

/// <summary>
/// Reduces an r x n upper trapezoidal matrix [R11 R12] (R11 r x r upper triangular, r &lt;= n) to [T11 0] Z by
/// reflectors from the right (LAPACK's tzrzf with its unblocked kernel latrz): [R11 R12] = [T11 0] Z,
/// Z = Z_0 Z_1 ... Z_{r-1}, Z_i = I - tau_i v_i v_i^T with v_i = e_i + (0, ..., 0, z_i) where z_i (n - r entries)
/// occupies positions r..n-1 and is stored in row i, columns r..n-1. This is the second half of the complete
/// orthogonal decomposition used for minimum-norm least squares (LAPACK's gelsy). O(r^2 (n - r)).
/// </summary>
internal static class Tzrzf
{
    /// <summary>In place on the r x n matrix at (a, off, lda); tau gets r scalars.</summary>
    public static void Factor<T>(int r, int n, T[] a, int off, int lda, Span<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = n - r;
        if (l == 0) { tau.Slice(0, r).Clear(); return; }
        for (int i = r - 1; i >= 0; i--)
        {
            int d = off + i + i * lda, zOff = off + i + r * lda;
            T alpha = a[d];
            T t = Householder.Generate(l + 1, ref alpha, a, zOff, lda);
            tau[i] = t;
            a[d] = alpha;
            if (t == T.Zero) continue;
            // Rows 0..i-1: w = A(:, i) + A(:, r:n) z; A(:, i) -= t w; A(:, r:n) -= t w z^T.
            for (int row = 0; row < i; row++)
            {
                T w = a[off + row + i * lda];
                for (int c = 0; c < l; c++) w += a[off + row + (r + c) * lda] * a[zOff + c * lda];
                if (w == T.Zero) continue;
                T s = -t * w;
                a[off + row + i * lda] += s;
                for (int c = 0; c < l; c++) a[off + row + (r + c) * lda] += s * a[zOff + c * lda];
            }
        }
    }

    /// <summary>y := Z^T y = Z_{r-1} ... Z_0 y for the n-vector at (y, yOff) (stride 1), from <see cref="Factor{T}"/>'s output. O(r (n - r)).</summary>
    public static void ApplyZT<T>(int r, int n, T[] a, int off, int lda, ReadOnlySpan<T> tau, T[] y, int yOff) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = n - r;
        if (l == 0) return;
        for (int i = 0; i < r; i++)
        {
            if (tau[i] == T.Zero) continue;
            int zOff = off + i + r * lda;
            T w = y[yOff + i];
            for (int c = 0; c < l; c++) w += a[zOff + c * lda] * y[yOff + r + c];
            T s = -tau[i] * w;
            y[yOff + i] += s;
            for (int c = 0; c < l; c++) y[yOff + r + c] += s * a[zOff + c * lda];
        }
    }
}
