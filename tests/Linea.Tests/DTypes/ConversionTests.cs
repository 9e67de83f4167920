namespace Linea.Tests.DTypes;

public class ConversionTests
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["bool"] = typeof(bool), ["int"] = typeof(int), ["long"] = typeof(long), ["float"] = typeof(float), ["double"] = typeof(double),
    };

    [Fact]
    public void Result_type_table_equals_numpy_result_type()
    {
        int checkedPairs = 0;
        foreach (var row in DTypeFixture.Get("result_type").EnumerateArray())
        {
            var p = row.EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(Types[p[2]], NDArray.ResultType(Types[p[0]], Types[p[1]]));
            checkedPairs++;
        }
        Assert.Equal(25, checkedPairs);
        Assert.Equal(typeof(double), NDArray.ResultType<int, float>());
        Assert.Throws<NotSupportedException>(() => NDArray.ResultType<short, int>());
    }

    [Fact]
    public void AsType_truncates_toward_zero_and_rounds_back()
    {
        var x = NDArray.FromArray([-2.7, -0.5, 0.0, 0.9, 2.5, 1e9]);
        Assert.Equal([-2, 0, 0, 0, 2, 1_000_000_000], x.AsType<int>().ToArray());
        Assert.Equal([-2L, 0, 0, 0, 2, 1_000_000_000], x.AsType<long>().ToArray());
        Assert.Equal([true, true, false, true, true, true], x.AsType<bool>().ToArray());
        Assert.Equal([true, false], NDArray.FromArray([double.NaN, -0.0]).AsType<bool>().ToArray()); // NaN is true, -0 false
        Assert.Equal([1.0, 0.0, 1.0], NDArray.FromArray([true, false, true]).AsType<double>().ToArray());
        Assert.Equal([1L, 0L], NDArray.FromArray([true, false]).AsType<long>().ToArray());
        // long -> float rounds to nearest: 2^24 + 1 is not a float; 2^53 + 1 not a double
        Assert.Equal([16777216f, -3f], NDArray.FromArray([16777217L, -3L]).AsType<float>().ToArray());
        Assert.Equal(9007199254740992.0, NDArray.FromArray([9007199254740993L]).AsType<double>()[0]);
        // bounds that fit exactly
        Assert.Equal([int.MinValue, int.MaxValue], NDArray.FromArray([-2147483648.9, 2147483647.9]).AsType<int>().ToArray());
        Assert.Equal([long.MinValue], NDArray.FromArray([-9223372036854775808.0]).AsType<long>().ToArray());
        Assert.Equal([int.MaxValue], NDArray.FromArray([(long)int.MaxValue]).AsType<int>().ToArray());
    }

    [Fact]
    public void AsType_of_a_strided_view_is_c_ordered_and_shaped()
    {
        var m = NDArray.FromArray(new double[,] { { 1.5, 2.5, 3.5 }, { 4.5, 5.5, 6.5 } });
        var t = m.T.AsType<int>();
        Assert.Equal(new Shape(3, 2), t.Shape);
        Assert.Equal([1, 4, 2, 5, 3, 6], t.ToArray());
    }

    [Theory]
    [InlineData(double.NaN, "element 2 (NaN) is NaN")]
    [InlineData(double.PositiveInfinity, "element 2 (Infinity)")]
    [InlineData(2147483648.0, "outside [-2147483648, 2147483647]")]
    [InlineData(-2147483649.0, "outside")]
    public void AsType_refuses_values_without_an_integer_and_names_the_element(double bad, string expected)
    {
        var x = NDArray.FromArray([1.0, 2.0, bad, 4.0]);
        var e = Assert.Throws<OverflowException>(() => x.AsType<int>());
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("astype: ", e.Message);
    }

    [Fact]
    public void AsType_checks_float_to_long_and_long_to_int()
    {
        Assert.Throws<OverflowException>(() => NDArray.FromArray([9.3e18]).AsType<long>());
        Assert.Throws<OverflowException>(() => NDArray.FromArray([float.NaN]).AsType<long>());
        var e = Assert.Throws<OverflowException>(() => NDArray.FromArray([0L, 1L << 40]).AsType<int>());
        Assert.Contains("element 1 (1099511627776)", e.Message);
        Assert.Throws<NotSupportedException>(() => NDArray.FromArray([1.0]).AsType<short>());
    }

    [Fact]
    public void Mixed_arithmetic_promotes_as_numpy()
    {
        var i = NDArray.FromArray([1, 2, 3]);
        var l = NDArray.FromArray([10L, 20L, 30L]);
        var f = NDArray.FromArray([0.5f, 0.25f, 2f]);
        var b = NDArray.FromArray([true, false, true]);
        var sum = Assert.IsType<NDArray<double>>(NDArray.Add(i, f)); // int32 + float32 = float64
        Assert.Equal([1.5, 2.25, 5.0], sum.ToArray());
        Assert.Equal([11L, 22L, 33L], Assert.IsType<NDArray<long>>(NDArray.Add(i, l)).ToArray());
        Assert.Equal([-9L, -18L, -27L], Assert.IsType<NDArray<long>>(NDArray.Subtract(i, l)).ToArray());
        Assert.Equal([0.5f, 0f, 2f], Assert.IsType<NDArray<float>>(NDArray.Multiply(b, f)).ToArray());
        Assert.Equal([2, 2, 4], Assert.IsType<NDArray<int>>(NDArray.Add(b, i)).ToArray());
        Assert.Equal([0.1, 0.1, 0.1], Assert.IsType<NDArray<double>>(NDArray.Divide(i, l)).ToArray()); // true division
        Assert.Equal([2f, 8f, 1.5f], Assert.IsType<NDArray<float>>(NDArray.Divide(i.AsType<float>(), f)).ToArray());
        Assert.Throws<NotSupportedException>(() => NDArray.Add(b, b));
        Assert.Throws<ShapeMismatchException>(() => NDArray.Add(i, NDArray.FromArray([1.0, 2.0])));
    }

    [Fact]
    public void Integer_arithmetic_wraps_and_broadcasts()
    {
        var a = NDArray.FromArray(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var r = NDArray.FromArray([10, 20, 30]);
        Assert.Equal([11, 22, 33, 14, 25, 36], (a + r).ToArray());
        Assert.Equal([-9, -18, -27, -6, -15, -24], (a - r).ToArray());
        Assert.Equal([2, 4, 6, 8, 10, 12], (a * 2).ToArray());
        Assert.Equal([-1, -2, -3, -4, -5, -6], (-a).ToArray());
        Assert.Equal([int.MinValue], (NDArray.FromArray([int.MaxValue]) + 1).ToArray()); // wraps, as NumPy's int32
        Assert.Equal([6L], (NDArray.FromArray([2L]) * 3L).ToArray());
    }

    [Fact]
    public void Integer_reductions_accumulate_in_long()
    {
        var a = NDArray.FromArray(new[,] { { int.MaxValue, 1, -4 }, { int.MaxValue, 2, 7 } });
        long sum = a.Sum();
        Assert.Equal(2L * int.MaxValue + 6, sum);                // no int32 overflow, as NumPy's int64 accumulator
        Assert.Equal([2L * int.MaxValue, 3L, 3L], a.Sum(0).ToArray());
        Assert.Equal(new Shape(2, 1), a.Sum(1, keepDims: true).Shape);
        Assert.Equal(int.MaxValue, a.Max());
        Assert.Equal(-4, a.Min());
        Assert.Equal([int.MaxValue, int.MaxValue], a.Max(1).ToArray());
        Assert.Equal([int.MaxValue, 1, -4], a.Min(0).ToArray());
        Assert.Equal(2.5, NDArray.FromArray([1L, 2L, 3L, 4L]).Mean());
        Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<long>(0).Max());
        Assert.Equal(6.0, NDArray.FromArray([1.0, 2.0, 3.0]).Sum()); // the float reductions still bind for floats
    }
}
