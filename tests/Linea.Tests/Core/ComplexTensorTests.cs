using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Linea.Tests.Core;

/// <summary>ComplexTensor: construction, access, conversion, and NumPy's printing (strings from numpy 1.24, Data/eig/eig_reference.json).</summary>
public class ComplexTensorTests
{
    private static double ParsePython(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Prints_like_numpy_str()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "eig", "eig_reference.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("format").EnumerateArray())
        {
            var shape = c.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            var re = c.GetProperty("re").EnumerateArray().Select(x => ParsePython(x.GetString()!)).ToArray();
            var im = c.GetProperty("im").EnumerateArray().Select(x => ParsePython(x.GetString()!)).ToArray();
            string expected = c.GetProperty("str").GetString()!;
            var z = new ComplexTensor<double>(NDArray.FromArray(re, shape), NDArray.FromArray(im, shape));
            Assert.Equal(expected, z.ToString());
            cases++;
        }
        Assert.True(cases >= 15);
    }

    [Fact]
    public void Float_parts_print_their_own_shortest_digits()
    {
        var z = new ComplexTensor<float>(NDArray.FromArray(new[] { 1f / 3 }), NDArray.FromArray(new[] { -2f / 3 }));
        Assert.Equal("[0.33333334-0.6666667j]", z.ToString()); // numpy: str(np.array([1/3 - 2/3j], np.complex64))
        var f = new ComplexTensor<double>(NDArray.FromArray(new[] { 1.0, -0.5 }), NDArray.FromArray(new[] { 2.0, -0.25 }));
        Assert.Equal("[ 1.00+2.00j -0.50-0.25j]", f.ToString("F2", null));
    }

    [Fact]
    public void Access_conversion_and_is_real()
    {
        var re = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var im = NDArray.FromArray(new double[,] { { 0, -1 }, { 0.5, 0 } });
        var z = new ComplexTensor<double>(re, im);
        Assert.Equal(new Complex(2, -1), z[0, 1]);
        Assert.Equal(new Complex(4, 0), z[-1, -1]);
        Assert.Equal([new Complex(1, 0), new Complex(2, -1), new Complex(3, 0.5), new Complex(4, 0)], z.ToComplexArray());
        Assert.Equal([2, 2], z.Shape.ToIntArray());
        Assert.Equal(2, z.Rank);
        Assert.Equal(4, z.Size);
        Assert.False(z.IsReal);
        Assert.True(ComplexTensor<double>.FromReal(re).IsReal);
        Assert.True(new ComplexTensor<double>(re, NDArray.FromArray(new double[,] { { 0, -0.0 }, { 0, 0 } })).IsReal);
        Assert.Equal(new Complex(2, 1), z.Conj()[0, 1]);
        Assert.Equal(Math.Sqrt(5), z.Abs()[0, 1], 15);
        // Magnitudes without overflow in the squares.
        var big = new ComplexTensor<double>(NDArray.FromArray(new[] { 3e300 }), NDArray.FromArray(new[] { 4e300 }));
        Assert.True(Math.Abs(big.Abs()[0] - 5e300) <= 4 * 5e300 * Math.Pow(2, -52));
        Assert.Throws<TensorIndexOutOfRangeException>(() => z[2, 0]);
    }

    [Fact]
    public void Parts_of_different_shapes_throw_shape_mismatch()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new ComplexTensor<double>(NDArray.Zeros<double>(2, 3), NDArray.Zeros<double>(3, 2)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        Assert.Throws<ArgumentNullException>(() => new ComplexTensor<float>(null!, NDArray.Zeros<float>(1)));
    }
}
