using System.Numerics;

namespace Linea;

/// <summary>
/// The standardised Schur factorisation of a real 2 x 2 matrix (LAPACK's lanv2):
/// [a b; c d] = [cs -sn; sn cs] [aa bb; cc dd] [cs sn; -sn cs], where either cc = 0 (two real eigenvalues aa and dd)
/// or aa = dd and bb cc &lt; 0 (the complex pair aa +- i sqrt(|bb| |cc|)). Complex eigenvalues come out as exact
/// conjugates, the one with positive imaginary part first. O(1), with scaling against overflow.
/// </summary>
internal static class Lanv2
{
    /// <summary>
    /// Standardises the block in place (a, b, c, d become aa, bb, cc, dd) and returns the rotation and the eigenvalues
    /// (rt1r + i rt1i, rt2r + i rt2i).
    /// </summary>
    public static void Standardize<T>(ref T a, ref T b, ref T c, ref T d, out T rt1r, out T rt1i, out T rt2r, out T rt2i, out T cs, out T sn)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T multpl = T.CreateTruncating(4), half = T.CreateTruncating(0.5);
        T eps = MachineConstants<T>.Ulp;
        // safmn2 = 2^(floor(log2(safmin / eps) / 2)): products of two such numbers neither overflow nor underflow.
        T safmn2 = MachineConstants<T>.Lanv2SafeMin2, safmx2 = T.One / safmn2;
        if (c == T.Zero)
        {
            cs = T.One; sn = T.Zero;
        }
        else if (b == T.Zero)
        {
            // Swap rows and columns.
            cs = T.Zero; sn = T.One;
            (a, d) = (d, a);
            b = -c;
            c = T.Zero;
        }
        else if (a - d == T.Zero && T.IsNegative(b) != T.IsNegative(c))
        {
            cs = T.One; sn = T.Zero;
        }
        else
        {
            T temp = a - d;
            T p = half * temp;
            T bcmax = T.Max(T.Abs(b), T.Abs(c));
            T bcmis = T.Min(T.Abs(b), T.Abs(c)) * Sign(b) * Sign(c);
            T scale = T.Max(T.Abs(p), bcmax);
            T z = p / scale * p + bcmax / scale * bcmis;
            if (z >= multpl * eps)
            {
                // Real eigenvalues: compute a and d.
                z = p + T.CopySign(T.Sqrt(scale) * T.Sqrt(z), p);
                a = d + z;
                d -= bcmax / z * bcmis;
                T tau = T.Hypot(c, z);
                cs = z / tau;
                sn = c / tau;
                b -= c;
                c = T.Zero;
            }
            else
            {
                // Complex eigenvalues, or real (almost) equal ones: make the diagonal entries equal.
                int count = 0;
                T sigma = b + c;
                while (true)
                {
                    count++;
                    scale = T.Max(T.Abs(temp), T.Abs(sigma));
                    if (scale >= safmx2) { sigma *= safmn2; temp *= safmn2; if (count <= 20) continue; }
                    else if (scale <= safmn2) { sigma *= safmx2; temp *= safmx2; if (count <= 20) continue; }
                    break;
                }
                p = half * temp;
                T tau = T.Hypot(sigma, temp);
                cs = T.Sqrt(half * (T.One + T.Abs(sigma) / tau));
                sn = -(p / (tau * cs)) * Sign(sigma);

                // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs], then [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd].
                T aa = a * cs + b * sn, bb = -a * sn + b * cs;
                T cc = c * cs + d * sn, dd = -c * sn + d * cs;
                a = aa * cs + cc * sn;
                b = bb * cs + dd * sn;
                c = -aa * sn + cc * cs;
                d = -bb * sn + dd * cs;

                temp = half * (a + d);
                a = temp;
                d = temp;
                if (c != T.Zero)
                {
                    if (b != T.Zero)
                    {
                        if (T.IsNegative(b) == T.IsNegative(c))
                        {
                            // Real eigenvalues after all: reduce to upper triangular form.
                            T sab = T.Sqrt(T.Abs(b)), sac = T.Sqrt(T.Abs(c));
                            p = T.CopySign(sab * sac, c);
                            tau = T.One / T.Sqrt(T.Abs(b + c));
                            a = temp + p;
                            d = temp - p;
                            b -= c;
                            c = T.Zero;
                            T cs1 = sab * tau, sn1 = sac * tau;
                            temp = cs * cs1 - sn * sn1;
                            sn = cs * sn1 + sn * cs1;
                            cs = temp;
                        }
                    }
                    else
                    {
                        b = -c;
                        c = T.Zero;
                        temp = cs;
                        cs = -sn;
                        sn = temp;
                    }
                }
            }
        }

        rt1r = a;
        rt2r = d;
        if (c == T.Zero)
        {
            rt1i = T.Zero;
            rt2i = T.Zero;
        }
        else
        {
            rt1i = T.Sqrt(T.Abs(b)) * T.Sqrt(T.Abs(c));
            rt2i = -rt1i;
        }
    }

    /// <summary>Fortran's SIGN(1, x): +1 or -1 by the sign bit.</summary>
    private static T Sign<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.IsNegative(x) ? -T.One : T.One;
}
