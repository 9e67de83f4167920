using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea.ML.Clustering;

internal static partial class KMeansPlusPlus
{
    /// <summary>
    /// candidate[i tPad + t] = min(closest[i], ||x_i - x_picks[t]||²) for every row i and candidate t (lanes past the
    /// candidates hold closest[i]). The candidates are held transposed (d x tPad, padding +inf); eight rows go together
    /// through <see cref="LloydStep.PortableGathered"/>, each squared distance summed feature by feature in order
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
            double** rowPtr = stackalloc double*[8];
            for (; i + 8 <= end; i += 8)
            {
                // The Lloyd pass's eight-row kernel writes the distances straight into the rows of candidate; then
                // each is folded with the row's closest distance so far.
                double* xo = x + (long)i * d;
                for (int r = 0; r < 8; r++) rowPtr[r] = xo + (long)r * d;
                double* o = candidate + (long)i * tPad;
                LloydStep.PortableGathered(rowPtr, d, ct, tPad, o);
                for (int r = 0; r < 8; r++)
                {
                    var near = new Vector<double>(closest[i + r]);
                    double* orow = o + (long)r * tPad;
                    for (int g = 0; g < tPad; g += w) Vector.Min(Vector.Load(orow + g), near).Store(orow + g);
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
