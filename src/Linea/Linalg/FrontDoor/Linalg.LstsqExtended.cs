using Linea.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// Least squares with the design matrix and right-hand side given in double-double (for example polynomial powers
    /// formed in double-double from data parsed with <see cref="DoubleDouble.Parse"/>), solved entirely in double-double
    /// (Householder QR, back substitution, residuals), the solution rounded to double. Use it when forming A in double
    /// would already lose the digits wanted: badly conditioned polynomial fits such as NIST's Filip.
    /// <paramref name="a"/> is m x n with m &gt;= n and full column rank; <paramref name="b"/> has m entries; x has n.
    /// O(m n^2) double-double operations.
    /// </summary>
    /// <exception cref="ShapeMismatchException">b's length is not m, or m &lt; n; the message names both shapes.</exception>
    /// <exception cref="NonFiniteException">An entry is NaN or infinite.</exception>
    /// <exception cref="SingularMatrixException">A is rank deficient even in double-double.</exception>
    public static LstsqResult<double> LstsqExtended(DoubleDouble[,] a, DoubleDouble[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int m = a.GetLength(0), n = a.GetLength(1);
        if (b.Length != m)
            ThrowHelper.ShapeMismatch("lstsq", $"A has shape ({m}, {n}) and b has shape ({b.Length},): b needs {m} entries", new Shape([m, n]), new Shape([b.Length]));
        var ad = new DoubleDouble[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(a[i, j].Hi)) throw new NonFiniteException($"lstsq: A of shape ({m}, {n}) contains {a[i, j].Hi} at [{i}, {j}]; linear algebra needs finite numbers");
                ad[i + j * m] = a[i, j];
            }
        for (int i = 0; i < m; i++)
            if (!double.IsFinite(b[i].Hi)) throw new NonFiniteException($"lstsq: b of shape ({m},) contains {b[i].Hi} at [{i}]; linear algebra needs finite numbers");
        return ExtendedLeastSquares.Solve<double>(m, n, ad, 1, (DoubleDouble[])b.Clone(), vector: true);
    }
}
