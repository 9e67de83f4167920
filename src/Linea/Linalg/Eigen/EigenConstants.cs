using System.Numerics;

namespace Linea;

/// <summary>Machine constants of LAPACK's dlamch as the non-symmetric eigensolver uses them.</summary>
internal static class EigenConstants
{
    /// <summary>The smallest positive normal number (dlamch('S')): 2^-1022 or 2^-126.</summary>
    public static T SafeMin<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating(typeof(T) == typeof(float) ? 1.1754943508222875e-38 : 2.2250738585072014e-308);

    /// <summary>The relative spacing eps * base (dlamch('P')): 2^-52 or 2^-23.</summary>
    public static T Ulp<T>() where T : unmanaged, IFloatingPointIeee754<T> => Precision.Eps<T>();
}
