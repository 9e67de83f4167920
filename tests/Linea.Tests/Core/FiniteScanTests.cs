namespace Linea.Tests.Core;

/// <summary>
/// <see cref="FiniteScan"/>, the vectorised pass of the shared finite check, through the dispatcher and each of its
/// paths (Vector512, Vector256, scalar): a NaN or infinity at every position modulo the vector width (and in the tail), from aligned and unaligned starts; all-finite spans, subnormals
/// and extreme values included; the empty span. Exact answers (positions), so no tolerance.
/// </summary>
public class FiniteScanTests
{
    // Longer than three Vector512<float> blocks, so every residue modulo 8 and 16 occurs in a block and in the tail.
    private const int MaxLength = 53;

    [Fact]
    public void Double_finds_each_non_finite_value_at_every_position()
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -double.NaN })
            for (int offset = 0; offset < 3; offset++)
                for (int n = 1; n <= MaxLength; n++)
                    for (int p = 0; p < n; p++)
                    {
                        var buffer = Filled(offset + n, i => Math.Sin(i) * 1e3);
                        buffer[offset + p] = bad;
                        AllPathsFind(p, buffer.AsSpan(offset, n));
                        // A second bad value after the first does not move the answer.
                        if (p + 1 < n) buffer[offset + n - 1] = double.NaN;
                        AllPathsFind(p, buffer.AsSpan(offset, n));
                    }
    }

    [Fact]
    public void Float_finds_each_non_finite_value_at_every_position()
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -float.NaN })
            for (int offset = 0; offset < 3; offset++)
                for (int n = 1; n <= MaxLength; n++)
                    for (int p = 0; p < n; p++)
                    {
                        var buffer = Filled(offset + n, i => MathF.Sin(i) * 1e3f);
                        buffer[offset + p] = bad;
                        AllPathsFind(p, new ReadOnlySpan<float>(buffer, offset, n));
                        if (p + 1 < n) buffer[offset + n - 1] = float.PositiveInfinity;
                        AllPathsFind(p, new ReadOnlySpan<float>(buffer, offset, n));
                    }
    }

    [Fact]
    public void Finite_values_subnormals_and_extremes_are_finite()
    {
        double[] d = [double.Epsilon, -double.Epsilon, 2.2250738585072009e-308 / 3, double.MaxValue, double.MinValue, 0.0, -0.0, 1.0];
        float[] f = [float.Epsilon, -float.Epsilon, 1.17549435e-38f / 5, float.MaxValue, float.MinValue, 0f, -0f, 1f];
        for (int n = 0; n <= MaxLength; n++)
        {
            AllPathsFind(-1, Filled(n, i => d[i % d.Length]).AsSpan());
            AllPathsFind(-1, new ReadOnlySpan<float>(Filled(n, i => f[i % f.Length])));
        }
        Assert.True(double.IsSubnormal(d[2]) && float.IsSubnormal(f[2]));
    }

    [Fact]
    public void Empty_span_is_finite()
    {
        AllPathsFind(-1, ReadOnlySpan<double>.Empty);
        AllPathsFind(-1, ReadOnlySpan<float>.Empty);
    }

    [Fact]
    public void The_tensor_check_reports_the_scan_position_for_both_types_and_large_sizes()
    {
        var a = NDArray.Ones<double>(300, 301);
        Assert.Equal(-1, NDArray.IndexOfNonFinite(a));
        var data = new float[300 * 301];
        data[299 * 301 + 5] = float.NegativeInfinity;
        Assert.Equal(299 * 301 + 5, NDArray.IndexOfNonFinite(NDArray.FromArray(data).Reshape(300, 301)));
    }

    // The dispatcher (whatever this CPU runs) and each width explicitly, so the Vector256 path is tested on AVX-512
    // machines and the Vector512 one (in software) on others.
    private static void AllPathsFind(int expected, ReadOnlySpan<double> x)
    {
        Assert.Equal(expected, FiniteScan.IndexOfNonFinite(x));
        Assert.Equal(expected, FiniteScan.Scan512(x));
        Assert.Equal(expected, FiniteScan.Scan256(x));
        Assert.Equal(expected, FiniteScan.ScanFrom(x, 0));
    }

    private static void AllPathsFind(int expected, ReadOnlySpan<float> x)
    {
        Assert.Equal(expected, FiniteScan.IndexOfNonFinite(x));
        Assert.Equal(expected, FiniteScan.Scan512(x));
        Assert.Equal(expected, FiniteScan.Scan256(x));
        Assert.Equal(expected, FiniteScan.ScanFrom(x, 0));
    }

    private static T[] Filled<T>(int n, Func<int, T> value)
    {
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = value(i);
        return a;
    }
}
