using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.Clustering;

/// <summary>
/// One fused pass of Lloyd's algorithm: every row of X (n x d, row-major doubles) is assigned to its nearest centre
/// and, in the same pass, added to that centre's sum and count. No n x k distance matrix is formed: the centres are
/// held transposed (d x k, padded to a multiple of the vector width with +inf), so each row's squared distances to a
/// group of centres are accumulated in one vector, feature by feature, as sum_j (x_j - c_j)^2 in the order j = 0..d-1
/// (multiply and add, not fused: the same bits as <see cref="KMeansPlusPlus.SquaredDistance"/>). Ties go to the lowest
/// centre index. With 512-bit vectors (LloydStep.Wide.cs) eight rows go together (eight independent
/// accumulator chains per centre group) and the nearest centre is found by a vector minimum and a compare mask;
/// otherwise four rows with <see cref="Vector{T}"/> and a scalar scan. Rows are split into contiguous chunks across
/// threads, each with its own sums and counts on separate cache lines, merged at the end in chunk order (so the result
/// does not depend on scheduling). Memory: the transposed centres (d k doubles), per-chunk sums and counts
/// (chunks x (k d + k), padded to cache lines) and a stack block of 8 x k distances per thread. O(n k d).
/// </summary>
internal static partial class LloydStep
{
    /// <summary>Rows per thread below which the pass stays on one thread.</summary>
    private const int MinRowsPerThread = 8192;

    /// <summary>Whether the 512-bit kernel runs on this machine.</summary>
    public static bool WideAvailable => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Assigns every row (labels, squared distance when <paramref name="dist"/> is given) and, when
    /// <paramref name="sums"/> is given, overwrites sums (k x d) and counts (k) with the per-centre sums and sizes.
    /// Returns the inertia (sum of the squared distances). Threads: <see cref="Parallelism.Default"/>.
    /// </summary>
    public static double Run(ReadOnlySpan<double> x, int n, int d, double[] centres, int k, int[] labels, double[]? dist, double[]? sums, int[]? counts) =>
        Run(x, n, d, centres, k, labels, dist, sums, counts, WideAvailable);

