using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Linea.Bench;

/// <summary>
/// <c>mathnet-spectral [--sizes 500,1000] [--samples 2]</c>: Linea's eigh, eig and svd against Math.NET Numerics' managed
/// provider (Evd with Symmetricity.Symmetric, Evd, Svd with vectors) on the same float64 matrices, interleaved, best
/// of samples after one warm-up each, single-threaded (LINEA_NUM_THREADS=1 and Math.NET's MaxDegreeOfParallelism 1).
/// ratio = Math.NET seconds / Linea seconds.
/// </summary>
internal static class ManagedSpectral
{
    public static int Run(string[] args)
    {
        int[] sizes = [500, 1000];
        int samples = 2;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--sizes") sizes = args[i + 1].Split(',').Select(int.Parse).ToArray();
            else if (args[i] == "--samples") samples = int.Parse(args[i + 1]);
        }
        if (Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") != "1")
            Console.Error.WriteLine("mathnet-spectral: set LINEA_NUM_THREADS=1 for a single-threaded comparison");
        MathNet.Numerics.Control.UseManaged();
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
        foreach (int n in sizes)
        {
            var a = NDArray.Uniform([n, n], -1.0, 1.0, 42);
            var sym = ((a + a.T) * 0.5).Contiguous();
            var ma = Matrix<double>.Build.DenseOfRowMajor(n, n, a.ToArray());
            var ms = Matrix<double>.Build.DenseOfRowMajor(n, n, sym.ToArray());
            Line("eigh", n, samples, () => _ = Linalg.Eigh(sym), () => _ = ms.Evd(Symmetricity.Symmetric));
            Line("eig", n, samples, () => _ = Linalg.Eig(a), () => _ = ma.Evd(Symmetricity.Asymmetric));
            Line("svd", n, samples, () => _ = Linalg.Svd(a), () => _ = ma.Svd(true));
        }
        return 0;
    }

    private static void Line(string op, int n, int samples, Action linea, Action mathnet)
    {
        linea();
        mathnet();
        double bl = double.MaxValue, bm = double.MaxValue;
        for (int s = 0; s < samples; s++)
        {
            var sw = Stopwatch.StartNew(); linea(); bl = Math.Min(bl, sw.Elapsed.TotalSeconds);
            sw.Restart(); mathnet(); bm = Math.Min(bm, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"mathnet op={op} dtype=float64 n={n} threads=1 linea_s={bl:F4} mathnet_s={bm:F4} ratio={bm / bl:F1}");
    }
}
