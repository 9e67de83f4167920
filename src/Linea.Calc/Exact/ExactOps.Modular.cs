using System.Numerics;

namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>Each element of an integer array reduced modulo <paramref name="m"/>, in [0, m) (also for negative elements).</summary>
    /// <exception cref="CalcException">An element is not an integer, or <paramref name="m"/> is less than 1.</exception>
    public static ExactArray Mod(ExactArray a, BigInteger m)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (m.Sign <= 0) throw new CalcException($"mod: the modulus must be a positive integer, got {m}");
        ExactErrors.RequireIntegral("mod", a);
        return a.Map(x => Reduce(x.Numerator, m));
    }

    /// <summary>
    /// The inverse of a square integer matrix modulo <paramref name="m"/> (as used by the Hill cipher): the matrix
    /// B with entries in [0, m) such that A @ B = B @ A = I (mod m), computed as det(A)^-1 adj(A) mod m. It exists
    /// exactly when gcd(det(A), m) = 1. O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcException">An element is not an integer, <paramref name="m"/> is less than 2, or gcd(det(A), m) != 1 (the message gives det and the gcd).</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray InvMod(ExactArray a, BigInteger m)
    {
        ExactErrors.RequireSquare("invmod", a);
        if (m < 2) throw new CalcException($"invmod: the modulus must be an integer of at least 2, got {m}");
        ExactErrors.RequireIntegral("invmod", a);
        var det = Det(a).Numerator;
        var detMod = Reduce(det, m);
        var g = BigInteger.GreatestCommonDivisor(detMod, m);
        if (!g.IsOne)
            throw new CalcException(
                $"invmod: det(A) = {det} and gcd({det}, {m}) = {g} != 1, so A has no inverse modulo {m}")
            {
                Hint = "a key matrix needs a determinant coprime with the modulus",
            };
        var detInv = ModInverse(detMod, m);
        var adj = AdjugateCore("invmod", a);
        return adj.Map(x => Reduce(detInv * x.Numerator, m));
    }

    private static BigInteger Reduce(BigInteger x, BigInteger m)
    {
        var r = BigInteger.Remainder(x, m);
        return r.Sign < 0 ? r + m : r;
    }

    /// <summary>The inverse of <paramref name="a"/> modulo <paramref name="m"/> by the extended Euclidean algorithm (gcd(a, m) = 1).</summary>
    internal static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger r0 = m, r1 = Reduce(a, m), s0 = 0, s1 = 1;
        while (!r1.IsZero)
        {
            var q = BigInteger.Divide(r0, r1);
            (r0, r1) = (r1, r0 - q * r1);
            (s0, s1) = (s1, s0 - q * s1);
        }
        return Reduce(s0, m);
    }
}
