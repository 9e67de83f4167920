using System.Globalization;

namespace Linea.Tests;

/// <summary>
/// Printing follows NumPy's <c>str(a)</c>. Every expected string here was printed by NumPy 1.24
/// (<c>str(np.array(...))</c>) and pasted in; the .NET-format cases at the end are Linea's own.
/// </summary>
public class FormatTests
{
    private static NDArray<double> Vec(params double[] v) => NDArray.FromArray(v);

    // ---- float style -------------------------------------------------------------------------

    [Theory]
    [InlineData(new double[] { 1, 2, 3 }, "[1. 2. 3.]")]
    [InlineData(new double[] { -1, 0, 12 }, "[-1.  0. 12.]")]
    [InlineData(new double[] { -0.0, 1 }, "[-0.  1.]")]
    public void IntegralValuesPrintWithATrailingPoint(double[] values, string expected) =>
        Assert.Equal(expected, Vec(values).ToString());

    [Fact]
    public void DecimalPointsAlign() =>
        Assert.Equal("[0.5  0.25 1.  ]", Vec(0.5, 0.25, 1).ToString());

    [Fact]
    public void NegativeNumbersWidenTheIntegerColumn() =>
        Assert.Equal("[-1.5   2.   -0.25 10.  ]", Vec(-1.5, 2, -0.25, 10).ToString());

    [Theory]
    [InlineData(new double[] { 0.123456789, 1 }, "[0.12345679 1.        ]")]   // at most 8 digits after the point
    [InlineData(new double[] { 0.001953125, 1 }, "[0.00195312 1.        ]")]   // an exact tie rounds half to even
    [InlineData(new double[] { 1e-4, 0.1, 0.05 }, "[0.0001 0.1    0.05  ]")]   // 1e-4 is still positional
    public void PrecisionIsAtMostEightDigits(double[] values, string expected) =>
        Assert.Equal(expected, Vec(values).ToString());

    [Theory]
    [InlineData(new double[] { 1e10, 1 }, "[1.e+10 1.e+00]")]                  // max >= 1e8
    [InlineData(new double[] { 1e8, -2.5 }, "[ 1.0e+08 -2.5e+00]")]
    [InlineData(new double[] { 1.2345e-5, 1 }, "[1.2345e-05 1.0000e+00]")]     // min < 1e-4
    [InlineData(new double[] { 1e-3, 2, 3000 }, "[1.e-03 2.e+00 3.e+03]")]     // max / min > 1e3
    [InlineData(new double[] { 1e100, 1 }, "[1.e+100 1.e+000]")]               // exponents share one width
    public void ScientificNotationFollowsNumPysRule(double[] values, string expected) =>
        Assert.Equal(expected, Vec(values).ToString());

    [Fact]
    public void NanAndInfinity()
    {
        Assert.Equal("[ nan  1.5 -inf]", Vec(double.NaN, 1.5, double.NegativeInfinity).ToString());
        Assert.Equal("[nan inf]", Vec(double.NaN, double.PositiveInfinity).ToString());
        Assert.Equal("[   nan 1.e+10   -inf]", Vec(double.NaN, 1e10, double.NegativeInfinity).ToString());
    }

    [Fact]
    public void FloatUsesTheShortestFloatDigits()
    {
        var f = NDArray.FromArray(new float[] { 0.1f, 0.2f, 0.3f });
        Assert.Equal("[0.1 0.2 0.3]", f.ToString());
        // the same float values widened to double are not 0.1, 0.2, 0.3
        var d = NDArray.FromArray(new double[] { 0.1f, 0.2f, 0.3f });
        Assert.Equal("[0.1        0.2        0.30000001]", d.ToString());

        Assert.Equal("[0.33333334 0.6666667 ]", NDArray.FromArray(new[] { 1f / 3, 2f / 3 }).ToString());
        Assert.Equal("[0.33333333 0.66666667]", Vec(1.0 / 3, 2.0 / 3).ToString());
    }

    [Fact]
    public void LargeFloatIntegersPrintTheirExactDigits() =>
        Assert.Equal("[91426752.   6545554.5]", NDArray.FromArray(new float[] { 91426752f, 6545554.5f }).ToString());

    // ---- layout ------------------------------------------------------------------------------

    [Fact]
    public void Matrix() =>
        Assert.Equal("[[  1.5   -2.     3.  ]\n [  4.     5.25 -60.  ]]",
            NDArray.FromArray(new double[,] { { 1.5, -2, 3 }, { 4, 5.25, -60 } }).ToString());

