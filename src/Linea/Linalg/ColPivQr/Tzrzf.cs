using System.Numerics;
using Linea.Kernels;

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
    /// <summary>In place on the r x n view a (any strides, r &lt;= n); tau gets r scalars. No allocation.</summary>
    public static void Factor<T>(in MatrixView<T> a, Span<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = checked((int)a.Rows), n = checked((int)a.Cols);
        int l = n - r;
        if (l == 0) { tau.Slice(0, r).Clear(); return; }
        for (int i = r - 1; i >= 0; i--)
        {
            ref T d = ref a[i, i];
            var z = a.Block(i, r, 1, l).Transposed;   // z_i, row i of columns r..n-1, as a column vector
            T alpha = d;
            T t = Householder.Generate(ref alpha, z);
            tau[i] = t;
            d = alpha;
            if (t == T.Zero) continue;
            // Rows 0..i-1: w = A(:, i) + A(:, r:n) z; A(:, i) -= t w; A(:, r:n) -= t w z^T.
            for (int row = 0; row < i; row++)
            {
                T w = a[row, i];
                for (int c = 0; c < l; c++) w += a[row, r + c] * z[c, 0];
                if (w == T.Zero) continue;
                T s = -t * w;
                a[row, i] += s;
                for (int c = 0; c < l; c++) a[row, r + c] += s * z[c, 0];
            }
        }
    }

    /// <summary>
    /// y := Z^T y = Z_{r-1} ... Z_0 y for the column vector y (n x 1, any stride), from <see cref="Factor{T}"/>'s
    /// output in the r x n view a. O(r (n - r)).
    /// </summary>
    public static void ApplyZT<T>(in MatrixView<T> a, ReadOnlySpan<T> tau, in MatrixView<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = checked((int)a.Rows), n = checked((int)a.Cols);
        int l = n - r;
        if (l == 0) return;
        for (int i = 0; i < r; i++)
        {
            if (tau[i] == T.Zero) continue;
            T w = y[i, 0];
            for (int c = 0; c < l; c++) w += a[i, r + c] * y[r + c, 0];
            T s = -tau[i] * w;
            y[i, 0] += s;
            for (int c = 0; c < l; c++) y[r + c, 0] += s * a[i, r + c];
        }
    }
}
