using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Kernels.Threading;

namespace Linea.Bench;

/// <summary>
/// The machine's memory bandwidth, STREAM-style: three arrays of 2^25 doubles (256 MiB each, far beyond any cache),
/// split across the threads, first touched by the threads that use them. One <see cref="Pass"/> times a triad
/// a = b + s c (24 bytes per element, STREAM's count, which leaves out the write-allocate read; TensorPrimitives
/// writes such long outputs with non-temporal stores, so there is none) and a read-only sum of b and c (16 bytes per
/// element, the pattern closest to SpMV's streaming of values and indices); the object keeps the best of each since
/// the last <see cref="Reset"/>. On a shared VM the available bandwidth moves by 2x within minutes (other tenants),
/// so the sparse runner calls <see cref="Pass"/> between its SpMV samples and compares each case with the bandwidth
/// measured in the same window.
/// </summary>
internal sealed class MemoryBandwidth
{
    private const int Length = 1 << 25;
    private readonly double[] _a = new double[Length], _b = new double[Length], _c = new double[Length];
    private readonly double[] _partial;

    /// <summary>Allocates the three arrays (768 MiB) and touches them on <paramref name="threads"/> threads.</summary>
    public MemoryBandwidth(int threads)
    {
        Threads = threads;
        _partial = new double[threads];
        SplitJob.Run(threads, (t, ts) =>
        {
            int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
            _a.AsSpan(lo, hi - lo).Clear();
            _b.AsSpan(lo, hi - lo).Fill(1);
            _c.AsSpan(lo, hi - lo).Fill(2);
        });
        Reset();
    }

    /// <summary>The thread count of every pass.</summary>
    public int Threads { get; }

    /// <summary>The best triad rate since the last <see cref="Reset"/>, GB/s (10^9 bytes per second).</summary>
    public double TriadGbs { get; private set; }

    /// <summary>The best read-only rate since the last <see cref="Reset"/>, GB/s.</summary>
    public double ReadGbs { get; private set; }

    /// <summary>The measured memory bandwidth: the larger of <see cref="TriadGbs"/> and <see cref="ReadGbs"/>.</summary>
    public double BestGbs => Math.Max(TriadGbs, ReadGbs);

    /// <summary>Forgets the bests, to start a new measurement window.</summary>
    public void Reset() => (TriadGbs, ReadGbs) = (0, 0);

    /// <summary>Runs <paramref name="passes"/> passes; returns this object.</summary>
    public MemoryBandwidth Measure(int passes)
    {
        for (int p = 0; p < passes; p++) Pass();
        return this;
    }

    /// <summary>One triad pass and one read pass (about 1.3 GB moved), updating the bests.</summary>
    public void Pass()
    {
        var sw = Stopwatch.StartNew();
        SplitJob.Run(Threads, (t, ts) =>
        {
            int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_c.AsSpan(lo, hi - lo), 3.0, _b.AsSpan(lo, hi - lo), _a.AsSpan(lo, hi - lo));
        });
        TriadGbs = Math.Max(TriadGbs, 24.0 * Length / sw.Elapsed.TotalSeconds / 1e9);
        sw.Restart();
        SplitJob.Run(Threads, (t, ts) =>
        {
            int lo = SplitJob.Bound(t, ts, Length, 8), hi = SplitJob.Bound(t + 1, ts, Length, 8);
            _partial[t] = ReadSum(_b.AsSpan(lo, hi - lo), _c.AsSpan(lo, hi - lo));
        });
        ReadGbs = Math.Max(ReadGbs, 16.0 * Length / sw.Elapsed.TotalSeconds / 1e9);
    }

    /// <summary>sum(b + c) with four independent vector accumulators, so the loads, not the adds, set the pace.</summary>
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
