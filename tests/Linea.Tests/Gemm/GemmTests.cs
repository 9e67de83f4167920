using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

public class GemmTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 127, 200];
    private static readonly Layout[] Layouts = [Layout.RowMajor, Layout.ColMajor, Layout.Strided];
    private static readonly (double Alpha, double Beta)[] Scalars = [(1, 0), (2.5, -1.5), (1, 1), (-0.75, 0), (1, 0.5)];
    private static readonly MicroKernelKind[] Kernels =
        [MicroKernelKind.Auto, MicroKernelKind.Avx512, MicroKernelKind.Avx512Tall, MicroKernelKind.Avx2, MicroKernelKind.Reference];

    /// <summary>Block sizes small enough that m, n, k up to 200 cross several MC, KC and NC blocks.</summary>
    private static GemmParams Shrunk(MicroKernelKind kind) => new() { MC = 16, KC = 7, NC = 50, Kernel = kind, AllowShortcuts = false, ParallelThreshold = 0 };

    /// <summary>KC = 37 spans whole 64-byte chunks of row-major A plus a tail (float: 2 x 16 + 5; double: 4 x 8 + 5).</summary>
    private static GemmParams ShrunkChunked(MicroKernelKind kind) => new() { MC = 24, KC = 37, NC = 96, Kernel = kind, AllowShortcuts = false, ParallelThreshold = 0 };

    public static IEnumerable<object[]> KernelCases() => Kernels.Select(k => new object[] { k.ToString() });

    private static MicroKernelKind Parse(string name) => Enum.Parse<MicroKernelKind>(name);

    /// <summary>
    /// Every (m, n) pair of the size list, each with two depths drawn from the same list so every k value appears
    /// with every edge class, cycling layouts of A, B, C, alpha/beta pairs, threads and blocking.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelCases))]
    public void AllSizes_Double(string kernel) => AllSizes<double>(Parse(kernel));

    [Theory]
    [MemberData(nameof(KernelCases))]
    public void AllSizes_Float(string kernel) => AllSizes<float>(Parse(kernel));

    private static void AllSizes<T>(MicroKernelKind kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int c = 0;
        for (int i = 0; i < Sizes.Length; i++)
            for (int j = 0; j < Sizes.Length; j++)
                for (int r = 0; r < 2; r++)
                {
                    int k = Sizes[(3 * i + 5 * j + 7 * r + (int)kind) % Sizes.Length];
                    if ((long)Sizes[i] * Sizes[j] * k > 200L * 200 * 64 && (c % 3 != 0)) { c++; continue; } // keep the run short
                    var (alpha, beta) = Scalars[c % Scalars.Length];
                    GemmParams prm = (c % 5) switch
                    {
                        0 => new() { Kernel = kind },
                        1 => Shrunk(kind),
                        2 => new() { Kernel = kind, AllowShortcuts = false },
                        3 => ShrunkChunked(kind),
                        _ => new() { Kernel = kind, ParallelThreshold = 0 },
                    };
                    var par = new Parallelism(c % 3 == 0 ? 1 : 2);
                    GemmCheck.Run<T>(Sizes[i], Sizes[j], k, Layouts[c % 3], Layouts[(c / 3) % 3], Layouts[(c / 9) % 3],
                        alpha, beta, par, prm, seed: c);
                    c++;
                }
    }

    /// <summary>Sizes around every register block (MR, NR of each kernel, float and double) and around the shrunk KC.</summary>
    [Theory]
    [MemberData(nameof(KernelCases))]
    public void RegisterBlockEdges(string kernel)
    {
        var kind = Parse(kernel);
        int[] edge = [1, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 23, 24, 25, 47, 48, 49];
        int c = 0;
        foreach (int m in edge)
            foreach (int n in edge)
            {
                int k = edge[(m + 2 * n) % edge.Length];
                var prm = (c % 3) switch { 0 => Shrunk(kind), 1 => ShrunkChunked(kind), _ => new GemmParams { Kernel = kind, AllowShortcuts = false } };
                GemmCheck.Run<double>(m, n, k, Layouts[c % 3], Layouts[(c / 3) % 3], Layout.RowMajor, 1, c % 2, new Parallelism(1 + c % 2), prm, c);
                GemmCheck.Run<float>(n, m, k + 1, Layouts[(c / 3) % 3], Layouts[c % 3], Layout.RowMajor, -1, 0, new Parallelism(1 + c % 2), prm, c);
                c++;
            }
    }

    /// <summary>Threaded runs with more threads than cores and than panels, on both loop-3 and loop-2 splits.</summary>
    [Theory]
    [InlineData(200, 33, 65)]
    [InlineData(9, 200, 64)]
    [InlineData(127, 127, 127)]
    [InlineData(3, 500, 17)]
    public void Threaded(int m, int n, int k)
    {
        foreach (var kind in Kernels)
            foreach (int t in new[] { 2, 3, 5 })
            {
                GemmCheck.Run<double>(m, n, k, Layout.RowMajor, Layout.ColMajor, Layout.RowMajor, 1, 0, new Parallelism(t), Shrunk(kind), t);
                GemmCheck.Run<float>(m, n, k, Layout.Strided, Layout.RowMajor, Layout.RowMajor, 2, 1, new Parallelism(t), new GemmParams { Kernel = kind, ParallelThreshold = 0 }, t);
            }
    }

    /// <summary>GEMV and tiny shapes through every operand layout, with the shortcut paths on.</summary>
    [Fact]
    public void GemvAndTiny()
    {
        int c = 0;
        foreach (var (m, n, k) in new[] { (1, 1, 1), (1, 300, 77), (300, 1, 77), (1, 2049, 1030), (2049, 1, 1030), (5, 16, 3), (16, 16, 16), (16, 2, 9) })
            foreach (var la in Layouts)
                foreach (var lb in Layouts)
                {
                    var (alpha, beta) = Scalars[c % Scalars.Length];
                    GemmCheck.Run<double>(m, n, k, la, lb, Layouts[c % 3], alpha, beta, new Parallelism(2), GemmParams.Auto, c);
                    GemmCheck.Run<float>(m, n, k, lb, la, Layouts[(c + 1) % 3], alpha, beta, new Parallelism(1 + c % 2), GemmParams.Auto, c);
                    c++;
                }
    }

    /// <summary>k = 0 or alpha = 0 only scales C; beta = 0 then writes zeros over NaN.</summary>
    [Fact]
    public void DegenerateDepthAndAlpha()
    {
        GemmCheck.Run<double>(7, 9, 0, Layout.RowMajor, Layout.RowMajor, Layout.Strided, 1, 0, Parallelism.Default, GemmParams.Auto, 1);
        GemmCheck.Run<double>(7, 9, 0, Layout.RowMajor, Layout.RowMajor, Layout.ColMajor, 1, 2, Parallelism.Default, GemmParams.Auto, 2);
        GemmCheck.Run<float>(40, 50, 30, Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, 0, 0, Parallelism.Default, GemmParams.Auto, 3);
        GemmCheck.Run<float>(40, 50, 30, Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, 0, -3, Parallelism.Default, GemmParams.Auto, 4);
    }

    /// <summary>Small-integer inputs give exactly representable products and sums: every path must be exact.</summary>
    [Theory]
    [MemberData(nameof(KernelCases))]
    public void ExactOnSmallIntegers(string kernel)
    {
        var kind = Parse(kernel);
        var rng = new Random(7);
        foreach (var (m, n, k) in new[] { (100, 90, 110), (33, 200, 65), (17, 17, 300) })
        {
            var a = new double[m * k]; var b = new double[k * n];
            for (int i = 0; i < a.Length; i++) a[i] = rng.Next(-4, 5);
            for (int i = 0; i < b.Length; i++) b[i] = rng.Next(-4, 5);
            var expect = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                    expect[i * n + j] = s;
                }
            foreach (var prm in new[] { new GemmParams { Kernel = kind }, Shrunk(kind) })
            {
                var c = new double[m * n];
                Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1.0, a, 0, k, 1, b, 0, n, 1, 0.0, c, 0, n, 1, new Parallelism(2), prm);
                Assert.Equal(expect, c);
                var af = a.Select(x => (float)x).ToArray(); var bf = b.Select(x => (float)x).ToArray();
                var cf = new float[m * n];
                // B read transposed through strides: B^T stored row-major is B with (rs, cs) = (1, k).
                var bt = new float[n * k];
                for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bt[j * k + p] = bf[p * n + j];
                Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1f, af, 0, k, 1, bt, 0, 1, k, 0f, cf, 0, n, 1, new Parallelism(1), prm);
                Assert.Equal(expect.Select(x => (float)x).ToArray(), cf);
            }
        }
    }

    /// <summary>
    /// The BLIS check on a larger product: C x must equal A (B x) for a random x, to within the rounding of both
    /// sides; this catches misplaced tiles that elementwise spot checks on small sizes could miss.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelCases))]
    public void Projection(string kernel)
    {
        var kind = Parse(kernel);
        const int m = 517, n = 389, k = 601;
        var rng = new Random(11);
        var a = new double[m * k]; var b = new double[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < b.Length; i++) b[i] = rng.NextDouble() - 0.5;
        var c = new double[m * n];
        // A is used transposed: stored k x m row-major and read with strides (1, m).
        var at = new double[k * m];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1.0, at, 0, 1, m, b, 0, n, 1, 0.0, c, 0, n, 1, new Parallelism(2), new GemmParams { Kernel = kind });
        for (int trial = 0; trial < 3; trial++)
        {
            var x = new double[n];
            for (int j = 0; j < n; j++) x[j] = rng.NextDouble() - 0.5;
            var bx = new double[k];
            for (int p = 0; p < k; p++) { double s = 0; for (int j = 0; j < n; j++) s += b[p * n + j] * x[j]; bx[p] = s; }
            double norm = 0, diff = 0;
            for (int i = 0; i < m; i++)
            {
                double s1 = 0, s2 = 0;
                for (int j = 0; j < n; j++) s1 += c[i * n + j] * x[j];
                for (int p = 0; p < k; p++) s2 += a[i * k + p] * bx[p];
                diff = Math.Max(diff, Math.Abs(s1 - s2));
                norm = Math.Max(norm, Math.Abs(s2));
            }
            Assert.True(diff <= 10 * (k + n) * 2.2e-16 * Math.Max(norm, 1) * 10, $"projection error {diff} (|A(Bx)| = {norm})");
        }
    }

    /// <summary>Every SIMD kernel against the scalar reference kernel on the same packed path (no shortcuts).</summary>
    [Theory]
    [InlineData("Avx512")]
    [InlineData("Avx512Tall")]
    [InlineData("Avx2")]
    public void SimdMatchesReferenceKernel(string kernel)
    {
        var kind = Parse(kernel);
        var rng = new Random(5);
        int m = 131, n = 97, k = 203;
        var a = new float[m * k]; var b = new float[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < b.Length; i++) b[i] = (float)(rng.NextDouble() - 0.5);
        var r = new float[m * n]; var s = new float[m * n];
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, 0f, r, 0, n, 1, new Parallelism(1), new GemmParams { Kernel = MicroKernelKind.Reference });
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, 0f, s, 0, n, 1, new Parallelism(2), new GemmParams { Kernel = kind, ParallelThreshold = 0 });
        for (int i = 0; i < r.Length; i++)
            Assert.True(Math.Abs(r[i] - s[i]) <= 2 * k * 1.2e-7 * 0.25 * k / 4 + 1e-6, $"element {i}: reference {r[i]}, {kind} {s[i]}");
    }
}
