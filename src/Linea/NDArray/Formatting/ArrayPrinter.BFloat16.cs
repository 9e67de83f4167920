namespace Linea;

// Printing of bfloat16 elements (the float16 ones go through the float style, as System.Half is a floating-point type).
internal static partial class ArrayPrinter
{
    /// <summary>
    /// One bfloat16 as NumPy (with ml_dtypes) writes it: <c>nan</c>, <c>inf</c>, <c>-inf</c>, otherwise the shortest
    /// decimal that converts back to the value (<c>1.008</c> for 1.0078125), or through <paramref name="format"/>.
    /// </summary>
    private static string BFloat16Word(BFloat16 value, string? format, IFormatProvider provider)
    {
        if (BFloat16.IsNaN(value)) return "nan";
        if (BFloat16.IsInfinity(value)) return (float)value > 0 ? "inf" : "-inf";
        return value.ToString(string.IsNullOrEmpty(format) ? null : format, provider);
    }
}
