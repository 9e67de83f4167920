using System.Numerics;

namespace Linea;

/// <summary>
/// The normalisation of eigenvectors that LAPACK's geev applies and NumPy's <c>eig</c> returns: every eigenvector has
/// unit 2-norm, and a complex one is multiplied by the unit complex number that makes its component of largest modulus
/// real (its sign is that of the real part before the rotation, as LAPACK's lartg leaves it). O(n^2).
/// </summary>
internal static class EigenvectorNormalization
{
    /// <summary>
    /// Normalises the n x n column-major (v, ldv) in LAPACK's packed form: column j is a real eigenvector when
    /// wi[j] = 0; for wi[j] &gt; 0, columns j and j+1 are the real and imaginary parts of one complex eigenvector.
    /// </summary>
    public static void Normalize<T>(int n, T[] wi, T[] v, int ldv) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            if (wi[j] == T.Zero)
            {
                T nrm = Nrm2.Compute(n, v, j * ldv, 1);
                if (nrm > T.Zero) Householder.Scale(n, T.One / nrm, v, j * ldv, 1);
            }
            else if (wi[j] > T.Zero && j + 1 < n)
            {
                int re = j * ldv, im = (j + 1) * ldv;
                T nrm = T.Hypot(Nrm2.Compute(n, v, re, 1), Nrm2.Compute(n, v, im, 1));
                if (nrm > T.Zero)
                {
                    Householder.Scale(n, T.One / nrm, v, re, 1);
                    Householder.Scale(n, T.One / nrm, v, im, 1);
                }
                int k = 0;
                T best = T.NegativeOne;
                for (int i = 0; i < n; i++)
                {
                    T m = v[re + i] * v[re + i] + v[im + i] * v[im + i];
                    if (m > best) { best = m; k = i; }
                }
                Rotation(v[re + k], v[im + k], out T cs, out T sn);
                Givens.Rotate(v.AsSpan(re, n), v.AsSpan(im, n), cs, sn);
                v[im + k] = T.Zero;
            }
        }
    }

    /// <summary>
    /// LAPACK's lartg: cs and sn with cs f + sn g = r, cs g - sn f = 0, cs &gt;= 0 and r carrying the sign of f.
    /// </summary>
    private static void Rotation<T>(T f, T g, out T cs, out T sn) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g == T.Zero) { cs = T.One; sn = T.Zero; return; }
        if (f == T.Zero) { cs = T.Zero; sn = T.IsNegative(g) ? -T.One : T.One; return; }
        T d = T.Hypot(f, g);
        cs = T.Abs(f) / d;
        T r = T.CopySign(d, f);
        sn = g / r;
    }
}
