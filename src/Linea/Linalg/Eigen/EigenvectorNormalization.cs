using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The normalisation of eigenvectors that LAPACK's geev applies and NumPy's <c>eig</c> returns: every eigenvector has
/// unit 2-norm, and a complex one is multiplied by the unit complex number that makes its component of largest modulus
/// real (its sign is that of the real part before the rotation, as LAPACK's lartg leaves it). O(n^2).
/// </summary>
internal static class EigenvectorNormalization
{
    /// <summary>
    /// Normalises the n x n column-contiguous view v in LAPACK's packed form: column j is a real eigenvector when
    /// wi[j] = 0; for wi[j] &gt; 0, columns j and j+1 are the real and imaginary parts of one complex eigenvector.
    /// </summary>
    public static void Normalize<T>(ReadOnlySpan<T> wi, in MatrixView<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)v.Rows);
        for (int j = 0; j < n; j++)
        {
            if (wi[j] == T.Zero)
            {
                var col = v.Column(j, 0, n);
                T nrm = Nrm2.Compute(col);
                if (nrm > T.Zero) Householder.Scale(T.One / nrm, ColumnVector.Of(col));
            }
            else if (wi[j] > T.Zero && j + 1 < n)
            {
                var re = v.Column(j, 0, n);
                var im = v.Column(j + 1, 0, n);
                T nrm = T.Hypot(Nrm2.Compute(re), Nrm2.Compute(im));
                if (nrm > T.Zero)
                {
                    Householder.Scale(T.One / nrm, ColumnVector.Of(re));
                    Householder.Scale(T.One / nrm, ColumnVector.Of(im));
                }
                int k = 0;
                T best = T.NegativeOne;
                for (int i = 0; i < n; i++)
                {
                    T m = re[i] * re[i] + im[i] * im[i];
                    if (m > best) { best = m; k = i; }
                }
                Rotation(re[k], im[k], out T cs, out T sn);
                Givens.Rotate(re, im, cs, sn);
                im[k] = T.Zero;
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
