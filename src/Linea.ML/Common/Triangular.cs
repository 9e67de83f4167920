using System.Numerics;

namespace Linea.ML;

/// <summary>Small dense triangular solves and inverses (substitution, O(n^2) per right-hand side), for the models'
/// covariance and likelihood formulas. Linea's front door has no triangular solve yet; these read the factors
/// element by element and are meant for the modest orders of model parameters, not for large factorizations.</summary>
internal static class Triangular
{
    /// <summary>R^-1 of an upper-triangular n x n <paramref name="r"/> (entries below the diagonal ignored). O(n^3 / 3).</summary>
    /// <exception cref="SingularMatrixException">A diagonal entry is exactly zero.</exception>
    public static Tensor<T> InvertUpper<T>(Tensor<T> r, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = r.Shape[0];
        var a = r.Contiguous().ToArray();
        var inv = new T[n * n];
        for (int i = 0; i < n; i++)
            if (a[i * n + i] == T.Zero)
                throw new SingularMatrixException(i, $"{where}: the triangular factor has a zero at diagonal position {i}; the columns of X are linearly dependent");
        // Column j of R^-1 solves R x = e_j; x is zero below row j.
        for (int j = 0; j < n; j++)
        {
            inv[j * n + j] = T.One / a[j * n + j];
            for (int i = j - 1; i >= 0; i--)
            {
                T s = T.Zero;
                for (int k = i + 1; k <= j; k++) s += a[i * n + k] * inv[k * n + j];
                inv[i * n + j] = -s / a[i * n + i];
            }
        }
        return Tensor.Wrap(inv, n, n);
    }

    /// <summary>Solves L X = B by forward substitution for a lower-triangular d x d <paramref name="l"/> with nonzero
    /// diagonal and B of shape (d, k). O(d^2 k).</summary>
    public static Tensor<T> SolveLower<T>(Tensor<T> l, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = l.Shape[0], k = b.Shape[1];
        var a = l.Contiguous().ToArray();
        var x = b.Contiguous().ToArray();
        for (int i = 0; i < d; i++)
        {
            var xi = x.AsSpan(i * k, k);
            for (int m = 0; m < i; m++)
            {
                T lim = a[i * d + m];
                if (lim == T.Zero) continue;
                var xm = x.AsSpan(m * k, k);
                for (int c = 0; c < k; c++) xi[c] -= lim * xm[c];
            }
            T inv = T.One / a[i * d + i];
            for (int c = 0; c < k; c++) xi[c] *= inv;
        }
        return Tensor.Wrap(x, d, k);
    }
}
