using System.Numerics;

namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>Each element of an integer array reduced modulo <paramref name="m"/>, in [0, m) (also for negative elements).</summary>
    /// <exception cref="CalcException">An element is not an integer, or <paramref name="m"/> is less than 1.</exception>
    public static ExactArray Mod(ExactArray a, BigInteger m) => throw new NotImplementedException();

    /// <summary>
    /// The inverse of a square integer matrix modulo <paramref name="m"/> (as used by the Hill cipher): the matrix
    /// B with entries in [0, m) such that A @ B = I (mod m), computed as det(A)^-1 adj(A) mod m. It exists exactly
    /// when gcd(det(A), m) = 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcException">An element is not an integer, <paramref name="m"/> is less than 2, or gcd(det(A), m) != 1 (the message gives det and the gcd).</exception>
    public static ExactArray InvMod(ExactArray a, BigInteger m) => throw new NotImplementedException();
}
