using System.Numerics;

namespace Linea;

/// <summary>Machine constants of float and double as LAPACK and NumPy use them (<c>numpy.finfo(T).eps</c>).</summary>
public static class Precision
{
    /// <summary>NumPy's finfo(T).eps: 2^-52 for double, 2^-23 for float (the gap above 1).</summary>
    public static T Eps<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        MachineConstants<T>.Ulp;

    /// <summary><see cref="Eps{T}"/> as a double.</summary>
    internal static double EpsDouble<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        MachineConstants<T>.UlpDouble;
}