    [Fact]
    public void ThreeDimensionalBlocksAreSeparatedByABlankLine()
    {
        Assert.Equal("[[[1. 2.]\n  [3. 4.]]\n\n [[5. 6.]\n  [7. 8.]]]",
            NDArray.Arange(1.0, 9.0, 1.0).Reshape(2, 2, 2).ToString());
        Assert.Equal(
            "[[[0.   0.25 0.5  0.75]\n  [1.   1.25 1.5  1.75]\n  [2.   2.25 2.5  2.75]]\n\n" +
            " [[3.   3.25 3.5  3.75]\n  [4.   4.25 4.5  4.75]\n  [5.   5.25 5.5  5.75]]]",
            (NDArray.Arange(24.0).Reshape(2, 3, 4) / 4.0).ToString());
    }

    [Fact]
    public void LongRowsWrapAtSeventyFiveCharacters()
    {
        Assert.Equal(
            "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n" +
            " 0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n" +
            " 1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n" +
            " 2.57142857 2.71428571 2.85714286 3.         3.14285714 3.28571429\n" +
            " 3.42857143 3.57142857 3.71428571 3.85714286 4.         4.14285714]",
            (NDArray.Arange(30.0) / 7.0).ToString());
        Assert.Equal(
            "[[ 0.          0.33333333  0.66666667  1.          1.33333333  1.66666667\n" +
            "   2.          2.33333333  2.66666667  3.          3.33333333  3.66666667\n" +
            "   4.          4.33333333  4.66666667  5.          5.33333333  5.66666667\n" +
            "   6.          6.33333333]\n" +
            " [ 6.66666667  7.          7.33333333  7.66666667  8.          8.33333333\n" +
            "   8.66666667  9.          9.33333333  9.66666667 10.         10.33333333\n" +
            "  10.66666667 11.         11.33333333 11.66666667 12.         12.33333333\n" +
            "  12.66666667 13.        ]]",
            (NDArray.Arange(40.0).Reshape(2, 20) / 3.0).ToString());
    }

    // ---- views: printing walks the strides ---------------------------------------------------

    [Fact]
    public void TransposedView() =>
        Assert.Equal("[[0. 3.]\n [1. 4.]\n [2. 5.]]", NDArray.Arange(6.0).Reshape(2, 3).T.ToString());

    [Fact]
    public void NegativeStrideViews()
    {
        Assert.Equal("[4. 3. 2. 1. 0.]", NDArray.Arange(5.0)["::-1"].ToString());
        Assert.Equal("[[ 8. 10.]\n [ 4.  6.]\n [ 0.  2.]]", NDArray.Arange(12.0).Reshape(3, 4)["::-1, ::2"].ToString());
    }

    [Fact]
    public void BroadcastView() =>
        Assert.Equal("[[1.  2.5 3. ]\n [1.  2.5 3. ]]", Vec(1, 2.5, 3).BroadcastTo(2, 3).ToString());

