using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>
/// Operands whose fast index has stride 2 (X[:, ::2], X[::2, ::2]) take the vector packing paths of Pack.Stride2: A into
/// chunked micro-panels, B into full micro-panels with the right-edge panel on the general path. Checked against the
/// naive reference with depths around the 64-byte chunk (16 floats, 8 doubles), partial row and column panels, several
/// KC and NC blocks, both thread splits, and the other operand in every layout.
/// </summary>
public class GemmStride2PackTests
{
    [Theory]
    [InlineData(37, 45, 50)]
    [InlineData(12, 64, 16)]
    [InlineData(100, 33, 7)]
    [InlineData(5, 130, 65)]
    [InlineData(150, 150, 150)]
    public void StrideTwoOperands(int m, int n, int k)
    {
        int seed = m + 7 * n + 31 * k;
        foreach (var kind in new[] { MicroKernelKind.Auto, MicroKernelKind.Avx512, MicroKernelKind.Avx512Tall, MicroKernelKind.Reference })
            foreach (var prm in new[]
            {
                new GemmParams { Kernel = kind, AllowShortcuts = false },
                new GemmParams { Kernel = kind, AllowShortcuts = false, MC = 24, KC = 37, NC = 64, ParallelThreshold = 0 },
            })
            {
                GemmCheck.Run<float>(m, n, k, Layout.RowStride2, Layout.RowMajor, Layout.RowMajor, 1, 0, new Parallelism(1), prm, seed++);
                GemmCheck.Run<float>(m, n, k, Layout.RowStride2, Layout.RowStride2, Layout.RowMajor, -0.5, 1.5, new Parallelism(2), prm, seed++);
                GemmCheck.Run<float>(m, n, k, Layout.ColMajor, Layout.RowStride2, Layout.Strided, 2, 0, new Parallelism(2), prm, seed++);
                GemmCheck.Run<double>(m, n, k, Layout.RowStride2, Layout.RowStride2, Layout.RowMajor, 1, 0, new Parallelism(2), prm, seed++);
                GemmCheck.Run<double>(m, n, k, Layout.RowStride2, Layout.ColMajor, Layout.ColMajor, 1, -1, new Parallelism(1), prm, seed++);
            }
    }

    /// <summary>Small integers make every product and sum exact: the stride-2 packing must reproduce the contiguous result bit for bit.</summary>
    [Fact]
    public void StrideTwoMatchesContiguousExactly()
    {
        const int m = 61, n = 77, k = 83;
        var rng = new Random(5);
        var abig = new float[m * 2 * k]; var bbig = new float[2 * k * 2 * n];
        for (int i = 0; i < abig.Length; i++) abig[i] = rng.Next(-4, 5);
        for (int i = 0; i < bbig.Length; i++) bbig[i] = rng.Next(-4, 5);
        var a = new float[m * k]; var b = new float[k * n];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) a[i * k + p] = abig[i * 2 * k + 2 * p];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[p * n + j] = bbig[2 * p * 2 * n + 2 * j];
        var prm = new GemmParams { AllowShortcuts = false };
        var c1 = new float[m * n]; var c2 = new float[m * n];
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1f, abig, 0, 2 * k, 2, bbig, 0, 4 * n, 2, 0f, c1, 0, n, 1, new Parallelism(1), prm);
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, 0f, c2, 0, n, 1, new Parallelism(1), prm);
        var expect = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                expect[i * n + j] = s;
            }
        Assert.Equal(expect, c1);
        Assert.Equal(expect, c2);
    }
}
