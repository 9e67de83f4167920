using System.Diagnostics;
using System.Numerics.Tensors;

namespace Linea.Bench;

/// <summary>
/// `reductions`: the accurate reductions against the running sums they replaced, timed in one run (median of
/// --samples, default 7). Leading-axis sums (blocked pairwise) against a row-by-row TensorPrimitives.Add into the
/// output (the former path); strided sums (gathered pairwise) against a scalar running sum (the former path).
/// Each line also gives both results' relative error against a double-precision sum.
/// </summary>
internal static class ReductionRunner
{
    public static int Run(string[] args)
    {
        int samples = args.Contains("--samples") ? int.Parse(args[Array.IndexOf(args, "--samples") + 1]) : 7;
        Leading(1_000_000, 2, samples);
        Leading(100_000, 64, samples);
        Leading(10_000, 1_000, samples);
        Leading(1_000, 100_000, samples);
        Strided(20_000_000, 2, samples);
        Strided(20_000_000, 7, samples);
        return 0;
    }

    private static void Leading(int rows, int k, int samples)
    {
        var x = NDArray.Uniform([rows, k], 0f, 1f, seed: 1);
        var data = x.AsReadOnlySpan().ToArray();
        var naive = new float[k];
        double exact = 0;
        for (int r = 0; r < rows; r++) exact += data[(long)r * k];
        double linea = Median(samples, () => x.Sum(0));
        double old = Median(samples, () =>
        {
            Array.Clear(naive);
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(naive, data.AsSpan(r * k, k), naive);
        });
        float s = x.Sum(0)[0];
        Console.WriteLine($"reduce op=sum_axis0 dtype=float32 shape=({rows}, {k}) linea_s={linea:F5} running_sum_s={old:F5} ratio={old / linea:F2} " +
                          $"rel_err_linea={Math.Abs(s - exact) / exact:E1} rel_err_running={Math.Abs(naive[0] - exact) / exact:E1}");
    }

    private static void Strided(int n, int step, int samples)
    {
        var x = NDArray.Uniform([n], 0f, 1f, seed: 2);
        var view = x[Slice.Step(step)];
        var data = x.AsReadOnlySpan().ToArray();
        double exact = 0;
        for (long i = 0; i < n; i += step) exact += data[i];
        float naive = 0;
        double linea = Median(samples, () => view.Sum());
        double old = Median(samples, () =>
        {
            float acc = 0;
            for (long i = 0; i < n; i += step) acc += data[i];
            naive = acc;
        });
        float s = view.Sum();
        Console.WriteLine($"reduce op=sum_strided dtype=float32 n={n} step={step} linea_s={linea:F5} running_sum_s={old:F5} ratio={old / linea:F2} " +
                          $"rel_err_linea={Math.Abs(s - exact) / exact:E1} rel_err_running={Math.Abs(naive - exact) / exact:E1}");
    }

    private static double Median(int samples, Action body)
    {
        body();
        var times = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[samples / 2];
    }
}
