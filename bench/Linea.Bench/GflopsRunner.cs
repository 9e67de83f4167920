using System.Diagnostics;
using System.Globalization;
using Linea.Kernels.Gemm;
using MathNet.Numerics.LinearAlgebra;

namespace Linea.Bench;

/// <summary>
/// The quick table runner: one line per case, e.g.
/// <c>gemm dtype=float64 n=1024 threads=2 linea=123.4 openblas=130.1 mathnet=5.2 ratio_openblas=0.95 openblas_core=SkylakeX pct_peak=55.0</c>
/// GFLOP/s = 2 n^3 / seconds, the median of several timed samples after warm-up; Linea and OpenBLAS samples are
/// interleaved so that noise from other processes hits both alike.
/// </summary>
internal static class GflopsRunner
{
    /// <summary>FMA peak per core on the reference machine (Zen 5, 2 x 512-bit FMA at about 3.5 GHz).</summary>
    private const double PeakF64PerCore = 113, PeakF32PerCore = 221;

    /// <summary>Block-size and kernel overrides for tuning (--mc, --kc, --nc, --kernel).</summary>
    private static GemmParams s_params = GemmParams.Auto;
    private static bool s_transB;
    private static bool s_best;
    private static int s_gapMs = 200;

    public static int Run(string[] args)
    {
        string mode = args[0];
        int[] sizes = [64, 256, 512, 1024, 2048, 4096];
        int[]? threadList = null;
        string[] dtypes = ["float64", "float32"];
        int samples = 5;
        int mathnetMax = 1024;
        string[]? families = null;
        int layoutN = 1024;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--threads": threadList = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--dtype": dtypes = args[++i].Split(','); break;
                case "--samples": samples = int.Parse(args[++i]); break;
                case "--mathnet-max": mathnetMax = int.Parse(args[++i]); break;
                case "--best": s_best = true; break;
                case "--gap-ms": s_gapMs = int.Parse(args[++i]); break;
                case "--transb": s_transB = true; break;
                case "--shapes": families ??= ["layout", "smallk", "skinny", "square", "attention"]; break;
                case "--families": families = args[++i].Split(','); break;
                case "--layout-n": layoutN = int.Parse(args[++i]); break;
                case "--mc": s_params = s_params with { MC = int.Parse(args[++i]) }; break;
                case "--kc": s_params = s_params with { KC = int.Parse(args[++i]) }; break;
                case "--nc": s_params = s_params with { NC = int.Parse(args[++i]) }; break;
                case "--kernel": s_params = s_params with { Kernel = Enum.Parse<MicroKernelKind>(args[++i], true) }; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (families is not null) threadList ??= [Environment.ProcessorCount];
        threadList ??= Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
        OpenBlas.Load(threadList.Max());
        if (families is not null)
        {
            foreach (var dtype in dtypes)
                foreach (int t in threadList)
                    if (dtype == "float64") ShapesRunner.Run<double>(dtype, t, samples, families, layoutN);
                    else ShapesRunner.Run<float>(dtype, t, samples, families, layoutN);
            return 0;
        }
        MathNet.Numerics.Control.UseManaged();
        foreach (var dtype in dtypes)
            foreach (int t in threadList)
                foreach (int n in sizes)
                {
                    if (mode == "gemv") { if (dtype == "float64") Gemv<double>(n, t, samples, dtype); else Gemv<float>(n, t, samples, dtype); }
                    else if (mode == "batched") { if (dtype == "float64") Batched<double>(t, samples, dtype); else Batched<float>(t, samples, dtype); }
                    else if (dtype == "float64") Case<double>(n, t, samples, dtype, n <= mathnetMax);
                    else Case<float>(n, t, samples, dtype, n <= mathnetMax);
                    if (mode == "batched") break;
                }
        return 0;
    }

    internal static T[] Random<T>(int len, int seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var r = new Random(seed);
        var x = new T[len];
        for (int i = 0; i < len; i++) x[i] = T.CreateChecked(r.NextDouble() - 0.5);
        return x;
    }

    /// <summary>Seconds per call of <paramref name="f"/>: repeats it until a sample lasts about 0.15 s.</summary>
    private static int Reps(Action f, double flops)
    {
        var sw = Stopwatch.StartNew();
        f();
        double s = sw.Elapsed.TotalSeconds;
        return (int)Math.Clamp(0.15 / Math.Max(s, 1e-7), 1, 100000);
    }

    private static double Sample(Action f, int reps)
    {
        var sw = Stopwatch.StartNew();
        for (int r = 0; r < reps; r++) f();
        return sw.Elapsed.TotalSeconds / reps;
    }

    /// <summary>The median sample, or with --best the fastest one (an estimate of the quiet-machine speed when other jobs share the cores).</summary>
    private static double Median(List<double> x) { x.Sort(); return s_best ? x[0] : x[x.Count / 2]; }

    /// <summary>Median GFLOP/s of each action, sampled in interleaved rounds.</summary>
    internal static double[] Measure(Action?[] fs, double flops, int samples)
    {
        var reps = new int[fs.Length];
        for (int i = 0; i < fs.Length; i++)
            if (fs[i] is { } f) { f(); reps[i] = Reps(f, flops); }
        var times = fs.Select(_ => new List<double>()).ToArray();
        for (int s = 0; s < samples; s++)
            for (int i = 0; i < fs.Length; i++)
                if (fs[i] is { } f)
                {
                    // OpenBLAS's idle workers busy-wait for about 2^28 cycles (~0.08 s) after each call before they
                    // sleep; without this pause the next library's sample shares the cores with those spinning threads.
                    if (s_gapMs > 0) Thread.Sleep(s_gapMs);
                    times[i].Add(Sample(f, reps[i]));
                }
        return fs.Select((f, i) => f is null ? double.NaN : flops / Median(times[i]) / 1e9).ToArray();
    }

