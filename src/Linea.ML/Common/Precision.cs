using System.Numerics;

namespace Linea.ML;

/// <summary>Machine constants of the scalar type.</summary>
internal static class Precision
{
    /// <summary>Machine epsilon, the gap between 1 and the next larger number (2^-52 for double, 2^-23 for float).
    /// Not <c>T.Epsilon</c>, which .NET defines as the smallest subnormal.</summary>
    public static T Eps<T>() where T : unmanaged, IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;
}
