using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea.ML.Clustering;

internal static partial class KMeansPlusPlus
{
    /// <summary>
    /// candidate[i tPad + t] = min(closest[i], ||x_i - x_picks[t]||²) for every row i and candidate t (lanes past the
    /// candidates hold closest[i]). The candidates are held transposed (d x tPad, padding +inf); eight rows go together
    /// (eight independent accumulator chains), each squared distance summed feature by feature in order
    /// j = 0..d-1 with a separate multiply and add (the bits of <see cref="SquaredDistance"/>). Rows are split into
    /// contiguous chunks across threads (each writes only its rows). O(n d tPad); allocates the d x tPad transposed
    /// candidates.
    /// </summary>
    private static unsafe void Distances(ReadOnlySpan<double> x, int n, int d, int[] picks, int tPad, double[] closest, double[] candidate)
    {
        var ct = new double[d * tPad];
        for (int t = 0; t < tPad; t++)
            for (int j = 0; j < d; j++) ct[j * tPad + t] = t < picks.Length ? x[picks[t] * d + j] : double.PositiveInfinity;
        int chunks = Math.Max(1, Math.Min(Parallelism.Default.Threads, n / MinRowsPerThread));
        fixed (double* px = x, pct = ct, pclosest = closest, pcandidate = candidate)
        {
            var p = new DistancePass((nint)px, d, (nint)pct, tPad, (nint)pclosest, (nint)pcandidate);
            if (chunks == 1) p.Chunk(0, n);
            else
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                    p.Chunk((int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks)));
        }
    }

    /// <summary>The pinned operands of one distance pass (addresses as nint so that the worker lambda can capture them).</summary>
    private readonly record struct DistancePass(nint X, int D, nint Ct, int TPad, nint Closest, nint Candidate)
    {
        /// <summary>Rows [start, end).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe void Chunk(int start, int end)
        {
            int w = Vector<double>.Count, d = D, tPad = TPad;
            double* x = (double*)X, ct = (double*)Ct, closest = (double*)Closest, candidate = (double*)Candidate;
            int i = start;
            for (; i + 8 <= end; i += 8)
            {
                double* xo = x + (long)i * d;
                for (int g = 0; g < tPad; g += w)
                {
                    Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                    double* cg = ct + g;
                    for (int j = 0; j < d; j++)
                    {
                        var c = Vector.Load(cg + j * tPad);
                        var d0 = new Vector<double>(xo[j]) - c;
                        var d1 = new Vector<double>(xo[d + j]) - c;
                        var d2 = new Vector<double>(xo[2 * d + j]) - c;
                        var d3 = new Vector<double>(xo[3 * d + j]) - c;
                        var d4 = new Vector<double>(xo[4 * d + j]) - c;
                        var d5 = new Vector<double>(xo[5 * d + j]) - c;
                        var d6 = new Vector<double>(xo[6 * d + j]) - c;
                        var d7 = new Vector<double>(xo[7 * d + j]) - c;
                        a0 += d0 * d0;
                        a1 += d1 * d1;
                        a2 += d2 * d2;
                        a3 += d3 * d3;
                        a4 += d4 * d4;
                        a5 += d5 * d5;
                        a6 += d6 * d6;
                        a7 += d7 * d7;
                    }
                    double* o = candidate + (long)i * tPad + g;
                    Vector.Min(a0, new Vector<double>(closest[i])).Store(o);
                    Vector.Min(a1, new Vector<double>(closest[i + 1])).Store(o + tPad);
                    Vector.Min(a2, new Vector<double>(closest[i + 2])).Store(o + 2 * tPad);
                    Vector.Min(a3, new Vector<double>(closest[i + 3])).Store(o + 3 * tPad);
                    Vector.Min(a4, new Vector<double>(closest[i + 4])).Store(o + 4 * tPad);
                    Vector.Min(a5, new Vector<double>(closest[i + 5])).Store(o + 5 * tPad);
                    Vector.Min(a6, new Vector<double>(closest[i + 6])).Store(o + 6 * tPad);
                    Vector.Min(a7, new Vector<double>(closest[i + 7])).Store(o + 7 * tPad);
                }
            }
            for (; i < end; i++)
            {
                double* xi = x + (long)i * d;
                for (int g = 0; g < tPad; g += w)
                {
                    var a = Vector<double>.Zero;
                    for (int j = 0; j < d; j++)
                    {
                        var diff = new Vector<double>(xi[j]) - Vector.Load(ct + j * tPad + g);
                        a += diff * diff;
                    }
                    Vector.Min(a, new Vector<double>(closest[i])).Store(candidate + (long)i * tPad + g);
                }
            }
        }
    }
}
