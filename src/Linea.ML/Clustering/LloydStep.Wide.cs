using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.Clustering;

internal static partial class LloydStep
{
    /// <summary>
    /// Rows [start, end) with 512-bit vectors: eight rows at a time against each group of eight centres (eight
    /// independent accumulator chains, one broadcast, subtract, multiply and add per row and feature), the distances
    /// of the block kept in a stack buffer of 8 x kPad; the nearest centre of each row is the first lane equal to the
    /// vector minimum over its groups (padding lanes hold +inf). Remaining rows one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double WideChunk(double* x, int start, int end, int d, double* ct, int kPad, int* labels, double* dist, double* sums, int* counts)
    {
        const int W = 8, R = 8;
        double inertia = 0;
        double* rows = stackalloc double[R * kPad];
        double** rowPtr = stackalloc double*[R];
        int i = start;
        for (; i + R <= end; i += R)
        {
            double* xo = x + (long)i * d;
            for (int r = 0; r < R; r++) rowPtr[r] = xo + (long)r * d;
            WideGathered(rowPtr, d, ct, kPad, rows);
            for (int r = 0; r < R; r++)
                inertia += Record(x, i + r, d, WideNearest(rows + r * kPad, kPad, out double best), best, labels, dist, sums, counts);
        }
        for (; i < end; i++)
        {
            double* xi = x + (long)i * d;
            for (int g = 0; g < kPad; g += W)
            {
                var a = Vector512<double>.Zero;
                for (int j = 0; j < d; j++)
                {
                    var diff = Vector512.Create(xi[j]) - Vector512.Load(ct + j * kPad + g);
                    a += diff * diff;
                }
                a.Store(rows + g);
            }
            inertia += Record(x, i, d, WideNearest(rows, kPad, out double best), best, labels, dist, sums, counts);
        }
        return inertia;
    }

    /// <summary>The index of the smallest of row[0..kPad) (first on ties; kPad a multiple of 8) and its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int WideNearest(double* row, int kPad, out double bestD)
    {
        var m = Vector512.Load(row);
        for (int g = 8; g < kPad; g += 8) m = Vector512.Min(m, Vector512.Load(row + g));
        var m4 = Vector256.Min(m.GetLower(), m.GetUpper());
        var m2 = Vector128.Min(m4.GetLower(), m4.GetUpper());
        bestD = Math.Min(m2.ToScalar(), m2.GetElement(1));
        var target = Vector512.Create(bestD);
        for (int g = 0; ; g += 8)
        {
            ulong mask = Vector512.Equals(Vector512.Load(row + g), target).ExtractMostSignificantBits();
            if (mask != 0) return g + BitOperations.TrailingZeroCount(mask);
        }
    }
}
