using Linea.TestKit;

namespace Linea.Tests.Core;

public class MathFunctionTests
{
    private static readonly double[] Inputs = [-30, -3.5, -1, -1e-8, 0, 1e-8, 0.5, 1, 2.25, 10, 30];

    private static void CheckAgainstMath(Func<NDArray<double>, NDArray<double>> op, Func<double, double> reference, double[] xs, double ulps)
    {
        var actual = op(NDArray.FromArray(xs)).ToArray();
        NumAssert.Close(xs.Select(reference).ToArray(), actual, ulps);
        // the strided path (every other element of a reversed view) must agree with the SIMD path
        var strided = op(NDArray.FromArray(xs.SelectMany(x => new[] { 0.0, x }).ToArray())["1::2"]).ToArray();
        NumAssert.Close(xs.Select(reference).ToArray(), strided, ulps);
    }

    [Fact]
    public void Elementwise_functions_match_System_Math_within_a_few_ulps()
    {
        double[] positive = Inputs.Where(x => x > 0).ToArray();
        CheckAgainstMath(NDArray.Abs, Math.Abs, Inputs, 0);
        CheckAgainstMath(NDArray.Sqrt, Math.Sqrt, positive, 1);
        CheckAgainstMath(NDArray.Exp, Math.Exp, Inputs, 4);
        CheckAgainstMath(NDArray.Log, Math.Log, positive, 4);
        CheckAgainstMath(NDArray.Tanh, Math.Tanh, Inputs, 4);
        CheckAgainstMath(NDArray.Relu, x => Math.Max(x, 0), Inputs, 0);
        CheckAgainstMath(NDArray.Sigmoid, x => 1 / (1 + Math.Exp(-x)), Inputs, 8);
        CheckAgainstMath(NDArray.Square, x => x * x, Inputs, 0);
    }

    [Fact]
    public void Tanh_keeps_full_relative_accuracy_for_tiny_arguments_on_the_vector_path()
    {
        // 64 elements so the SIMD path runs; tanh(x) = x - x^3/3 + ..., so tanh(x) == x in double for |x| < 1e-8.
        var xs = Enumerable.Range(0, 64).Select(i => (i % 2 == 0 ? 1 : -1) * Math.Pow(10, -30 + i * 0.45)).ToArray();
        NumAssert.Close(xs.Select(Math.Tanh).ToArray(), NDArray.Tanh(NDArray.FromArray(xs)).ToArray(), 2);
        var fs = xs.Select(x => (float)x).ToArray();
        NumAssert.Close(fs.Select(MathF.Tanh).ToArray(), NDArray.Tanh(NDArray.FromArray(fs)).ToArray(), 2);
    }

    [Fact]
    public void Special_values_follow_ieee()
    {
        var r = NDArray.Log(NDArray.FromArray(new[] { 0.0, -1.0 }));
        Assert.Equal(double.NegativeInfinity, r[0]);
        Assert.True(double.IsNaN(r[1]));
        Assert.True(double.IsNaN(NDArray.Sqrt(NDArray.FromArray(new[] { -4.0 }))[0]));
        var s = NDArray.Sigmoid(NDArray.FromArray(new[] { -1000.0, 1000.0 }));
        Assert.Equal(0.0, s[0]);
        Assert.Equal(1.0, s[1]);
        Assert.True(double.IsNaN(NDArray.Relu(NDArray.FromArray(new[] { double.NaN }))[0]));
    }

    [Fact]
    public void Clip_limits_and_validates()
    {
        NumAssert.Equal([0.0, 0.5, 1, 1], NDArray.Clip(NDArray.FromArray(new[] { -3.0, 0.5, 1, 7 }), 0.0, 1.0));
        Assert.True(double.IsNaN(NDArray.Clip(NDArray.FromArray(new[] { double.NaN }), 0.0, 1.0)[0]));
        Assert.Throws<ArgumentException>(() => NDArray.Clip(NDArray.Zeros<double>(2), 1.0, 0.0));
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_huge_inputs()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 1000, 1000, 1000 }, { -1000, 0, 1000 } });
        var p = NDArray.Softmax(x);
        // Hand-derived: softmax(1,2,3) = e^k / (e + e^2 + e^3).
        double z = Math.E + Math.Exp(2) + Math.Exp(3);
        NumAssert.Close([Math.E / z, Math.Exp(2) / z, Math.Exp(3) / z], p[0, ..].ToArray(), 8);
        NumAssert.Close([1 / 3.0, 1 / 3.0, 1 / 3.0], p[1, ..].ToArray(), 4);
        Assert.Equal(1.0, p[2, 2]);
        Assert.Equal(0.0, p[2, 0]);
        NumAssert.Close([1.0, 1, 1], p.Sum(1).ToArray(), 4);
        var cols = NDArray.Softmax(x, axis: 0);
        NumAssert.Close([1.0, 1, 1], cols.Sum(0).ToArray(), 4);
        Assert.Throws<AxisOutOfRangeException>(() => NDArray.Softmax(x, 2));
    }

    [Fact]
    public void LogSoftmax_is_finite_where_softmax_underflows()
    {
        var x = NDArray.FromArray(new double[] { -1000, 0, 1000 });
        var lp = NDArray.LogSoftmax(x);
        NumAssert.Close([-2000.0, -1000.0, 0.0], lp.ToArray(), 4);
        var y = NDArray.FromArray(new double[] { 1, 2, 3 });
        NumAssert.Close(NDArray.Log(NDArray.Softmax(y)).ToArray(), NDArray.LogSoftmax(y).ToArray(), 8);
        var allNegInf = NDArray.Softmax(NDArray.FromArray(new[] { double.NegativeInfinity, 0.0 }));
        NumAssert.Equal([0.0, 1], allNegInf);
    }

    [Fact]
    public void Float_functions_use_float_precision()
    {
        var f = NDArray.Exp(NDArray.FromArray(new float[] { 0f, 1f, -2f }));
        NumAssert.Close([1f, MathF.E, MathF.Exp(-2f)], f.ToArray(), 4);
    }
}
