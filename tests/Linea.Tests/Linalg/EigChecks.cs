using System.Numerics;
using Linea.TestKit;
using Xunit.Sdk;

namespace Linea.Tests.Linalg;

/// <summary>
/// Checks for the general eigendecomposition, in double (complex) arithmetic: the residual ratio of LAPACK's tests,
/// NumPy's normalisation, exact conjugate pairs, and first-order eigenvalue condition numbers from the eigenvectors.
/// </summary>
internal static class EigChecks
{
    public static double[,] ToArray2<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Dims[0], n = (int)a.Dims[1];
        var r = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) r[i, j] = double.CreateTruncating(a[i, j]);
        return r;
    }

    public static Complex[,] ToComplex2<T>(ComplexTensor<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)v.Shape[0], n = (int)v.Shape[1];
        var r = new Complex[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) r[i, j] = v[i, j];
        return r;
    }

    /// <summary>||A V - V diag(w)||_F / (||A||_F max(n, 1) eps), in complex double arithmetic.</summary>
    public static double Residual<T>(NDArray<T> a, ComplexTensor<T> w, ComplexTensor<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var A = ToArray2(a);
        var V = ToComplex2(v);
        var W = w.ToComplexArray();
        int n = A.GetLength(0);
        double r2 = 0, a2 = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a2 += A[i, j] * A[i, j];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                Complex s = 0;
                for (int k = 0; k < n; k++) s += A[i, k] * V[k, j];
                s -= V[i, j] * W[j];
                r2 += s.Real * s.Real + s.Imaginary * s.Imaginary;
            }
        double na = Math.Sqrt(a2), rn = Math.Sqrt(r2);
        if (na == 0) return rn == 0 ? 0 : double.PositiveInfinity;
        return rn / (na * Math.Max(n, 1) * NumAssert.Eps<T>());
    }

    /// <summary>
    /// NumPy's (LAPACK's) conventions: unit 2-norm columns; for a complex column, a component of (about) largest modulus
    /// has imaginary part exactly zero; conjugate pairs adjacent, positive imaginary part first, exact conjugates
    /// (values and vectors); all-real spectra give exactly real vectors.
    /// </summary>
    public static void Conventions<T>(string label, ComplexTensor<T> w, ComplexTensor<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)w.Shape[0];
        var W = w.ToComplexArray();
        var V = ToComplex2(v);
        double eps = NumAssert.Eps<T>();
        for (int j = 0; j < n; j++)
        {
            double nrm2 = 0, maxMod = 0, realMod = -1;
            for (int i = 0; i < n; i++)
            {
                double m = V[i, j].Magnitude;
                nrm2 += m * m;
                maxMod = Math.Max(maxMod, m);
                if (V[i, j].Imaginary == 0) realMod = Math.Max(realMod, m);
            }
            if (Math.Abs(Math.Sqrt(nrm2) - 1) > 10 * n * eps)
                throw new XunitException($"{label}: eigenvector {j} has 2-norm {Math.Sqrt(nrm2):R}, not 1");
            if (W[j].Imaginary != 0 && realMod < maxMod * (1 - 10 * eps))
                throw new XunitException($"{label}: complex eigenvector {j}: no component of largest modulus ({maxMod:R}) is real (best real one {realMod:R})");
            if (W[j].Imaginary > 0)
            {
                if (j + 1 >= n || W[j + 1] != Complex.Conjugate(W[j]))
                    throw new XunitException($"{label}: eigenvalue {j} = {W[j]} is not followed by its exact conjugate");
                for (int i = 0; i < n; i++)
                    if (V[i, j + 1] != Complex.Conjugate(V[i, j]))
                        throw new XunitException($"{label}: eigenvector {j + 1} is not the exact conjugate of eigenvector {j} at row {i}");
            }
            else if (W[j].Imaginary < 0 && (j == 0 || W[j - 1] != Complex.Conjugate(W[j])))
                throw new XunitException($"{label}: eigenvalue {j} = {W[j]} has negative imaginary part but does not follow its conjugate");
        }
        bool allReal = W.All(x => x.Imaginary == 0);
        Assert.Equal(allReal, w.IsReal);
        if (allReal) Assert.True(v.IsReal, $"{label}: real spectrum but eigenvectors with nonzero imaginary parts");
    }

    /// <summary>
    /// First-order condition numbers of the eigenvalues, kappa_j = ||y_j|| ||x_j|| / |y_j^H x_j|, from the computed
    /// right eigenvectors: the left eigenvectors are the rows of V^-1 (complex Gaussian elimination with partial
    /// pivoting). Infinity when V is numerically singular.
    /// </summary>
    public static double[] ConditionNumbers<T>(ComplexTensor<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var V = ToComplex2(v);
        int n = V.GetLength(0);
        var inv = Inverse(V);
        var kappa = new double[n];
        for (int j = 0; j < n; j++)
        {
            if (inv is null) { kappa[j] = double.PositiveInfinity; continue; }
            double xr = 0, yr = 0;
            for (int i = 0; i < n; i++) { xr += V[i, j].Magnitude * V[i, j].Magnitude; yr += inv[j, i].Magnitude * inv[j, i].Magnitude; }
            // Row j of V^-1 times column j of V is 1.
            kappa[j] = Math.Sqrt(xr) * Math.Sqrt(yr);
        }
        return kappa;
    }

    private static Complex[,]? Inverse(Complex[,] a)
    {
        int n = a.GetLength(0);
        var m = (Complex[,])a.Clone();
        var inv = new Complex[n, n];
        for (int i = 0; i < n; i++) inv[i, i] = 1;
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++) if (m[r, c].Magnitude > m[p, c].Magnitude) p = r;
            if (m[p, c] == Complex.Zero) return null;
            for (int k = 0; k < n; k++) { (m[c, k], m[p, k]) = (m[p, k], m[c, k]); (inv[c, k], inv[p, k]) = (inv[p, k], inv[c, k]); }
            var d = m[c, c];
            for (int k = 0; k < n; k++) { m[c, k] /= d; inv[c, k] /= d; }
            for (int r = 0; r < n; r++)
            {
                if (r == c || m[r, c] == Complex.Zero) continue;
                var f = m[r, c];
                for (int k = 0; k < n; k++) { m[r, k] -= f * m[c, k]; inv[r, k] -= f * inv[c, k]; }
            }
        }
        return inv;
    }

    /// <summary>
    /// Matches each expected eigenvalue to a distinct computed one (greedy, nearest pairs first; there may be more
    /// computed values than expected ones) and returns, for each expected value, the index of its computed partner.
    /// </summary>
    public static int[] Match(Complex[] expected, Complex[] computed)
    {
        int n = expected.Length, m = computed.Length;
        var pairs = new List<(double D, int E, int C)>();
        for (int e = 0; e < n; e++)
            for (int c = 0; c < m; c++) pairs.Add(((expected[e] - computed[c]).Magnitude, e, c));
        pairs.Sort((x, y) => x.D.CompareTo(y.D));
        var match = Enumerable.Repeat(-1, n).ToArray();
        var used = new bool[m];
        foreach (var (_, e, c) in pairs)
        {
            if (match[e] >= 0 || used[c]) continue;
            match[e] = c;
            used[c] = true;
        }
        return match;
    }
}