    // ---- 0-d and empty -----------------------------------------------------------------------

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(3.14, "3.14")]
    [InlineData(1e16, "1e+16")]
    [InlineData(-2.5e-5, "-2.5e-05")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(2.9802322387695312e-08, "2.9802322387695312e-08")]   // 2^-25: shortest digits that parse back
    public void ZeroDimensionalPrintsTheValueAlone(double value, string expected) =>
        Assert.Equal(expected, NDArray.Scalar(value).ToString());

    [Fact]
    public void ZeroDimensionalFloat() => Assert.Equal("0.1", NDArray.Scalar(0.1f).ToString());

    [Fact]
    public void EmptyPrintsBrackets()
    {
        Assert.Equal("[]", NDArray.Zeros<double>(0).ToString());
        Assert.Equal("[]", NDArray.Zeros<double>(2, 0).ToString());
        Assert.Equal("[]", NDArray.Zeros<float>(2, 0, 3).ToString());
    }

    // ---- summarisation (more than 1000 elements) ---------------------------------------------

    [Fact]
    public void LargeMatrixIsSummarised() =>
        Assert.Equal(
            "[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n" +
            " [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n" +
            " [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n" +
            " ...\n" +
            " [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n" +
            " [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n" +
            " [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]",
            NDArray.Arange(2000.0).Reshape(40, 50).ToString());

    [Fact]
    public void SummarisedRowsStillWrap() =>
        Assert.Equal(
            "[[0.00000e+00 1.25000e-01 2.50000e-01 ... 5.87500e+00 6.00000e+00\n  6.12500e+00]\n" +
            " [6.25000e+00 6.37500e+00 6.50000e+00 ... 1.21250e+01 1.22500e+01\n  1.23750e+01]\n" +
            " [1.25000e+01 1.26250e+01 1.27500e+01 ... 1.83750e+01 1.85000e+01\n  1.86250e+01]\n" +
            " ...\n" +
            " [2.31250e+02 2.31375e+02 2.31500e+02 ... 2.37125e+02 2.37250e+02\n  2.37375e+02]\n" +
            " [2.37500e+02 2.37625e+02 2.37750e+02 ... 2.43375e+02 2.43500e+02\n  2.43625e+02]\n" +
            " [2.43750e+02 2.43875e+02 2.44000e+02 ... 2.49625e+02 2.49750e+02\n  2.49875e+02]]",
            (NDArray.Arange(2000.0) / 8.0).Reshape(40, 50).ToString());

    [Fact]
    public void LargeVectorAndReversedFloatVector()
    {
        Assert.Equal("[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]", NDArray.Arange(2000.0).ToString());
        Assert.Equal("[1.999e+03 1.998e+03 1.997e+03 ... 2.000e+00 1.000e+00 0.000e+00]", NDArray.Arange(2000f)["::-1"].ToString());
    }

    [Fact]
    public void SummarisedStacks()
    {
        Assert.Equal(
            "[[[0.000e+00 1.000e+00 2.000e+00 ... 2.970e+02 2.980e+02 2.990e+02]\n" +
            "  [3.000e+02 3.010e+02 3.020e+02 ... 5.970e+02 5.980e+02 5.990e+02]]\n\n" +
            " [[6.000e+02 6.010e+02 6.020e+02 ... 8.970e+02 8.980e+02 8.990e+02]\n" +
            "  [9.000e+02 9.010e+02 9.020e+02 ... 1.197e+03 1.198e+03 1.199e+03]]]",
            NDArray.Arange(1200.0).Reshape(2, 2, 300).ToString());
        Assert.Equal(
            "[[[0.000e+00 1.000e+00 2.000e+00 ... 1.270e+02 1.280e+02 1.290e+02]]\n\n" +
            " [[1.300e+02 1.310e+02 1.320e+02 ... 2.570e+02 2.580e+02 2.590e+02]]\n\n" +
            " [[2.600e+02 2.610e+02 2.620e+02 ... 3.870e+02 3.880e+02 3.890e+02]]\n\n" +
            " ...\n\n" +
            " [[6.500e+02 6.510e+02 6.520e+02 ... 7.770e+02 7.780e+02 7.790e+02]]\n\n" +
            " [[7.800e+02 7.810e+02 7.820e+02 ... 9.070e+02 9.080e+02 9.090e+02]]\n\n" +
            " [[9.100e+02 9.110e+02 9.120e+02 ... 1.037e+03 1.038e+03 1.039e+03]]]",
            NDArray.Arange(1040.0).Reshape(8, 1, 130).ToString());
    }

    // ---- .NET format strings (Linea's own; NumPy has no equivalent) ------------------------

    [Fact]
    public void NetFormatStringAppliesToEveryElementAligned()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2.5 }, { -3, 40 } });
        Assert.Equal("[[ 1.00  2.50]\n [-3.00 40.00]]", a.ToString("F2", null));
        Assert.Equal("[[ 1.000E+000  2.500E+000]\n [-3.000E+000  4.000E+001]]", a.ToString("E3", null));
        Assert.Equal("[[ 1.0  2.5]\n [-3.0 40.0]]", $"{a:F1}");
        Assert.Equal("[0.33 0.67]", NDArray.FromArray(new[] { 1f / 3, 2f / 3 }).ToString("F2", null));
        Assert.Equal("2.50", NDArray.Scalar(2.5).ToString("F2", null));
        Assert.Equal("[]", NDArray.Zeros<double>(0, 3).ToString("F2", null));
    }

    [Fact]
    public void NetFormatUsesTheProviderOnlyWhenGiven()
    {
        var a = Vec(1.5, 2);
        var comma = new NumberFormatInfo { NumberDecimalSeparator = "," };
        Assert.Equal("[1,50 2,00]", a.ToString("F2", comma));
        Assert.Equal("[1.50 2.00]", a.ToString("F2", null));
        // null or empty format: NumPy's style, always invariant
        Assert.Equal("[1.5 2. ]", a.ToString(null, comma));
        Assert.Equal("[1.5 2. ]", a.ToString("", comma));
    }

    [Fact]
    public void NetFormatOnAStridedViewAndSummarised()
    {
        Assert.Equal("[[0 3]\n [1 4]\n [2 5]]", NDArray.Arange(6.0).Reshape(2, 3).T.ToString("F0", null));
        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", NDArray.Arange(2000.0).ToString("F0", null));
    }
}
