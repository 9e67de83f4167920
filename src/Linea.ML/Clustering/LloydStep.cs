using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.Clustering;

/// <summary>
/// One fused pass of Lloyd's algorithm: every row of X (n x d, row-major doubles) is assigned to its nearest centre
/// and, in the same pass, added to that centre's sum and count. No n x k distance matrix is formed: the centres are
/// held transposed (d x k, padded to a multiple of the vector width), so each row's squared distances to a group of
/// <see cref="Vector{T}.Count"/> centres are accumulated in one vector, feature by feature, as sum_j (x_j - c_j)^2 in the
/// order j = 0..d-1 (the same operations, so the same bits, as <see cref="KMeansPlusPlus.SquaredDistance"/>). Ties go to
/// the lowest centre index. Rows are split into contiguous chunks across threads, each with its own sums and counts,
/// merged at the end in chunk order (so the result does not depend on scheduling). Memory: the transposed centres
/// (d k doubles) and per-chunk sums (chunks x k x d) and a k-vector of distances per row group. O(n k d).
/// </summary>
internal static class LloydStep
{
    /// <summary>Centres per vector: 8 with 512-bit vectors, else <see cref="Vector{T}.Count"/>.</summary>
    private static int Width => Vector512.IsHardwareAccelerated ? Vector512<double>.Count : Vector<double>.Count;

    /// <summary>Rows per thread below which the pass stays on one thread.</summary>
    private const int MinRowsPerThread = 8192;