    /// <summary><see cref="Run(ReadOnlySpan{double}, int, int, double[], int, int[], double[], double[], int[])"/> with the
    /// kernel chosen by <paramref name="wide"/> (true: the 512-bit kernel, which must be available; false: the portable
    /// one), so that tests run both.</summary>
    public static unsafe double Run(ReadOnlySpan<double> x, int n, int d, double[] centres, int k, int[] labels, double[]? dist, double[]? sums, int[]? counts, bool wide)
    {
        int w = wide ? Vector512<double>.Count : Vector<double>.Count;
        int kPad = (k + w - 1) / w * w;
        // The transposed centres and the per-chunk inertias are rented: mini-batch k-means runs a pass per batch.
        var ct = Transposed(centres, k, d, kPad);
        int chunks = Chunks(n);
        int sumStride = SumStride(k, d), countStride = CountStride(k);
        var partialSums = sums is null ? null : new double[chunks * sumStride];
        var partialCounts = counts is null ? null : new int[chunks * countStride];
        var inertia = System.Buffers.ArrayPool<double>.Shared.Rent(chunks);
        fixed (double* px = x, pct = ct, pdist = dist, psums = partialSums)
        fixed (int* plabels = labels, pcounts = partialCounts)
        {
            var p = new Pass((nint)px, d, (nint)pct, k, kPad, (nint)plabels, (nint)pdist, (nint)psums, sumStride, (nint)pcounts, countStride, wide);
            if (chunks == 1) inertia[0] = p.Chunk(0, n, 0);
            else
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                    inertia[t] = p.Chunk((int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks), t));
        }
        if (sums is not null) Merge(partialSums!, sumStride, partialCounts!, countStride, chunks, sums, counts!, k, d);
        double total = 0;
        for (int t = 0; t < chunks; t++) total += inertia[t];
        System.Buffers.ArrayPool<double>.Shared.Return(inertia);
        System.Buffers.ArrayPool<double>.Shared.Return(ct);
        return total;
    }

    /// <summary>The centres (k x d) transposed to d x kPad, the padding columns +inf (never nearest), in a rented array.</summary>
    private static double[] Transposed(double[] centres, int k, int d, int kPad)
    {
        var ct = System.Buffers.ArrayPool<double>.Shared.Rent(d * kPad); // the caller returns it
        for (int c = 0; c < kPad; c++)
            for (int j = 0; j < d; j++) ct[j * kPad + c] = c < k ? centres[c * d + j] : double.PositiveInfinity;
        return ct;
    }

    /// <summary>Contiguous row chunks of a pass (one per thread, none under <see cref="MinRowsPerThread"/> rows).</summary>
    private static int Chunks(int n) => Math.Max(1, Math.Min(Parallelism.Default.Threads, n / MinRowsPerThread));

    // Each chunk's sums and counts start on their own cache line and end a line before the next: no false sharing.
    private static int SumStride(int k, int d) => (k * d + 15) / 8 * 8;
    private static int CountStride(int k) => (k + 31) / 16 * 16;

    /// <summary>Overwrites sums and counts with the per-chunk partials added in chunk order (independent of scheduling).</summary>
    private static void Merge(double[] partialSums, int sumStride, int[] partialCounts, int countStride, int chunks, double[] sums, int[] counts, int k, int d)
    {
        Array.Clear(sums);
        Array.Clear(counts);
        for (int t = 0; t < chunks; t++)
        {
            for (int e = 0; e < k * d; e++) sums[e] += partialSums[t * sumStride + e];
            for (int c = 0; c < k; c++) counts[c] += partialCounts[t * countStride + c];
        }
    }

    /// <summary>The pinned operands of one pass (addresses as nint so that the worker lambda can capture them).</summary>
    private readonly record struct Pass(nint X, int D, nint Ct, int K, int KPad, nint Labels, nint Dist, nint Sums, int SumStride, nint Counts, int CountStride, bool Wide)
    {
        /// <summary>Rows [start, end); sums and counts go to slot <paramref name="slot"/>.</summary>
        public unsafe double Chunk(int start, int end, int slot)
        {
            double* sums = Sums == 0 ? null : (double*)Sums + (long)slot * SumStride;
            int* counts = Counts == 0 ? null : (int*)Counts + (long)slot * CountStride;
            return Wide
                ? WideChunk((double*)X, start, end, D, (double*)Ct, KPad, (int*)Labels, (double*)Dist, sums, counts)
                : PortableChunk((double*)X, start, end, D, (double*)Ct, K, KPad, (int*)Labels, (double*)Dist, sums, counts);
        }
    }

    /// <summary>Rows [start, end) with <see cref="Vector{T}"/>: four rows at a time (four independent accumulator chains
    /// per centre group hide the add latency), then a scalar scan for the nearest centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double PortableChunk(double* x, int start, int end, int d, double* ct, int k, int kPad, int* labels, double* dist, double* sums, int* counts)
    {
        int w = Vector<double>.Count;
        double inertia = 0;
        double* rows = stackalloc double[4 * kPad];
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            double* xo = x + (long)i * d;
            for (int g = 0; g < kPad; g += w)
            {
                Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int j = 0; j < d; j++)
                {
                    var c = Vector.Load(ct + j * kPad + g);
                    var d0 = new Vector<double>(xo[j]) - c;
                    var d1 = new Vector<double>(xo[d + j]) - c;
                    var d2 = new Vector<double>(xo[2 * d + j]) - c;
                    var d3 = new Vector<double>(xo[3 * d + j]) - c;
                    a0 += d0 * d0;
                    a1 += d1 * d1;
                    a2 += d2 * d2;
                    a3 += d3 * d3;
                }
                a0.Store(rows + g);
                a1.Store(rows + kPad + g);
                a2.Store(rows + 2 * kPad + g);
                a3.Store(rows + 3 * kPad + g);
            }
            for (int r = 0; r < 4; r++)
                inertia += Record(x, i + r, d, ScanNearest(rows + r * kPad, k, out double best), best, labels, dist, sums, counts);
        }
        for (; i < end; i++)
        {
            double* xi = x + (long)i * d;
            for (int g = 0; g < kPad; g += w)
            {
                var a = Vector<double>.Zero;
                for (int j = 0; j < d; j++)
                {
                    var diff = new Vector<double>(xi[j]) - Vector.Load(ct + j * kPad + g);
                    a += diff * diff;
                }
                a.Store(rows + g);
            }
            inertia += Record(x, i, d, ScanNearest(rows, k, out double best), best, labels, dist, sums, counts);
        }
        return inertia;
    }

    /// <summary>The index of the smallest of row[0..k) (first on ties) and, in <paramref name="bestD"/>, its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int ScanNearest(double* row, int k, out double bestD)
    {
        int best = 0;
        bestD = row[0];
        for (int c = 1; c < k; c++)
        {
            // Branch-free (conditional moves): labels of mixed data are unpredictable.
            double v = row[c];
            bool closer = v < bestD;
            best = closer ? c : best;
            bestD = closer ? v : bestD;
        }
        return best;
    }

    /// <summary>Records row i's nearest centre and squared distance and adds the row to that centre's sum and count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double Record(double* x, int i, int d, int best, double bestD, int* labels, double* dist, double* sums, int* counts)
    {
        labels[i] = best;
        if (dist != null) dist[i] = bestD;
        if (sums != null)
        {
            double* s = sums + (long)best * d;
            double* xi = x + (long)i * d;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j + 8 <= d; j += 8) (Vector512.Load(s + j) + Vector512.Load(xi + j)).Store(s + j);
            if (Vector256.IsHardwareAccelerated)
                for (; j + 4 <= d; j += 4) (Vector256.Load(s + j) + Vector256.Load(xi + j)).Store(s + j);
            for (; j < d; j++) s[j] += xi[j];
            counts[best]++;
        }
        return bestD;
    }
}
