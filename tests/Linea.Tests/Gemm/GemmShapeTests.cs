using System.Runtime.Intrinsics.X86;
using Linea.Kernels.Gemm;
using Linea.Kernels.Gemm.Microkernels;

namespace Linea.Tests.Gemm;

/// <summary>
/// Issue #21: every layout and stride combination of A, B and C (row- and column-major, strided both ways), odd sizes
/// around the register blocks, k = 0 and empty products, the inner-dimension split for deep products (k-split), the
/// shape-chosen microkernel, and the tensor front door on transposed views, strided slices and broadcast batches;
/// all against a naive triple loop in double with the tolerance 2 (k + 2) eps (|A||B|)_ij (plus the beta term).
/// </summary>
public class GemmShapeTests
{
    private static readonly Layout[] AllLayouts = [Layout.RowMajor, Layout.ColMajor, Layout.Strided, Layout.ColStrided];
    private static readonly int[] Odd = [1, 7, 17, 63, 65];
    private static readonly int[] Depths = [0, 1, 7, 17, 63, 65];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryLayoutCombination_Double(bool shrunk) => EveryLayout<double>(shrunk);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryLayoutCombination_Float(bool shrunk) => EveryLayout<float>(shrunk);

    private static void EveryLayout<T>(bool shrunk) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int c = 0;
        foreach (var la in AllLayouts)
            foreach (var lb in AllLayouts)
                foreach (var lc in AllLayouts)
                {
                    int m = Odd[c % Odd.Length], n = Odd[(c / 2 + 1) % Odd.Length], k = Depths[(c / 3) % Depths.Length];
                    var prm = shrunk
                        ? new GemmParams { MC = 16, KC = 9, NC = 48, AllowShortcuts = false, ParallelThreshold = 0 }
                        : new GemmParams { AllowShortcuts = c % 2 == 0 };
                    double beta = c % 3 == 0 ? 0 : 0.5;
                    GemmCheck.Run<T>(m, n, k, la, lb, lc, 1.5, beta, new Parallelism(1 + c % 2), prm, seed: 100 + c);
                    c++;
                }
    }

    /// <summary>Each layout pair on square-ish sizes that cross MR, NR and the blocks, with both threads.</summary>
    [Fact]
    public void LayoutsAcrossBlocks()
    {
        int c = 0;
        foreach (var la in AllLayouts)
            foreach (var lb in AllLayouts)
            {
                GemmCheck.Run<double>(65, 97, 130, la, lb, Layout.RowMajor, 1, 0, new Parallelism(2),
                    new GemmParams { MC = 24, KC = 40, NC = 48, ParallelThreshold = 0 }, seed: c);
                GemmCheck.Run<float>(97, 65, 33, la, lb, Layout.ColMajor, -1, 1, new Parallelism(2), GemmParams.Auto, seed: c);
                c++;
            }
    }

    /// <summary>Deep products (k much larger than m and n) split the inner dimension over threads; C's layout and beta vary.</summary>
    [Theory]
    [InlineData(3, 5, 2000, 2)]
    [InlineData(17, 9, 4099, 3)]
    [InlineData(65, 63, 1100, 2)]
    [InlineData(1, 1, 1500, 2)]
    [InlineData(24, 25, 3000, 4)]
    public void DeepProductsSplitTheInnerDimension(int m, int n, int k, int threads)
    {
        Assert.True(KSplitDriver.Suits(Math.Max(m, 2), Math.Max(n, 2), k, threads));
        int c = 0;
        foreach (var lc in AllLayouts)
        {
            var la = AllLayouts[c % 4]; var lb = AllLayouts[(c + 1) % 4];
            var prm = new GemmParams { AllowShortcuts = false, KC = c % 2 == 0 ? 0 : 100 };
            GemmCheck.Run<double>(m, n, k, la, lb, lc, 1, c % 2 == 0 ? 0 : -0.5, new Parallelism(threads), prm, seed: 7 * c + k);
            GemmCheck.Run<float>(m, n, k, lb, la, lc, 0.5, c % 2 == 0 ? 1 : 0, new Parallelism(threads), prm, seed: 7 * c + k + 1);
            c++;
        }
    }

    /// <summary>
    /// The unpacked small-product path (B and C row-contiguous): row counts around its 4-row tile, column counts
    /// around one and four vectors (8 / 32 doubles, 16 / 64 floats) and the scalar tail, every layout of A.
    /// </summary>
    [Fact]
    public void DirectSmallPathAroundItsTiles()
    {
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported,
            DirectSmallGemm.Suits<double>(64, 64, 64, 1, 1));
        Assert.False(DirectSmallGemm.Suits<double>(64, 64, 64, 2, 1));
        Assert.False(DirectSmallGemm.Suits<double>(512, 512, 512, 1, 1));
        int[] rows = [1, 3, 4, 5, 9, 17];
        int[] cols = [8, 15, 16, 17, 31, 32, 33, 47, 64, 65, 70];
        int c = 0;
        foreach (int m in rows)
            foreach (int n in cols)
            {
                int k = 1 + (m * 7 + n * 3) % 40;
                var la = AllLayouts[c % 4];
                GemmCheck.Run<double>(m, n, k, la, Layout.RowMajor, Layout.RowMajor, 1.25, c % 2 == 0 ? 0 : -1, Parallelism.None, GemmParams.Auto, seed: c);
                GemmCheck.Run<float>(m, n, k + 3, la, Layout.RowMajor, Layout.RowMajor, -0.5, c % 3 == 0 ? 0 : 2, Parallelism.None, GemmParams.Auto, seed: c + 1);
                c++;
            }
    }

    /// <summary>Tall-skinny and short-wide products in independent row or column bands per thread, every layout of C.</summary>
    [Theory]
    [InlineData(300, 7, 5, 2)]
    [InlineData(1001, 17, 33, 3)]
    [InlineData(5, 900, 9, 2)]
    [InlineData(17, 1500, 65, 3)]
    public void TallSkinnyAndShortWideBands(int m, int n, int k, int threads)
    {
        var expect = m > n ? 'r' : 'c';
        Assert.Equal(expect, BandSplitDriver.Choose<double, Linea.Kernels.Gemm.Microkernels.ReferenceKernel<double>>(m, n, k, threads));
        int c = 0;
        foreach (var lc in AllLayouts)
        {
            var prm = new GemmParams { ParallelThreshold = 0, AllowShortcuts = false, Kernel = c % 2 == 0 ? MicroKernelKind.Auto : MicroKernelKind.Reference };
            GemmCheck.Run<double>(m, n, k, AllLayouts[c], AllLayouts[(c + 2) % 4], lc, 1, c % 2 == 0 ? 0 : 0.25, new Parallelism(threads), prm, seed: c + m);
            GemmCheck.Run<float>(m, n, k, AllLayouts[(c + 1) % 4], AllLayouts[c], lc, 2, c % 2 == 1 ? 0 : -1, new Parallelism(threads), prm, seed: c + n);
            c++;
        }
    }

    /// <summary>
    /// One thread, one A block (m &lt;= MC, k &lt;= KC) and row-major B: B is packed one NR-column strip at a time
    /// (<see cref="StripStream"/>). Widths around NR (24 doubles, 48 floats) and the prefetch distance, a last partial
    /// strip, rows around MR, every layout of A and C, beta 0 (C's NaN never read) and not; one thread and the column
    /// bands of two.
    /// </summary>
    [Theory]
    [InlineData(1, 25, 1)]
    [InlineData(9, 49, 17)]
    [InlineData(13, 97, 64)]
    [InlineData(100, 1000, 100)]
    public void OneABlockStreamsBByStrips(int m, int n, int k)
    {
        var (mc, kc, _) = BlockSizes.For(MicroKernelKind.Avx512, sizeof(double));
        Assert.True(StripStream.Suits(m, n, k, 1, mc, kc, 24));
        int c = 0;
        foreach (var la in AllLayouts)
            foreach (var lc in AllLayouts)
            {
                var prm = new GemmParams { AllowShortcuts = false, ParallelThreshold = 0 };
                var par = new Parallelism(1 + c % 2);
                GemmCheck.Run<double>(m, n, k, la, Layout.RowMajor, lc, 1.5, c % 3 == 0 ? 0 : -0.5, par, prm, seed: 300 + c);
                GemmCheck.Run<float>(m, n, k, la, Layout.RowMajor, lc, -1, c % 3 == 1 ? 0 : 2, par, prm, seed: 400 + c);
                c++;
            }
    }

    /// <summary>
    /// The strip ahead's rows are shared out to the tile kernels, at most each kernel's capacity (one row per 8 steps
    /// of its chunked k loop) and none unchunked; the tiles' shares cover all k rows when the capacity allows, and
    /// <see cref="Avx512Kernel{T}.RunFetching"/> with a prefetch stream gives the same bits as <see cref="Avx512Kernel{T}.Run"/>.
    /// </summary>
    [Fact]
    public void StripRowsAreSharedOverTheTileKernels()
    {
        Assert.Equal(12, RowFetch.Capacity(100, true, sizeof(double)));
        Assert.Equal(12, RowFetch.Capacity(100, true, sizeof(float)));
        Assert.Equal(0, RowFetch.Capacity(100, false, sizeof(double)));
        Assert.Equal(0, RowFetch.Capacity(7, true, sizeof(double)));
        foreach (var (tiles, k, cap) in new[] { (13, 100, 12), (9, 100, 12), (1, 100, 12), (4, 17, 2), (20, 64, 8), (13, 100, 0) })
        {
            int per = StripStream.RowsPerTile(tiles, k, cap);
            Assert.True(per <= cap);
            if (cap * tiles >= k) Assert.True(per * tiles >= k && (per - 1) * tiles < k, $"{tiles} tiles, k = {k}: {per} rows each");
            else Assert.Equal(cap, per);
        }
        if (!Avx512F.IsSupported) return;
        unsafe
        {
            const int kc = 100, MR = 8, NR = 24;
            var rnd = new Random(5);
            double[] a = new double[MR * kc], b = new double[NR * kc], fetched = new double[kc * 4096];
            for (int i = 0; i < a.Length; i++) a[i] = rnd.NextDouble() - 0.5;
            for (int i = 0; i < b.Length; i++) b[i] = rnd.NextDouble() - 0.5;
            double[] c1 = new double[MR * NR], c2 = new double[MR * NR], tile = new double[MR * NR];
            fixed (double* pa = a, pb = b, pf = fetched, p1 = c1, p2 = c2, pt = tile)
            {
                Avx512Kernel<double>.Run(kc, pa, pb, p1, NR, 1, 1.0, 0.0, MR, NR, pt, true);
                Avx512Kernel<double>.RunFetching(kc, pa, pb, p2, NR, 1, 1.0, 0.0, MR, NR, pt, true, (byte*)pf, 4096 * sizeof(double), 12, NR * sizeof(double));
            }
            Assert.Equal(c1, c2);
        }
    }

    [Fact]
    public void KSplitOnlyForDeepSmallResults()
    {
        Assert.True(KSplitDriver.Suits(100, 100, 200_000, 2));
        Assert.False(KSplitDriver.Suits(100, 100, 200_000, 1));
        Assert.False(KSplitDriver.Suits(1024, 1024, 1024, 2));
        Assert.False(KSplitDriver.Suits(100, 100, 700, 2));
    }

    [Fact]
    public void ShapeChoosesTheLessPaddedKernel()
    {
        var best = BlockSizes.Best(8);
        var pv = BlockSizes.BestFor(8, 512, 64);
        if (best == MicroKernelKind.Avx512) Assert.Equal(MicroKernelKind.Avx512Tall, pv);
        else Assert.Equal(best, pv);
        Assert.Equal(best, BlockSizes.BestFor(8, 512, 48));
        Assert.Equal(BlockSizes.Best(4), BlockSizes.BestFor(4, 512, 64));
    }

    // ---- The tensor front door on views ----

    private static NDArray<double> Rand(ulong seed, params int[] shape) => NDArray.Uniform(shape, -1.0, 1.0, seed);

    /// <summary>Checks a 2-d product against the naive loop in double.</summary>
    private static void Check2D(NDArray<double> a, NDArray<double> b, NDArray<double> c)
    {
        int m = (int)a.Shape[0], k = (int)a.Shape[1], n = (int)b.Shape[1];
        Assert.Equal(new[] { m, n }, c.Shape.ToIntArray());
        var ad = a.ToArray(); var bd = b.ToArray(); var cd = c.ToArray();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, t = 0;
                for (int p = 0; p < k; p++) { s += ad[i * k + p] * bd[p * n + j]; t += Math.Abs(ad[i * k + p] * bd[p * n + j]); }
                Assert.True(Math.Abs(cd[i * n + j] - s) <= 2 * (k + 2) * 2.2e-16 * t + 1e-300, $"({i},{j}) of {m}x{k}@{k}x{n}: {cd[i * n + j]} vs {s}");
            }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(65, 16)]
    [InlineData(130, 64)]
    [InlineData(257, 17)]
    public void GramAndOuterOfTransposedViews(int rows, int cols)
    {
        var x = Rand((ulong)(rows * 31 + cols), rows, cols);
        Check2D(x, x.T, NDArray.MatMul(x, x.T));      // X @ X.T: the distance / attention shape
        Check2D(x.T, x, NDArray.MatMul(x.T, x));      // X.T @ X: the Gram matrix
        var y = Rand(5, cols, rows);
        Check2D(x.T, y.T, NDArray.MatMul(x.T, y.T)); // both transposed
    }

    [Fact]
    public void DeepGramThroughTheFrontDoor()
    {
        var x = Rand(11, 3000, 9);
        Check2D(x.T, x, NDArray.MatMul(x.T, x));
    }

    [Theory]
    [InlineData("::2, ::3", "1::2, ::2")]
    [InlineData("1:, ::2", "::-1, 1:")]
    [InlineData("::3, 2::2", "::2, ::-2")]
    public void StridedSlices(string sliceA, string sliceB)
    {
        var abig = Rand(21, 70, 80);
        var a = abig[sliceA];
        int k = (int)a.Shape[1];
        var bbig = Rand(22, 2 * k + 1, 70);
        var b = bbig[sliceB];
        b = b[$":{k}, :"];
        Check2D(a, b, NDArray.MatMul(a, b));
        Check2D(b.T, a.T, NDArray.MatMul(b.T, a.T));
    }

    [Fact]
    public void ZeroDepthGivesZerosAndEmptyGivesEmpty()
    {
        var a = NDArray.Zeros<double>(3, 0); var b = NDArray.Zeros<double>(0, 4);
        var c = NDArray.MatMul(a, b);
        Assert.Equal(new[] { 3, 4 }, c.Shape.ToIntArray());
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));
        var e = NDArray.MatMul(NDArray.Zeros<double>(0, 5), Rand(1, 5, 3));
        Assert.Equal(new[] { 0, 3 }, e.Shape.ToIntArray());
        var eb = NDArray.MatMul(NDArray.Zeros<double>(2, 0, 5, 6), Rand(2, 6, 3));
        Assert.Equal(new[] { 2, 0, 5, 3 }, eb.Shape.ToIntArray());
    }

    [Fact]
    public void BatchedAttentionShapesOnViews()
    {
        // (2, 3, 33, 17) queries and keys: Q @ K.MT, then P @ V; the batch of 6 runs across threads.
        var q = Rand(31, 2, 3, 33, 17); var key = Rand(32, 2, 3, 33, 17); var v = Rand(33, 2, 3, 33, 17);
        var s = NDArray.MatMul(q, key.MT);
        Assert.Equal(new[] { 2, 3, 33, 33 }, s.Shape.ToIntArray());
        var o = NDArray.MatMul(s, v);
        for (int bi = 0; bi < 2; bi++)
            for (int h = 0; h < 3; h++)
            {
                var qs = q[$"{bi}, {h}"]; var ks = key[$"{bi}, {h}"]; var vs = v[$"{bi}, {h}"];
                Check2D(qs, ks.T, s[$"{bi}, {h}"].Copy());
                Check2D(s[$"{bi}, {h}"], vs, o[$"{bi}, {h}"].Copy());
            }
    }

    [Fact]
    public void BroadcastBatchWithTransposedOperand()
    {
        // (4, 1, 7, 17) @ (3, 17, 5) where the right stack is a transposed view of (3, 5, 17).
        var a = Rand(41, 4, 1, 7, 17); var braw = Rand(42, 3, 5, 17);
        var b = braw.MT;
        var c = NDArray.MatMul(a, b);
        Assert.Equal(new[] { 4, 3, 7, 5 }, c.Shape.ToIntArray());
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
                Check2D(a[$"{i}, 0"], b[$"{j}"], c[$"{i}, {j}"].Copy());
    }
}
