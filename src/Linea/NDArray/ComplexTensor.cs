using System.Numerics;

namespace Linea;

/// <summary>
/// An N-dimensional array of complex numbers, held as two real tensors of one shape: <see cref="Real"/> and
/// <see cref="Imag"/> (NumPy's <c>a.real</c> and <c>a.imag</c>). Linea computes in real arithmetic; this type carries
/// the results that mathematics makes complex, such as the eigenvalues and eigenvectors of a non-symmetric matrix
/// (<see cref="Linalg.Eig{T}"/>). When every imaginary part is exactly zero (<see cref="IsReal"/>), use
/// <see cref="Real"/> and stay in real arithmetic.
/// </summary>
/// <remarks>
/// It lives beside <see cref="NDArray{TScalar}"/> rather than in Linalg because it is a value type of the tensor core,
/// not an algorithm: any operation with complex results (eigenvalues today, transforms or polynomial roots later) can
/// return it. It is deliberately small: element access, conversion to <see cref="Complex"/>, conjugation, magnitudes
/// and NumPy-style printing; no complex arithmetic kernels.
/// </remarks>
/// <typeparam name="TScalar">The element type of both parts, <c>float</c> or <c>double</c>.</typeparam>
public sealed class ComplexTensor<TScalar> : IFormattable where TScalar : unmanaged, IFloatingPointIeee754<TScalar>
{
    /// <summary>Pairs two tensors of one shape as real and imaginary parts (no copy: the parts are shared). O(1).</summary>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    /// <exception cref="ShapeMismatchException">The two shapes differ.</exception>
    public ComplexTensor(NDArray<TScalar> real, NDArray<TScalar> imag)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(imag);
        if (real.Shape != imag.Shape)
            ThrowHelper.ShapeMismatch("complex", $"the real part {real.Shape} and the imaginary part {imag.Shape} must have the same shape", real.Shape, imag.Shape);
        Real = real;
        Imag = imag;
    }

    /// <summary>A complex tensor with the given real part and zero imaginary part. O(size) for the zeros.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="real"/> is null.</exception>
    public static ComplexTensor<TScalar> FromReal(NDArray<TScalar> real)
    {
        ArgumentNullException.ThrowIfNull(real);
        return new ComplexTensor<TScalar>(real, NDArray.Zeros<TScalar>(real.Shape.ToArray()));
    }

    /// <summary>The real parts (NumPy's <c>a.real</c>), same shape as the tensor.</summary>
    public NDArray<TScalar> Real { get; }

    /// <summary>The imaginary parts (NumPy's <c>a.imag</c>), same shape as the tensor.</summary>
    public NDArray<TScalar> Imag { get; }

    /// <summary>The shape, shared by both parts.</summary>
    public Shape Shape => Real.Shape;

    /// <summary>The number of axes.</summary>
    public int Rank => Real.Rank;

    /// <summary>The number of complex elements.</summary>
    public long Size => Real.Size;

    /// <summary>Whether every imaginary part is exactly zero (then <see cref="Real"/> holds the values). O(size).</summary>
    public bool IsReal
    {
        get
        {
            var im = Imag.Contiguous().ContiguousSpan;
            foreach (var v in im) if (v != TScalar.Zero) return false;
            return true;
        }
    }

    /// <summary>The element at <paramref name="index"/> (one int per axis, negative counts from the end) as a
    /// <see cref="Complex"/> (double precision parts). O(rank).</summary>
    /// <exception cref="TensorIndexOutOfRangeException">An index is out of range or their number is not the rank.</exception>
    public Complex this[params ReadOnlySpan<int> index] =>
        new(double.CreateTruncating(Real[index]), double.CreateTruncating(Imag[index]));

    /// <summary>The elements in C (row-major) order as <see cref="Complex"/> values. O(size).</summary>
    public Complex[] ToComplexArray()
    {
        var re = Real.ToArray();
        var im = Imag.ToArray();
        var c = new Complex[re.Length];
        for (int i = 0; i < c.Length; i++) c[i] = new Complex(double.CreateTruncating(re[i]), double.CreateTruncating(im[i]));
        return c;
    }

    /// <summary>The complex conjugate (NumPy's <c>a.conj()</c>): same real part (shared), negated imaginary part (new). O(size).</summary>
    public ComplexTensor<TScalar> Conj() => new(Real, -Imag);

    /// <summary>The magnitudes |z| = hypot(re, im) element-wise (NumPy's <c>np.abs</c>), a new real tensor, without
    /// overflow or underflow in the squares. O(size).</summary>
    public NDArray<TScalar> Abs()
    {
        var re = Real.ToArray();
        var im = Imag.ToArray();
        for (int i = 0; i < re.Length; i++) re[i] = TScalar.Hypot(re[i], im[i]);
        return NDArray.Wrap(re, Shape.ToArray());
    }

    /// <summary>
    /// The elements as NumPy's <c>str(a)</c> prints a complex array: each real part in one float style, each imaginary
    /// part in another with its sign always shown, then <c>j</c> (<c>[1.+2.j 1.-2.j]</c>,
    /// <c>[0.5+1.j   1. -2.25j]</c>), with the layout, wrapping and summarising of <see cref="NDArray{TScalar}.ToString()"/>.
    /// A 0-d tensor prints as Python prints a complex number (<c>(1+2j)</c>). Culture-invariant.
    /// </summary>
    public override string ToString() => ArrayPrinter.FormatComplex(Real, Imag, null, null);

    /// <summary>
    /// The layout of <see cref="ToString()"/> with both parts of each element written through the .NET numeric format
    /// <paramref name="format"/> (<c>"F2"</c> gives <c>1.00+2.00j</c>); null or empty gives NumPy's style.
    /// </summary>
    /// <param name="format">A standard or custom numeric format string, or null for NumPy's style.</param>
    /// <param name="formatProvider">The culture for <paramref name="format"/>; null means the invariant culture.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => ArrayPrinter.FormatComplex(Real, Imag, format, formatProvider);
}
