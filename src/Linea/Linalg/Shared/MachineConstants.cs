using System.Numerics;

namespace Linea;

/// <summary>
/// The machine constants of float and double as LAPACK's dlamch and la_constants define them, in one place, for the
/// thresholds of the factorizations and iterations (underflow guards, negligibility tests, rescaling ranges). Each is a
/// power of two, or a documented value near one, so the float and double variants are exact. The public
/// <see cref="Precision"/> exposes NumPy's eps (<see cref="Ulp"/>) from here.
/// </summary>
/// <remarks>
/// LAPACK's names: safmin = dlamch('S'), the smallest positive normal number; eps = dlamch('E'), the unit roundoff
/// (half the gap above 1, because IEEE arithmetic rounds); ulp = dlamch('P') = eps * base, the gap above 1 (NumPy's
/// finfo.eps); smlnum = safmin / ulp (or safmin / eps, as each routine says) and bignum = 1 / smlnum, the range in
/// which products of an entry and a rounding error neither underflow nor overflow.
/// </remarks>
internal static class MachineConstants<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>safmin = dlamch('S'): the smallest positive normal number, 2^-1022 (double) or 2^-126 (float), as a double.</summary>
    public static readonly double SafeMinDouble = typeof(T) == typeof(float) ? 1.1754943508222875e-38 : 2.2250738585072014e-308;

    /// <summary>safmin = dlamch('S'): the smallest positive normal number, 2^-1022 or 2^-126.</summary>
    public static readonly T SafeMin = T.CreateTruncating(SafeMinDouble);

    /// <summary>ulp = dlamch('P') = eps * base: the gap above 1, 2^-52 or 2^-23 (NumPy's finfo(T).eps), as a double.</summary>
    public static readonly double UlpDouble = typeof(T) == typeof(float) ? 1.1920928955078125e-7 : 2.220446049250313e-16;

    /// <summary>ulp = dlamch('P') = eps * base: the gap above 1, 2^-52 or 2^-23 (NumPy's finfo(T).eps).</summary>
    public static readonly T Ulp = T.CreateTruncating(UlpDouble);

    /// <summary>eps = dlamch('E'): the unit roundoff (the largest relative error of one rounding), 2^-53 or 2^-24, as a double.</summary>
    public static readonly double UnitRoundoffDouble = typeof(T) == typeof(float) ? 5.9604644775390625e-8 : 1.1102230246251565e-16;

    /// <summary>eps = dlamch('E'): the unit roundoff (the largest relative error of one rounding), 2^-53 or 2^-24.</summary>
    public static readonly T UnitRoundoff = T.CreateTruncating(UnitRoundoffDouble);

    /// <summary>smlnum = safmin / ulp (gebal's sfmin1, trexc/laexc's smlnum): 2^-970 or 2^-103, computed in T.</summary>
    public static readonly T SmallNum = SafeMin / Ulp;

    /// <summary>
    /// larfg's safmin = dlamch('S') / dlamch('E'): below it a Householder vector's norm is rescaled before use.
    /// 2^-969 for double (safmin / 2^-53) but 2^-103 for float (safmin / 2^-23, i.e. <see cref="SmallNum"/>): the
    /// float value has always been the ulp-based one, and is kept so that results stay bit-identical.
    /// </summary>
    public static readonly T HouseholderSafeMin = T.CreateTruncating(typeof(T) == typeof(double) ? 2.004168360008973e-292 : 9.860761315262648e-32);

    /// <summary>
    /// dlanv2's safmn2 = base^int(log(safmin / ulp) / log(base) / 2): a power of two whose products with each other
    /// neither overflow nor underflow, for the rescaling loop of the standardised 2 x 2 Schur block (2^-485 or 2^-51).
    /// </summary>
    public static readonly T Lanv2SafeMin2 = T.CreateTruncating(Math.ScaleB(1.0, (int)(Math.Log(SafeMinDouble / UlpDouble) / Math.Log(2) / 2)));

    /// <summary>
    /// lartg's rtmin = sqrt(safmin): 2^-511 or 2^-63. Below it (for the larger of two magnitudes) f^2 + g^2 may
    /// underflow.
    /// </summary>
    public static readonly T RootMin = T.CreateTruncating(typeof(T) == typeof(double) ? 1.4916681462400413e-154 : 1.0842022e-19);

    /// <summary>
    /// The upper end of the plain-hypot range, sqrt(2 / safmin) = 2^511.5 or 2^63.5 rounded down: below it f^2 + g^2 stays under
    /// 2^1024 (2^128) and is finite. (Twice la_constants' rtmax = sqrt(safmax / 2) with safmax = 1 / safmin.)
    /// </summary>
    public static readonly T RootMax = T.CreateTruncating(typeof(T) == typeof(double) ? 9.480751908109176e153 : 1.3043817e19);

    /// <summary>
    /// A floor for sums of squares, 1e-290 (double) or 1e-30 (float), about sqrt(safmin / ulp)^2 with a margin: below
    /// it the squares of the largest entries may have underflowed or lost bits, and a norm is recomputed with scaling
    /// (<see cref="Nrm2"/>, gebal's row norms).
    /// </summary>
    public static readonly T SumOfSquaresFloor = T.CreateTruncating(typeof(T) == typeof(double) ? 1e-290 : 1e-30);
}