    /// <summary>
    /// Assigns every row (labels, squared distance when <paramref name="dist"/> is given) and, when
    /// <paramref name="sums"/> is given, overwrites sums (k x d) and counts (k) with the per-centre sums and sizes.
    /// Returns the inertia (sum of the squared distances). Threads: <see cref="Parallelism.Default"/>.
    /// </summary>
    public static unsafe double Run(ReadOnlySpan<double> x, int n, int d, double[] centres, int k, int[] labels, double[]? dist, double[]? sums, int[]? counts)
    {
        int w = Width;
        int kPad = (k + w - 1) / w * w;
        var ct = new double[d * kPad];
        for (int c = 0; c < kPad; c++)
            for (int j = 0; j < d; j++) ct[j * kPad + c] = c < k ? centres[c * d + j] : double.PositiveInfinity;
        int chunks = Math.Max(1, Math.Min(Parallelism.Default.Threads, n / MinRowsPerThread));
        var partialSums = sums is null ? null : new double[chunks * k * d];
        var partialCounts = counts is null ? null : new int[chunks * k];
        var inertia = new double[chunks];
        fixed (double* px = x)
        {
            nint data = (nint)px;
            long length = (long)n * d;
            if (chunks == 1) inertia[0] = Chunk(new ReadOnlySpan<double>(px, (int)length), 0, n, d, ct, k, kPad, labels, dist, 0, partialSums, partialCounts);
            else
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                {
                    int start = (int)((long)n * t / chunks), end = (int)((long)n * (t + 1) / chunks);
                    inertia[t] = Chunk(new ReadOnlySpan<double>((double*)data, (int)length), start, end, d, ct, k, kPad, labels, dist, t, partialSums, partialCounts);
                });
        }
        if (sums is not null)
        {
            Array.Clear(sums);
            Array.Clear(counts!);
            for (int t = 0; t < chunks; t++)
            {
                for (int e = 0; e < k * d; e++) sums[e] += partialSums![t * k * d + e];
                for (int c = 0; c < k; c++) counts![c] += partialCounts![t * k + c];
            }
        }
        double total = 0;
        foreach (double v in inertia) total += v;
        return total;
    }

    /// <summary>Rows [start, end); sums and counts go to slot <paramref name="slot"/> of the partial arrays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Chunk(ReadOnlySpan<double> x, int start, int end, int d, double[] ct, int k, int kPad, int[] labels, double[]? dist,
        int slot, double[]? partialSums, int[]? partialCounts)
    {
        int w = Width;
        int groups = kPad / w;
        var sums = partialSums is null ? default : partialSums.AsSpan(slot * k * d, k * d);
        var counts = partialCounts is null ? default : partialCounts.AsSpan(slot * k, k);
        var cts = ct.AsSpan();
        double inertia = 0;
        Span<double> rows = stackalloc double[4 * kPad];
        int i = start;
        // Four rows at a time: four independent accumulator chains per centre group hide the add latency.
        for (; i + 4 <= end; i += 4)
        {
            int o = i * d;
            if (w == Vector512<double>.Count && Vector512.IsHardwareAccelerated) FourRows512(x, o, d, cts, kPad, rows);
            else FourRows(x, o, d, cts, kPad, rows);
            for (int r = 0; r < 4; r++)
                inertia += Finish(x, i + r, d, k, rows.Slice(r * kPad, kPad), labels, dist, sums, counts);
        }
        for (; i < end; i++)
        {
            var xi = x.Slice(i * d, d);
            for (int g = 0; g < groups; g++)
            {
                for (int l = 0; l < w; l++)
                {
                    double acc = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double diff = xi[j] - cts[j * kPad + g * w + l];
                        acc += diff * diff;
                    }
                    rows[g * w + l] = acc;
                }
            }
            inertia += Finish(x, i, d, k, rows[..kPad], labels, dist, sums, counts);
        }
        return inertia;
    }

    /// <summary>Squared distances of rows o/d .. o/d + 3 to every (padded) centre into rows (4 x kPad), with
    /// <see cref="Vector{T}"/>; four independent accumulator chains per centre group hide the add latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRows(ReadOnlySpan<double> x, int o, int d, ReadOnlySpan<double> cts, int kPad, Span<double> rows)
    {
        int w = Vector<double>.Count;
        for (int g = 0; g < kPad / w; g++)
        {
            Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < d; j++)
            {
                var c = new Vector<double>(cts.Slice(j * kPad + g * w, w));
                var d0 = new Vector<double>(x[o + j]) - c;
                var d1 = new Vector<double>(x[o + d + j]) - c;
                var d2 = new Vector<double>(x[o + 2 * d + j]) - c;
                var d3 = new Vector<double>(x[o + 3 * d + j]) - c;
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
            }
            a0.CopyTo(rows.Slice(g * w, w));
            a1.CopyTo(rows.Slice(kPad + g * w, w));
            a2.CopyTo(rows.Slice(2 * kPad + g * w, w));
            a3.CopyTo(rows.Slice(3 * kPad + g * w, w));
        }
    }

    /// <summary><see cref="FourRows"/> with 512-bit vectors (8 centres per group).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRows512(ReadOnlySpan<double> x, int o, int d, ReadOnlySpan<double> cts, int kPad, Span<double> rows)
    {
        const int w = 8;
        ref double c0 = ref MemoryMarshal.GetReference(cts);
        ref double r0 = ref MemoryMarshal.GetReference(rows);
        for (int g = 0; g < kPad / w; g++)
        {
            Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < d; j++)
            {
                var c = Vector512.LoadUnsafe(ref c0, (nuint)(j * kPad + g * w));
                var d0 = Vector512.Create(x[o + j]) - c;
                var d1 = Vector512.Create(x[o + d + j]) - c;
                var d2 = Vector512.Create(x[o + 2 * d + j]) - c;
                var d3 = Vector512.Create(x[o + 3 * d + j]) - c;
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
            }
            a0.StoreUnsafe(ref r0, (nuint)(g * w));
            a1.StoreUnsafe(ref r0, (nuint)(kPad + g * w));
            a2.StoreUnsafe(ref r0, (nuint)(2 * kPad + g * w));
            a3.StoreUnsafe(ref r0, (nuint)(3 * kPad + g * w));
        }
    }

    /// <summary>Picks row i's nearest centre from its distances (first on ties), records it and adds the row to its sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Finish(ReadOnlySpan<double> x, int i, int d, int k, ReadOnlySpan<double> row, int[] labels, double[]? dist, Span<double> sums, Span<int> counts)
    {
        int best = 0;
        double bestD = row[0];
        for (int c = 1; c < k; c++)
        {
            // Branch-free (conditional moves): labels of mixed data are unpredictable.
            double v = row[c];
            bool closer = v < bestD;
            best = closer ? c : best;
            bestD = closer ? v : bestD;
        }
        labels[i] = best;
        if (dist is not null) dist[i] = bestD;
        if (!sums.IsEmpty)
        {
            var s = sums.Slice(best * d, d);
            var xi = x.Slice(i * d, d);
            int j = 0, w = Vector<double>.Count;
            for (; j + w <= d; j += w) (new Vector<double>(s[j..]) + new Vector<double>(xi[j..])).CopyTo(s[j..]);
            for (; j < d; j++) s[j] += xi[j];
            counts[best]++;
        }
        return bestD;
    }
}
