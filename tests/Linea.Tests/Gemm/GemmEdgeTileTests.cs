using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>
/// The 12 x 2-vector kernel's edge paths against the naive reference: bottom-edge tiles (mr &lt; 12) stored row by row
/// from the registers, right-edge tiles one vector wide or narrower (the half-width kernel), and the single-pass
/// panels and kept A block of short-wide products (one A block, k within one depth block, several column panels).
/// </summary>
public class GemmEdgeTileTests
{
    /// <summary>m and n around 12-row tiles and one- and two-vector column panels (16 / 32 floats, 8 / 16 doubles).</summary>
    [Theory]
    [InlineData(100, 100, 100)]
    [InlineData(4, 48, 37)]
    [InlineData(13, 16, 70)]
    [InlineData(25, 40, 33)]
    [InlineData(100, 8, 64)]
    [InlineData(23, 112, 17)]
    public void TallKernelEdges(int m, int n, int k)
    {
        var tall = new GemmParams { Kernel = MicroKernelKind.Avx512Tall, AllowShortcuts = false };
        int seed = m * 1000 + n;
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-1.5, 0.5) })
            foreach (var lc in new[] { Layout.RowMajor, Layout.Strided })
            {
                GemmCheck.Run<float>(m, n, k, Layout.RowMajor, Layout.ColMajor, lc, alpha, beta, new Parallelism(1), tall, seed++);
                GemmCheck.Run<double>(m, n, k, Layout.ColMajor, Layout.RowMajor, lc, alpha, beta, new Parallelism(1), tall, seed++);
                GemmCheck.Run<float>(m, n, k, Layout.Strided, Layout.RowMajor, lc, alpha, beta, new Parallelism(2), tall with { ParallelThreshold = 0 }, seed++);
            }
    }

    /// <summary>
    /// Short-wide shapes whose B panels are cut to the single-pass width (many column panels, the A block packed once
    /// and kept): every column panel must see the same, complete A block, also with beta != 0 and a remainder panel.
    /// </summary>
    [Theory]
    [InlineData(30, 5000, 20)]
    [InlineData(12, 4100, 64)]
    [InlineData(50, 3000, 200)]
    public void ShortWideSinglePassPanels(int m, int n, int k)
    {
        foreach (var kind in new[] { MicroKernelKind.Auto, MicroKernelKind.Avx512Tall, MicroKernelKind.Avx2, MicroKernelKind.Reference })
        {
            var prm = new GemmParams { Kernel = kind, AllowShortcuts = false };
            GemmCheck.Run<float>(m, n, k, Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, 1, 0, new Parallelism(1), prm, n + k);
            GemmCheck.Run<double>(m, n, k, Layout.Strided, Layout.RowMajor, Layout.RowMajor, 0.5, 2, new Parallelism(2), prm, n - k);
            // Small NC forces many panels even on the smallest of these shapes.
            GemmCheck.Run<float>(m, n, k, Layout.ColMajor, Layout.RowMajor, Layout.RowMajor, -1, 1, new Parallelism(2), prm with { NC = 64, ParallelThreshold = 0 }, m);
        }
    }
}
