using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Numerics;

/// <summary>
/// Element-wise conversions between spans of float, double and the library's scalar type T, in one place: widening
/// float to double is exact; narrowing double to float rounds to nearest (ties to even), as a C# cast and NumPy's
/// <c>astype(np.float32)</c> do. SIMD through <see cref="TensorPrimitives.ConvertTruncating{TFrom, TTo}"/> (which
/// widens and narrows float and double with vector instructions); a plain copy when the types are the same.
/// Destination-last, like TensorPrimitives; the destination must be at least as long as the source.
/// </summary>
public static class FloatConvert
{
    /// <summary>destination[i] = (double)source[i], exactly.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination) => ToDouble(source, destination);

    /// <summary>destination[i] = (float)source[i], rounded to nearest.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination) => FromDouble(source, destination);

    /// <summary>destination[i] = source[i] as a double (exact for float and double).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToDouble<T>(ReadOnlySpan<T> source, Span<double> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length < source.Length) ThrowShort(nameof(destination));
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(source).CopyTo(destination);
        else TensorPrimitives.ConvertTruncating(source, destination);
    }

    /// <summary>destination[i] = source[i] rounded to T (to nearest; exact when T is double).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromDouble<T>(ReadOnlySpan<double> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length < source.Length) ThrowShort(nameof(destination));
        if (typeof(T) == typeof(double)) source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination));
        else TensorPrimitives.ConvertTruncating(source, destination);
    }

    /// <summary>A new double array holding <paramref name="source"/> converted element by element.</summary>
    public static double[] ToDoubleArray<T>(ReadOnlySpan<T> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[source.Length];
        ToDouble(source, result);
        return result;
    }

    private static void ThrowShort(string name) =>
        throw new ArgumentException("the destination is shorter than the source", name);
}
