using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Kernels.Threading;

namespace Linea.Bench;

/// <summary>
/// The machine's memory bandwidth, STREAM-style: over arrays of 2^24 doubles (128 MiB each, far beyond any cache),
/// split across the threads, the best of several passes of triad a = b + s c (24 bytes per element, STREAM's count,
/// which leaves out the write-allocate read) and of a read-only sum of b and c (16 bytes per element, the
/// pattern closest to SpMV's streaming of values and indices).
/// </summary>
internal static class MemoryBandwidth
{
    private const int Length = 1 << 24;

    /// <summary>(triad, read) in GB/s (10^9 bytes per second).</summary>
    public static (double TriadGbs, double ReadGbs) Measure(int threads, int passes = 10)
    {
        var a = new double[Length];
        var b = new double[Length];
        var c = new double[Length];
        var partial = new double[threads];
        // First touch by the threads that use the pages, as STREAM does.
        SplitJob.Run(threads, (t, ts) =>
        {
            int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
            a.AsSpan(lo, hi - lo).Clear();
            b.AsSpan(lo, hi - lo).Fill(1);
            c.AsSpan(lo, hi - lo).Fill(2);
        });
        double triad = double.MaxValue, read = double.MaxValue;
        for (int pass = 0; pass < passes; pass++)
        {
            var sw = Stopwatch.StartNew();
            SplitJob.Run(threads, (t, ts) =>
            {
                int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(c.AsSpan(lo, hi - lo), 3.0, b.AsSpan(lo, hi - lo), a.AsSpan(lo, hi - lo));
            });
            triad = Math.Min(triad, sw.Elapsed.TotalSeconds);
            sw.Restart();
            SplitJob.Run(threads, (t, ts) =>
            {
                int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
                partial[t] = ReadSum(b.AsSpan(lo, hi - lo), c.AsSpan(lo, hi - lo));
            });
            read = Math.Min(read, sw.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(partial);
        return (24.0 * Length / triad / 1e9, 16.0 * Length / read / 1e9);
    }

    /// <summary>sum(b + c) with eight independent vector accumulators, so the loads, not the adds, set the pace.</summary>
    private static double ReadSum(ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var vc = MemoryMarshal.Cast<double, Vector<double>>(c);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int k = 0;
        for (; k + 4 <= vb.Length; k += 4)
        {
            s0 += vb[k] + vc[k];
            s1 += vb[k + 1] + vc[k + 1];
            s2 += vb[k + 2] + vc[k + 2];
            s3 += vb[k + 3] + vc[k + 3];
        }
        for (; k < vb.Length; k++) s0 += vb[k] + vc[k];
        double sum = Vector.Sum(s0 + s1 + s2 + s3);
        for (int i = vb.Length * Vector<double>.Count; i < b.Length; i++) sum += b[i] + c[i];
        return sum;
    }
}
