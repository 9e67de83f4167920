using System.Numerics;
using Linea.Numerics;

namespace Linea;

/// <summary>
/// Least squares entirely in double-double: the design matrix (converted exactly to double) has its columns scaled
/// by powers of two, is reduced by Householder QR in double-double (about 106-bit arithmetic), R x = Q^T b is solved
/// by back substitution in double-double, and the residuals b - A x are accumulated in double-double from the
/// unrounded solution. Accuracy is then limited by the data (and by how the caller formed it), not by the solver:
/// about cond(A D) 2^-104 relative. O(m n^2) double-double operations (each about 10 to 20 flops).
/// Needs m &gt;= n and full column rank; rank deficiency (|R_jj| at the level of double-double rounding) throws.
/// </summary>
internal static class ExtendedLeastSquares
{
    public static LstsqResult<T> Solve<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[0], n = a.IntDims[1];
        bool vector = b.Rank == 1;
        int nrhs = vector ? 1 : b.IntDims[1];
        var ad = new DoubleDouble[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) ad[i + j * m] = double.CreateTruncating(a[i, j]);
        var bd = new DoubleDouble[m * nrhs];
        for (int s = 0; s < nrhs; s++)
            for (int i = 0; i < m; i++) bd[i + s * m] = double.CreateTruncating(vector ? b[i] : b[i, s]);
        return Solve<T>(m, n, ad, nrhs, bd, vector);
    }

    /// <summary>The core on column-major double-double A (m x n) and B (m x nrhs), neither modified.</summary>
    public static LstsqResult<T> Solve<T>(int m, int n, DoubleDouble[] a, int nrhs, DoubleDouble[] b, bool vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape([m, n]);
        if (m < n)
            ThrowHelper.ShapeMismatch("lstsq", $"extended precision needs m >= n (full column rank), but A has shape {shape}; use LstsqPrecision.Working for the minimum-norm solution", shape);
        // Work arrays, column-major; scale columns by powers of two (exact).
        var w = new DoubleDouble[m * n];
        var scale = new int[n];
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < m; i++) { double v = a[i + j * m].Hi; s += v * v; }
            scale[j] = s == 0 || !double.IsFinite(s) ? 0 : -Math.ILogB(Math.Sqrt(s));
            for (int i = 0; i < m; i++) w[i + j * m] = DoubleDouble.ScaleB(a[i + j * m], scale[j]);
        }
        var c = (DoubleDouble[])b.Clone();

        for (int i = 0; i < n; i++)
        {
            DoubleDouble xn = DoubleDouble.Zero;
            for (int r = i + 1; r < m; r++) xn += w[r + i * m] * w[r + i * m];
            if (xn.IsZero) continue; // H = I
            DoubleDouble alpha = w[i + i * m];
            DoubleDouble norm = DoubleDouble.Sqrt(alpha * alpha + xn);
            DoubleDouble beta = alpha.Hi >= 0 ? -norm : norm;
            DoubleDouble tau = (beta - alpha) / beta;
            DoubleDouble inv = DoubleDouble.One / (alpha - beta);
            for (int r = i + 1; r < m; r++) w[r + i * m] *= inv;
            w[i + i * m] = beta;
            for (int j = i + 1; j < n; j++) Reflect(w, i, m, tau, w, j * m);
            for (int s = 0; s < nrhs; s++) Reflect(w, i, m, tau, c, s * m);
        }

        DoubleDouble rmax = DoubleDouble.Zero;
        for (int j = 0; j < n; j++) rmax = DoubleDouble.Abs(w[j + j * m]) > rmax ? DoubleDouble.Abs(w[j + j * m]) : rmax;
        for (int j = 0; j < n; j++)
            if (DoubleDouble.Abs(w[j + j * m]).Hi <= 1e-30 * Math.Max(m, 1) * rmax.Hi)
                throw new SingularMatrixException(j, $"lstsq: A of shape {shape} is rank deficient even in double-double (R[{j}, {j}] = {w[j + j * m].Hi:G3} against max {rmax.Hi:G3}); extended precision needs full column rank: use LstsqPrecision.Working for the minimum-norm solution");

        // Back substitution in double-double, then undo the column scaling (exact).
        var x = new DoubleDouble[n * nrhs];
        for (int s = 0; s < nrhs; s++)
        {
            for (int j = n - 1; j >= 0; j--)
            {
                DoubleDouble acc = c[j + s * m];
                for (int l = j + 1; l < n; l++) acc -= w[j + l * m] * x[l + s * n];
                x[j + s * n] = acc / w[j + j * m];
            }
            for (int j = 0; j < n; j++) x[j + s * n] = DoubleDouble.ScaleB(x[j + s * n], scale[j]);
        }

        // Residuals from the unrounded solution.
        var ss = new T[nrhs];
        for (int s = 0; s < nrhs; s++)
        {
            DoubleDouble sum = DoubleDouble.Zero;
            for (int i = 0; i < m; i++)
            {
                DoubleDouble r = b[i + s * m];
                for (int j = 0; j < n; j++) r -= x[j + s * n] * a[i + j * m];
                sum += r * r;
            }
            ss[s] = T.CreateTruncating((double)sum);
        }

        var xs = new T[n * nrhs];
        for (int s = 0; s < nrhs; s++)
            for (int j = 0; j < n; j++) xs[j + s * n] = T.CreateTruncating((double)x[j + s * n]);
        var solution = ColMajor.ToRhs(xs, Math.Max(n, 1), n, nrhs, vector);
        var residuals = m > n ? NDArray.FromArray(ss) : NDArray.Zeros<T>(0);

        // Singular values (reporting only) from R rounded to double, by one-sided Jacobi on R^T.
        double[] RT(bool unscale)
        {
            var g = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = i; j < n; j++)
                    g[j + i * n] = unscale ? Math.ScaleB((double)w[i + j * m], -scale[j]) : (double)w[i + j * m];
            return g;
        }
        var scaled = JacobiSingularValues.Compute(n, n, RT(false));
        return new LstsqResult<T>(solution, residuals, n, m, n, 0,
            () => NDArray.FromArray(JacobiSingularValues.Compute(n, n, RT(true)).Select(T.CreateTruncating).ToArray()),
            scaled, 0);
    }

    /// <summary>y := (I - tau v v^T) y on rows i..m-1, v = [1; w(i+1:m, i)], y the column at (y, yOff).</summary>
    private static void Reflect(DoubleDouble[] w, int i, int m, DoubleDouble tau, DoubleDouble[] y, int yOff)
    {
        int vOff = i * m;
        DoubleDouble dot = y[yOff + i];
        for (int r = i + 1; r < m; r++) dot += w[vOff + r] * y[yOff + r];
        DoubleDouble f = tau * dot;
        y[yOff + i] -= f;
        for (int r = i + 1; r < m; r++) y[yOff + r] -= f * w[vOff + r];
    }
}
