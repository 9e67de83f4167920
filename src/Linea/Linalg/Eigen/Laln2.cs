using System.Numerics;

namespace Linea;

/// <summary>
/// The 1 x 1 and 2 x 2 shifted systems of the eigenvector back substitution (the role of LAPACK's laln2):
/// (A - w I) x = s b with A real (a diagonal entry or a 2 x 2 diagonal block of the Schur form), the shift w = wr + i wi
/// real or complex, and a scale 0 &lt; s &lt;= 1 chosen so that x cannot overflow. A nearly singular A - w I is
/// perturbed to have its smallest pivot at least smin (LAPACK's convention: the eigenvector of a repeated eigenvalue
/// then stays finite). 2 x 2 systems use Gaussian elimination with complete pivoting. Complex numbers are (re, im) pairs
/// in T. O(1).
/// </summary>
internal static class Laln2
{
    /// <summary>
    /// Solves (a - w) x = s b for the 1 x 1 case. Returns s; xnorm = |Re x| + |Im x|.
    /// </summary>
    public static T Solve1<T>(T a, T wr, T wi, T smin, T bignum, T br, T bi, out T xr, out T xi, out T xnorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T cr = a - wr, ci = -wi;
        T cnorm = T.Abs(cr) + T.Abs(ci);
        if (cnorm < smin) { cr = smin; ci = T.Zero; cnorm = smin; }
        T bnorm = T.Abs(br) + T.Abs(bi);
        T scale = T.One;
        if (cnorm < T.One && bnorm > T.One && bnorm > bignum * cnorm) scale = T.One / bnorm;
        Divide(scale * br, scale * bi, cr, ci, out xr, out xi);
        xnorm = T.Abs(xr) + T.Abs(xi);
        return scale;
    }

    /// <summary>
    /// Solves ([a11 a12; a21 a22] - w I) x = s b for the 2 x 2 case, b = (b1r + i b1i, b2r + i b2i). Returns s;
    /// xnorm = max over the two entries of |Re| + |Im|.
    /// </summary>
    public static T Solve2<T>(T a11, T a12, T a21, T a22, T wr, T wi, T smin, T bignum,
        T b1r, T b1i, T b2r, T b2i, out T x1r, out T x1i, out T x2r, out T x2i, out T xnorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // C = A - w I as four complex entries, row-major: c[0] = c11, c[1] = c12, c[2] = c21, c[3] = c22.
        Span<T> cr = [a11 - wr, a12, a21, a22 - wr];
        Span<T> ci = [-wi, T.Zero, T.Zero, -wi];
        int piv = 0;
        T cmax = T.Zero;
        for (int q = 0; q < 4; q++)
        {
            T m = T.Abs(cr[q]) + T.Abs(ci[q]);
            if (m > cmax) { cmax = m; piv = q; }
        }
        T scale = T.One;
        if (cmax < smin)
        {
            // Every entry is tiny: use smin I.
            T bn = T.Max(T.Abs(b1r) + T.Abs(b1i), T.Abs(b2r) + T.Abs(b2i));
            if (smin < T.One && bn > T.One && bn > bignum * smin) scale = T.One / bn;
            T f = scale / smin;
            x1r = b1r * f; x1i = b1i * f; x2r = b2r * f; x2i = b2i * f;
            xnorm = T.Max(T.Abs(x1r) + T.Abs(x1i), T.Abs(x2r) + T.Abs(x2i));
            return scale;
        }

        // Complete pivoting: bring the largest entry to (1,1) by swapping rows and/or columns.
        bool swapRows = piv >= 2, swapCols = piv % 2 == 1;
        int i11 = (swapRows ? 2 : 0) + (swapCols ? 1 : 0);
        int i12 = (swapRows ? 2 : 0) + (swapCols ? 0 : 1);
        int i21 = (swapRows ? 0 : 2) + (swapCols ? 1 : 0);
        int i22 = (swapRows ? 0 : 2) + (swapCols ? 0 : 1);
        T u11r = cr[i11], u11i = ci[i11], u12r = cr[i12], u12i = ci[i12];
        // l21 = c21 / u11; u22 = c22 - l21 u12.
        Divide(cr[i21], ci[i21], u11r, u11i, out T l21r, out T l21i);
        T u22r = cr[i22] - (l21r * u12r - l21i * u12i);
        T u22i = ci[i22] - (l21r * u12i + l21i * u12r);
        if (T.Abs(u22r) + T.Abs(u22i) < smin) { u22r = smin; u22i = T.Zero; }

        T r1r = swapRows ? b2r : b1r, r1i = swapRows ? b2i : b1i;
        T r2r = swapRows ? b1r : b2r, r2i = swapRows ? b1i : b2i;
        r2r -= l21r * r1r - l21i * r1i;
        r2i -= l21r * r1i + l21i * r1r;

        T u22abs = T.Abs(u22r) + T.Abs(u22i);
        T bbnd = T.Max(T.Abs(r1r) + T.Abs(r1i), T.Abs(r2r) + T.Abs(r2i));
        if (u22abs < T.One && bbnd > T.One && bbnd > bignum * u22abs) scale = T.One / bbnd;
        Divide(scale * r2r, scale * r2i, u22r, u22i, out T y2r, out T y2i);
        T sr = scale * r1r - (u12r * y2r - u12i * y2i), si = scale * r1i - (u12r * y2i + u12i * y2r);
        Divide(sr, si, u11r, u11i, out T y1r, out T y1i);

        xnorm = T.Max(T.Abs(y1r) + T.Abs(y1i), T.Abs(y2r) + T.Abs(y2i));
        if (xnorm > T.One && cmax > T.One && xnorm > bignum / cmax)
        {
            T f = T.One / xnorm;
            y1r *= f; y1i *= f; y2r *= f; y2i *= f;
            xnorm *= f;
            scale *= f;
        }
        if (swapCols) { x1r = y2r; x1i = y2i; x2r = y1r; x2i = y1i; }
        else { x1r = y1r; x1i = y1i; x2r = y2r; x2i = y2i; }
        return scale;
    }

    /// <summary>(xr + i xi) = (ar + i ai) / (br + i bi) by Smith's algorithm (no overflow in the intermediate products).</summary>
    public static void Divide<T>(T ar, T ai, T br, T bi, out T xr, out T xi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bi == T.Zero)
        {
            xr = ar / br;
            xi = ai / br;
        }
        else if (T.Abs(br) >= T.Abs(bi))
        {
            T r = bi / br, d = br + bi * r;
            xr = (ar + ai * r) / d;
            xi = (ai - ar * r) / d;
        }
        else
        {
            T r = br / bi, d = bi + br * r;
            xr = (ar * r + ai) / d;
            xi = (ai * r - ar) / d;
        }
    }
}
