using Linea.TestKit;

namespace Linea.Tests.Core;

public class MathFunctionTests
{
    private static readonly double[] Inputs = [-30, -3.5, -1, -1e-8, 0, 1e-8, 0.5, 1, 2.25, 10, 30];

    private static void CheckAgainstMath(Func<Tensor<double>, Tensor<double>> op, Func<double, double> reference, double[] xs, double ulps)
    {
        var actual = op(Tensor.FromArray(xs)).ToArray();
        NumAssert.Close(xs.Select(reference).ToArray(), actual, ulps);
        // the strided path (every other element of a reversed view) must agree with the SIMD path
        var strided = op(Tensor.FromArray(xs.SelectMany(x => new[] { 0.0, x }).ToArray())["1::2"]).ToArray();
        NumAssert.Close(xs.Select(reference).ToArray(), strided, ulps);
    }

    [Fact]
    public void Elementwise_functions_match_System_Math_within_a_few_ulps()
    {
        double[] positive = Inputs.Where(x => x > 0).ToArray();
        CheckAgainstMath(Tensor.Abs, Math.Abs, Inputs, 0);
        CheckAgainstMath(Tensor.Sqrt, Math.Sqrt, positive, 1);
        CheckAgainstMath(Tensor.Exp, Math.Exp, Inputs, 4);
        CheckAgainstMath(Tensor.Log, Math.Log, positive, 4);
        CheckAgainstMath(Tensor.Tanh, Math.Tanh, Inputs, 4);
        CheckAgainstMath(Tensor.Relu, x => Math.Max(x, 0), Inputs, 0);
        CheckAgainstMath(Tensor.Sigmoid, x => 1 / (1 + Math.Exp(-x)), Inputs, 8);
        CheckAgainstMath(Tensor.Square, x => x * x, Inputs, 0);
    }

    [Fact]
    public void Tanh_keeps_full_relative_accuracy_for_tiny_arguments_on_the_vector_path()
    {
        // 64 elements so the SIMD path runs; tanh(x) = x - x^3/3 + ..., so tanh(x) == x in double for |x| < 1e-8.
        var xs = Enumerable.Range(0, 64).Select(i => (i % 2 == 0 ? 1 : -1) * Math.Pow(10, -30 + i * 0.45)).ToArray();
        NumAssert.Close(xs.Select(Math.Tanh).ToArray(), Tensor.Tanh(Tensor.FromArray(xs)).ToArray(), 2);
        var fs = xs.Select(x => (float)x).ToArray();
        NumAssert.Close(fs.Select(MathF.Tanh).ToArray(), Tensor.Tanh(Tensor.FromArray(fs)).ToArray(), 2);
    }

    [Fact]
    public void Special_values_follow_ieee()
    {
        var r = Tensor.Log(Tensor.FromArray(new[] { 0.0, -1.0 }));
        Assert.Equal(double.NegativeInfinity, r[0]);
        Assert.True(double.IsNaN(r[1]));
        Assert.True(double.IsNaN(Tensor.Sqrt(Tensor.FromArray(new[] { -4.0 }))[0]));
        var s = Tensor.Sigmoid(Tensor.FromArray(new[] { -1000.0, 1000.0 }));
        Assert.Equal(0.0, s[0]);
        Assert.Equal(1.0, s[1]);
        Assert.True(double.IsNaN(Tensor.Relu(Tensor.FromArray(new[] { double.NaN }))[0]));
    }

    [Fact]
    public void Clip_limits_and_validates()
    {
        NumAssert.Equal([0.0, 0.5, 1, 1], Tensor.Clip(Tensor.FromArray(new[] { -3.0, 0.5, 1, 7 }), 0.0, 1.0));
        Assert.True(double.IsNaN(Tensor.Clip(Tensor.FromArray(new[] { double.NaN }), 0.0, 1.0)[0]));
        Assert.Throws<ArgumentException>(() => Tensor.Clip(Tensor.Zeros<double>(2), 1.0, 0.0));
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_huge_inputs()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 1000, 1000, 1000 }, { -1000, 0, 1000 } });
        var p = Tensor.Softmax(x);
        // Hand-derived: softmax(1,2,3) = e^k / (e + e^2 + e^3).
        double z = Math.E + Math.Exp(2) + Math.Exp(3);
        NumAssert.Close([Math.E / z, Math.Exp(2) / z, Math.Exp(3) / z], p[0, ..].ToArray(), 8);
        NumAssert.Close([1 / 3.0, 1 / 3.0, 1 / 3.0], p[1, ..].ToArray(), 4);
        Assert.Equal(1.0, p[2, 2]);
        Assert.Equal(0.0, p[2, 0]);
        NumAssert.Close([1.0, 1, 1], p.Sum(1).ToArray(), 4);
        var cols = Tensor.Softmax(x, axis: 0);
        NumAssert.Close([1.0, 1, 1], cols.Sum(0).ToArray(), 4);
        Assert.Throws<AxisOutOfRangeException>(() => Tensor.Softmax(x, 2));
    }

    [Fact]
    public void LogSoftmax_is_finite_where_softmax_underflows()
    {
        var x = Tensor.FromArray(new double[] { -1000, 0, 1000 });
        var lp = Tensor.LogSoftmax(x);
        NumAssert.Close([-2000.0, -1000.0, 0.0], lp.ToArray(), 4);
        var y = Tensor.FromArray(new double[] { 1, 2, 3 });
        NumAssert.Close(Tensor.Log(Tensor.Softmax(y)).ToArray(), Tensor.LogSoftmax(y).ToArray(), 8);
        var allNegInf = Tensor.Softmax(Tensor.FromArray(new[] { double.NegativeInfinity, 0.0 }));
        NumAssert.Equal([0.0, 1], allNegInf);
    }

    [Fact]
    public void Float_functions_use_float_precision()
    {
        var f = Tensor.Exp(Tensor.FromArray(new float[] { 0f, 1f, -2f }));
        NumAssert.Close([1f, MathF.E, MathF.Exp(-2f)], f.ToArray(), 4);
    }
}
