using System.Numerics;

namespace Linea.Calc.Exact;

/// <summary>
/// Fraction-free determinant (Bareiss 1968): on an integer matrix every intermediate entry is a minor of the input,
/// so numbers stay bounded by Hadamard's bound and every division is exact.
/// </summary>
internal static class Bareiss
{
    /// <summary>The determinant of the square matrix <paramref name="a"/>, checking sizes against <see cref="ExactLimits"/>.</summary>
    public static BigRational Determinant(ExactArray a, string op)
    {
        int n = a.Rows;
        if (n == 0) return BigRational.One;
        ExactLimits.CheckOperations((double)n * n * n / 3, op);
        int maxBits = ExactLimits.MaxBits;
        // Clear denominators row by row: det(A) = det(D A) / prod(l_i) with l_i the lcm of row i's denominators.
        var m = new BigInteger[n * n];
        var scale = BigInteger.One;
        for (int i = 0; i < n; i++)
        {
            var l = BigInteger.One;
            for (int j = 0; j < n; j++) l = ExactArray.Lcm(l, a[i * n + j].Denominator);
            for (int j = 0; j < n; j++)
            {
                var x = a[i * n + j];
                m[i * n + j] = x.IsInteger ? x.Numerator * l : x.Numerator * (l / x.Denominator);
            }
            scale *= l;
            CheckBits(scale, maxBits);
        }
        int sign = 1;
        var previous = BigInteger.One;
        for (int k = 0; k < n - 1; k++)
        {
            if (m[k * n + k].IsZero)
            {
                int p = k + 1;
                while (p < n && m[p * n + k].IsZero) p++;
                if (p == n) return BigRational.Zero;
                for (int j = 0; j < n; j++) (m[k * n + j], m[p * n + j]) = (m[p * n + j], m[k * n + j]);
                sign = -sign;
            }
            var pivot = m[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                var mik = m[i * n + k];
                for (int j = k + 1; j < n; j++)
                {
                    var v = (pivot * m[i * n + j] - mik * m[k * n + j]) / previous; // exact (Sylvester's identity)
                    CheckBits(v, maxBits);
                    m[i * n + j] = v;
                }
                m[i * n + k] = BigInteger.Zero;
            }
            previous = pivot;
        }
        var det = m[n * n - 1];
        return ExactLimits.Check(new BigRational(sign < 0 ? -det : det, scale));
    }

    private static void CheckBits(BigInteger v, int maxBits)
    {
        if ((long)v.GetBitLength() > maxBits)
            throw new CalcLimitException($"exact number grew beyond {maxBits} bits (the limit MaxBits); use float(...) for approximate arithmetic");
    }
}
