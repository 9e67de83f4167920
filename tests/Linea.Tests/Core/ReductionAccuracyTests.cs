using Xunit;

namespace Linea.Tests.Core;

/// <summary>
/// Reductions keep NumPy-level accuracy along every axis and layout: leading axes (column sums of a row-major matrix)
/// are summed in blocks combined pairwise, strided and broadcast runs pairwise like contiguous ones. Bounds are
/// (128 + log2 n) eps relative, far below the n eps of a naive running sum.
/// </summary>
public class ReductionAccuracyTests
{
    private const double Eps32 = 1.0 / (1 << 23);

    [Fact]
    public void Float32SumAlongTheLeadingAxis()
    {
        // A running sum of a million 0.1f drifts by about 1%; the blocked pairwise sum stays within a few hundred eps.
        var x = NDArray.Full([1_000_000, 2], 0.1f);
        double exact = 1_000_000 * (double)0.1f;
        var s = x.Sum(0);
        for (int j = 0; j < 2; j++)
            Assert.True(Math.Abs(s[j] - exact) / exact <= 200 * Eps32, $"column {j}: {s[j]} vs {exact}");
        var m = x.Mean(0);
        Assert.True(Math.Abs(m[0] - (double)0.1f) / 0.1 <= 200 * Eps32);
        // Several leading axes at once, and keepDims.
        var three = NDArray.Full([1000, 1000, 3], 0.1f).Sum([0, 1], keepDims: true);
        Assert.Equal(new Shape(1, 1, 3), three.Shape);
        Assert.True(Math.Abs(three[0, 0, 2] - exact) / exact <= 200 * Eps32);
    }

    [Fact]
    public void Float32VarianceWithALargeMean()
    {
        // Mean 1e4, variance 1: a float32 running sum of the squares' deviations lost the variance (it came out near 80).
        const int n = 1_000_000;
        var noise = NDArray.Normal([n, 2], 0.0, 1.0, seed: 5);
        var x = NDArray.FromArray(noise.ToArray().Select(v => (float)(1e4 + v)).ToArray(), n, 2);
        var v = x.Var(0);
        for (int j = 0; j < 2; j++)
        {
            double reference = ReferenceVariance(x, j);
            Assert.True(Math.Abs(v[j] - reference) <= 1e-4 * reference, $"column {j}: var {v[j]} vs {reference}");
        }
    }

    [Fact]
    public void StridedAndBroadcastRunsArePairwise()
    {
        // 2^26 ones through a stride-0 run: a running float32 sum stops at 2^24.
        var ones = NDArray.Ones<float>(1).BroadcastTo(1L << 26);
        Assert.Equal((float)(1L << 26), ones.Sum());
        // A strided view against a double-precision reference.
        var a = NDArray.Uniform([300_000], 0f, 1f, seed: 3);
        var view = a[Slice.Step(3)];
        double exact = 0;
        foreach (float f in view.ToArray()) exact += f;
        Assert.True(Math.Abs(view.Sum() - exact) / exact <= 50 * Eps32);
    }

    private static double ReferenceVariance(NDArray<float> x, int column)
    {
        int n = (int)x.Shape[0];
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i, column];
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) { double d = x[i, column] - mean; ss += d * d; }
        return ss / n;
    }
}