    internal static string F(double x) => double.IsNaN(x) ? "na" : x.ToString("F1", CultureInfo.InvariantCulture);
    internal static string R(double x) => double.IsNaN(x) ? "na" : x.ToString("F2", CultureInfo.InvariantCulture);

    private static void Case<T>(int n, int threads, int samples, string dtype, bool withMathNet) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = Random<T>(n * n, 1); var b = Random<T>(n * n, 2); var c = new T[n * n]; var c2 = new T[n * n];
        var par = new Parallelism(threads);
        // --transb: C = A @ B^T with B stored n x n row-major and read through strides (1, n), like Q @ K.T.
        int bRs = s_transB ? 1 : n, bCs = s_transB ? n : 1;
        Action linea = () => Gemm.Multiply(n, n, n, T.One, a, 0, n, 1, b, 0, bRs, bCs, T.Zero, c, 0, n, 1, par, s_params);
        Action? openblas = OpenBlas.Available ? () => { OpenBlas.SetThreads(threads); OpenBlas.Gemm(n, n, n, a, b, c2, s_transB); } : null;
        Action? mathnet = null;
        if (withMathNet)
        {
            MathNet.Numerics.Control.MaxDegreeOfParallelism = threads;
            if (typeof(T) == typeof(double))
            {
                var ma = Matrix<double>.Build.Dense(n, n, (i, j) => (double)(object)a[i * n + j]!);
                var mb = Matrix<double>.Build.Dense(n, n, (i, j) => (double)(object)b[i * n + j]!);
                var mc = Matrix<double>.Build.Dense(n, n);
                mathnet = () => ma.Multiply(mb, mc);
            }
            else
            {
                var ma = Matrix<float>.Build.Dense(n, n, (i, j) => (float)(object)a[i * n + j]!);
                var mb = Matrix<float>.Build.Dense(n, n, (i, j) => (float)(object)b[i * n + j]!);
                var mc = Matrix<float>.Build.Dense(n, n);
                mathnet = () => ma.Multiply(mb, mc);
            }
        }
        double flops = 2.0 * n * n * n;
        var g = Measure([linea, openblas], flops, samples);
        double mn = mathnet is null ? double.NaN : Measure([mathnet], flops, Math.Min(samples, 3))[0];
        double peak = (typeof(T) == typeof(double) ? PeakF64PerCore : PeakF32PerCore) * threads;
        Console.WriteLine($"gemm{(s_transB ? "_nt" : "")} dtype={dtype} n={n} threads={threads} linea={F(g[0])} openblas={F(g[1])} mathnet={F(mn)} " +
                          $"ratio_openblas={R(g[0] / g[1])} openblas_core={OpenBlas.Core} pct_peak={F(100 * g[0] / peak)}");
    }

    private static void Gemv<T>(int n, int threads, int samples, string dtype) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = Random<T>(n * n, 1); var x = Random<T>(n, 2); var y = new T[n]; var y2 = new T[n];
        var par = new Parallelism(threads);
        Action linea = () => Gemm.Multiply(n, 1, n, T.One, a, 0, n, 1, x, 0, 1, 1, T.Zero, y, 0, 1, 1, par);
        Action? openblas = OpenBlas.Available ? () => { OpenBlas.SetThreads(threads); OpenBlas.Gemv(n, n, a, x, y2); } : null;
        double flops = 2.0 * n * n;
        var g = Measure([linea, openblas], flops, samples);
        double gbs = g[0] * (typeof(T) == typeof(double) ? 8 : 4) / 2;
        Console.WriteLine($"gemv dtype={dtype} n={n} threads={threads} linea={F(g[0])} openblas={F(g[1])} ratio_openblas={R(g[0] / g[1])} " +
                          $"linea_gbs={F(gbs)} openblas_core={OpenBlas.Core}");
    }

    /// <summary>Attention-shaped batch: (32,8,128,64) @ (32,8,64,128) through NDArray.MatMul, against OpenBLAS looping over the batch.</summary>
    private static void Batched<T>(int threads, int samples, string dtype) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int B = 32 * 8, m = 128, k = 64, n = 128;
        var a = Random<T>(B * m * k, 1); var b = Random<T>(B * k * n, 2); var c2 = new T[B * m * n];
        var ta = NDArray.FromArray(a, 32, 8, m, k); var tb = NDArray.FromArray(b, 32, 8, k, n);
        var tc = NDArray.Zeros<T>(32, 8, m, n);
        var par = new Parallelism(threads);
        // The kernel path into a preallocated output, like the OpenBLAS loop; NDArray.MatMul adds a fresh 32 MiB result.
        Action linea = () => NDArray.MatMulBatched(ta, tb, tc, [32, 8], m, n, k, par);
        Action alloc = () => NDArray.MatMul(ta, tb);
        Action? openblas = OpenBlas.Available ? () =>
        {
            OpenBlas.SetThreads(threads);
            for (int i = 0; i < B; i++) OpenBlas.Gemm(m, n, k, a, i * m * k, b, i * k * n, c2, i * m * n);
        } : null;
        double flops = 2.0 * B * m * n * k;
        var g = Measure([linea, openblas, alloc], flops, samples);
        Console.WriteLine($"batched dtype={dtype} shape=(32,8,128,64)@(32,8,64,128) threads={threads} linea={F(g[0])} openblas={F(g[1])} " +
                          $"ratio_openblas={R(g[0] / g[1])} linea_matmul_alloc={F(g[2])} openblas_core={OpenBlas.Core}");
    }
}
