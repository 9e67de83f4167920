using System.Numerics;

namespace Linea;

public sealed partial class NDArray<TScalar> : IFormattable
{
    /// <summary>
    /// The elements as NumPy's <c>str(a)</c> prints them: nested brackets by rank, values right-aligned in
    /// columns of one width across the whole tensor, rows wrapped at 75 characters, a blank line between
    /// 3-d blocks, and NumPy's float style (<c>[0.5  0.25 1.  ]</c>, <c>[1.e+10 1.e+00]</c>, <c>nan</c>, <c>inf</c>)
    /// with at most 8 digits after the decimal point; integers as NumPy prints them (<c>[ 1 -2 30]</c>), booleans as
    /// <c>[ True False]</c>. Tensors of more than 1000 elements are summarised:
    /// the first and last 3 entries of each long axis, with <c>...</c> between. A 0-d tensor prints its value
    /// alone (<c>1.0</c>), an empty one <c>[]</c>. Culture-invariant.
    /// </summary>
    /// <example><c>NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }).ToString()</c> is <c>"[[1. 2.]\n [3. 4.]]"</c>.</example>
    public override string ToString() => ArrayPrinter.FormatAny(this, null, null);

    /// <summary>
    /// The elements in the layout of <see cref="ToString()"/>, each written with the .NET numeric format string
    /// <paramref name="format"/> (<c>"F2"</c>, <c>"E3"</c>, <c>"G4"</c>, ...) and right-aligned to the widest one.
    /// A null or empty <paramref name="format"/> gives NumPy's default style, as <see cref="ToString()"/>.
    /// </summary>
    /// <param name="format">A standard or custom numeric format string, or null for NumPy's style.</param>
    /// <param name="formatProvider">The culture for <paramref name="format"/>; null means the invariant culture.
    /// NumPy's default style is always culture-invariant.</param>
    /// <example><c>A.ToString("F2", null)</c> gives <c>"[[1.00 2.50]\n [3.00 4.00]]"</c>.</example>
    public string ToString(string? format, IFormatProvider? formatProvider) => ArrayPrinter.FormatAny(this, format, formatProvider);
}
