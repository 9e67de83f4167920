using System.Runtime.InteropServices;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Numerics;

namespace Linea.Bench;

/// <summary>
/// <c>-- halfprec</c>: GEMM on float16 and bfloat16 operands (float32 accumulation, float32 result) against the
/// float32 GEMM on the same sizes in the same run, samples interleaved, one line per case:
/// <c>gemm dtype=bfloat16 n=1024 threads=2 layout=nn linea=180.2 float32=190.4 ratio_float32=0.95</c>; and the
/// span conversions in GB/s (bytes read + written) against a float32 copy of the same element count (memory's pace)
/// and a scalar loop: <c>convert from=float32 to=bfloat16 n=16777216 gbs=20.1 copy_gbs=25.3 ratio_copy=0.79 ratio_scalar=6.10</c>.
/// Options: --sizes 512,1024 --threads 1,2 --samples 5 --convert-n 16777216.
/// </summary>
internal static class HalfPrecisionRunner
{
    public static int Run(string[] args)
    {
        int[] sizes = [1024];
        int[]? threadList = null;
        int samples = 5, convertN = 1 << 24;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--threads": threadList = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--samples": samples = int.Parse(args[++i]); break;
                case "--convert-n": convertN = int.Parse(args[++i]); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        threadList ??= Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
        foreach (int t in threadList)
            foreach (int n in sizes)
            {
                Gemm<Half, Half>("float16", n, t, samples, transB: false);
                Gemm<BFloat16, BFloat16>("bfloat16", n, t, samples, transB: false);
                Gemm<BFloat16, BFloat16>("bfloat16", n, t, samples, transB: true);
                Gemm<float, BFloat16>("float32@bfloat16", n, t, samples, transB: true);
            }
        Convert(convertN, samples);
        return 0;
    }

    private static TOut[] Values<TOut>(int len, int seed) where TOut : unmanaged
    {
        var f = GflopsRunner.Random<float>(len, seed);
        var r = new TOut[len];
        HalfConvert.FromSingle<TOut>(f, r);
        return r;
    }

    /// <summary>C = A @ B (n x n), A of TA, B of TB (B read through strides (1, n) when <paramref name="transB"/>, as x @ W.T), against float32.</summary>
    private static unsafe void Gemm<TA, TB>(string dtype, int n, int threads, int samples, bool transB) where TA : unmanaged where TB : unmanaged
    {
        var a = Values<TA>(n * n, 1); var b = Values<TB>(n * n, 2); var c = new float[n * n];
        var af = GflopsRunner.Random<float>(n * n, 1); var bf = GflopsRunner.Random<float>(n * n, 2); var cf = new float[n * n];
        var par = new Parallelism(threads);
        int bRs = transB ? 1 : n, bCs = transB ? n : 1;
        Action linea = () => MixedPrecisionGemm.Multiply(
            new MatrixView<TA>(ref MemoryMarshal.GetArrayDataReference(a), n, n, n, 1),
            new MatrixView<TB>(ref MemoryMarshal.GetArrayDataReference(b), n, n, bRs, bCs),
            new MatrixView<float>(ref MemoryMarshal.GetArrayDataReference(c), n, n, n, 1), par);
        Action f32 = () => Kernels.Gemm.Gemm.Multiply(n, n, n, 1f, af, 0, n, 1, bf, 0, bRs, bCs, 0f, cf, 0, n, 1, par);
        var g = GflopsRunner.Measure([linea, f32], 2.0 * n * n * n, samples);
        Console.WriteLine($"gemm dtype={dtype} n={n} threads={threads} layout={(transB ? "nt" : "nn")} linea={GflopsRunner.F(g[0])} " +
                          $"float32={GflopsRunner.F(g[1])} ratio_float32={GflopsRunner.R(g[0] / g[1])}");
    }

    private static void Convert(int n, int samples)
    {
        var f = GflopsRunner.Random<float>(n, 3);
        var f2 = new float[n];
        var h = new Half[n];
        var b = new BFloat16[n];
        HalfConvert.FromSingle<Half>(f, h);
        HalfConvert.FromSingle<BFloat16>(f, b);
        double bytes = 6.0 * n; // 4 bytes read + 2 written, or 2 read + 4 written
        Action copy = () => f.AsSpan(0, n * 3 / 4).CopyTo(f2); // 6n bytes moved, as the conversions move
        Line("float32", "float16", n, samples, bytes, () => HalfConvert.FromSingle<Half>(f, h), copy,
            () => { for (int i = 0; i < f.Length; i++) h[i] = (Half)f[i]; });
        Line("float16", "float32", n, samples, bytes, () => HalfConvert.ToSingle<Half>(h, f2), copy,
            () => { for (int i = 0; i < h.Length; i++) f2[i] = (float)h[i]; });
        Line("float32", "bfloat16", n, samples, bytes, () => HalfConvert.FromSingle<BFloat16>(f, b), copy,
            () => { for (int i = 0; i < f.Length; i++) b[i] = (BFloat16)f[i]; });
        Line("bfloat16", "float32", n, samples, bytes, () => HalfConvert.ToSingle<BFloat16>(b, f2), copy,
            () => { for (int i = 0; i < b.Length; i++) f2[i] = b[i]; });
    }

    private static void Line(string from, string to, int n, int samples, double bytes, Action convert, Action copy, Action scalar)
    {
        var g = GflopsRunner.Measure([convert, copy, scalar], bytes, samples);
        Console.WriteLine($"convert from={from} to={to} n={n} gbs={GflopsRunner.F(g[0])} copy_gbs={GflopsRunner.F(g[1])} " +
                          $"ratio_copy={GflopsRunner.R(g[0] / g[1])} ratio_scalar={GflopsRunner.R(g[0] / g[2])}");
    }
}
