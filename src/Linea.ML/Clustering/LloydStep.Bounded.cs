using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.Clustering;

internal static partial class LloydStep
{
    /// <summary>
    /// One Lloyd pass that skips the distance computations it can prove unnecessary (Hamerly's bounds, 2010). Each row
    /// keeps <paramref name="upper"/>, a bound above its distance (not squared) to its assigned centre, and
    /// <paramref name="lower"/>, a bound below its distance to every other centre. Given the distance each centre moved
    /// in the last update (<paramref name="move"/>), a row's upper bound grows by its own centre's move and its lower
    /// bound shrinks by the largest move among the other centres; a row whose upper bound is below the larger of its
    /// lower bound and half the distance from its centre to the nearest other centre keeps its label, with no distance
    /// computed and X not read (triangle inequality). The remaining rows are gathered eight at a time and get all k
    /// squared distances with the arithmetic of the full pass (the same bits), their nearest centre (first on ties) and
    /// fresh bounds: the square roots of the nearest and the second-nearest squared distance.
    /// The skip test is <c>u + slack (u + m) + absoluteSlack &lt; m</c> (m the larger of the two lower bounds): the
    /// caller sizes the slack to cover the rounding of the distances, the moves and the bounds' running sums, so that a
    /// row keeps its label only where the full pass gives it the same label: the labels are those of the full pass.
    /// Sums (k x d) and counts (k) are updated in place: a row that changed cluster is subtracted from its old centre's
    /// sum and added to the new one's (per-thread changes merged in chunk order, so the result does not depend on
    /// scheduling; the sums then differ from freshly added ones by rounding). Cost: O(n) for the bounds plus O(k d) per
    /// computed row (X is read only for those); memory: the transposed centres, per-chunk changes as the full pass, and
    /// 2 k doubles; the caller holds the 2 n bounds.
    /// </summary>
    public static unsafe void RunBounded(ReadOnlySpan<double> x, int n, int d, double[] centres, int k, int[] labels,
        double[] upper, double[] lower, double[] move, double slack, double absoluteSlack, double[] sums, int[] counts, bool wide)
    {
        int w = wide ? Vector512<double>.Count : Vector<double>.Count;
        int kPad = (k + w - 1) / w * w;
        var ct = Transposed(centres, k, d, kPad);
        // Half the distance from each centre to its nearest other centre, and the largest move among the others.
        var half = new double[k];
        var moveOther = new double[k];
        for (int a = 0; a < k; a++)
        {
            double nearest = double.PositiveInfinity, other = 0;
            for (int c = 0; c < k; c++)
            {
                if (c == a) continue;
                nearest = Math.Min(nearest, KMeansPlusPlus.SquaredDistance(centres.AsSpan(a * d, d), centres.AsSpan(c * d, d)));
                other = Math.Max(other, move[c]);
            }
            half[a] = 0.5 * Math.Sqrt(nearest);
            moveOther[a] = other;
        }
        int chunks = Chunks(n);
        int sumStride = SumStride(k, d), countStride = CountStride(k);
        var changes = new double[chunks * sumStride];
        var countChanges = new int[chunks * countStride];
        fixed (double* px = x, pct = ct, pchanges = changes, pup = upper, plo = lower, pmove = move, pother = moveOther, phalf = half)
        fixed (int* plabels = labels, pcounts = countChanges)
        {
            var p = new BoundedPass((nint)px, d, (nint)pct, k, kPad, (nint)plabels, (nint)pup, (nint)plo, (nint)pmove, (nint)pother, (nint)phalf,
                slack, absoluteSlack, (nint)pchanges, sumStride, (nint)pcounts, countStride, wide);
            if (chunks == 1) p.Chunk(0, n, 0);
            else
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                    p.Chunk((int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks), t));
        }
        System.Buffers.ArrayPool<double>.Shared.Return(ct);
        for (int t = 0; t < chunks; t++)
        {
            for (int e = 0; e < k * d; e++) sums[e] += changes[t * sumStride + e];
            for (int c = 0; c < k; c++) counts[c] += countChanges[t * countStride + c];
        }
    }

    /// <summary>The pinned operands of one bounded pass (addresses as nint so that the worker lambda can capture them).</summary>
    private readonly record struct BoundedPass(nint X, int D, nint Ct, int K, int KPad, nint Labels, nint Upper, nint Lower, nint Move,
        nint MoveOther, nint Half, double Slack, double AbsoluteSlack, nint Changes, int SumStride, nint CountChanges, int CountStride, bool Wide)
    {
        /// <summary>Rows [start, end); the changes of sums and counts go to slot <paramref name="slot"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe void Chunk(int start, int end, int slot)
        {
            double* x = (double*)X, upper = (double*)Upper, lower = (double*)Lower, move = (double*)Move;
            double* moveOther = (double*)MoveOther, half = (double*)Half;
            int* labels = (int*)Labels;
            double* rows = stackalloc double[8 * KPad];
            double** rowPtr = stackalloc double*[8];
            int* rowIndex = stackalloc int[8];
            int pending = 0;
            for (int i = start; i < end; i++)
            {
                int a = labels[i];
                double u = upper[i] + move[a], l = lower[i] - moveOther[a];
                upper[i] = u;
                lower[i] = l;
                double m = Math.Max(half[a], l);
                if (u + Slack * (u + m) + AbsoluteSlack < m) continue;
                rowIndex[pending] = i;
                rowPtr[pending++] = x + (long)i * D;
                if (pending == 8)
                {
                    Resolve(rowPtr, rowIndex, 8, rows, slot);
                    pending = 0;
                }
            }
            if (pending > 0)
            {
                for (int r = pending; r < 8; r++) rowPtr[r] = rowPtr[pending - 1]; // the kernel always takes eight rows
                Resolve(rowPtr, rowIndex, pending, rows, slot);
            }
        }

        /// <summary>All squared distances of eight gathered rows, then label and bounds of the first
        /// <paramref name="count"/>, moving each row that changed cluster between the sums.</summary>
        private unsafe void Resolve(double** rowPtr, int* rowIndex, int count, double* rows, int slot)
        {
            if (Wide) WideGathered(rowPtr, D, (double*)Ct, KPad, rows);
            else PortableGathered(rowPtr, D, (double*)Ct, KPad, rows);
            int* labels = (int*)Labels;
            double* changes = (double*)Changes + (long)slot * SumStride;
            int* countChanges = (int*)CountChanges + (long)slot * CountStride;
            for (int r = 0; r < count; r++)
            {
                double* row = rows + r * KPad;
                double bestD, second;
                int best = Wide ? WideNearestTwo(row, KPad, out bestD, out second) : ScanNearestTwo(row, K, out bestD, out second);
                int i = rowIndex[r];
                ((double*)Upper)[i] = Math.Sqrt(bestD);
                ((double*)Lower)[i] = Math.Sqrt(second); // +inf when k = 1
                int old = labels[i];
                if (old == best) continue;
                labels[i] = best;
                Transfer(rowPtr[r], D, changes + (long)old * D, changes + (long)best * D);
                countChanges[old]--;
                countChanges[best]++;
            }
        }
    }

    /// <summary>The index of the smallest of row[0..kPad) (first on ties; kPad a multiple of 8, padding +inf), its value,
    /// and the smallest of the others (+inf when there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int WideNearestTwo(double* row, int kPad, out double bestD, out double second)
    {
        int best = WideNearest(row, kPad, out bestD);
        var inf = Vector512.Create(double.PositiveInfinity);
        var m = inf;
        var lane = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        for (int g = 0; g < kPad; g += 8)
        {
            var v = Vector512.Load(row + g);
            var isBest = Vector512.Equals(lane, Vector512.Create((long)(best - g))).AsDouble();
            m = Vector512.Min(m, Vector512.ConditionalSelect(isBest, inf, v));
        }
        var m4 = Vector256.Min(m.GetLower(), m.GetUpper());
        var m2 = Vector128.Min(m4.GetLower(), m4.GetUpper());
        second = Math.Min(m2.ToScalar(), m2.GetElement(1));
        return best;
    }

    /// <summary>The index of the smallest of row[0..k) (first on ties), its value, and the smallest of the others
    /// (+inf when k = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int ScanNearestTwo(double* row, int k, out double bestD, out double second)
    {
        int best = ScanNearest(row, k, out bestD);
        second = double.PositiveInfinity;
        for (int c = 0; c < k; c++)
            if (c != best) second = Math.Min(second, row[c]);
        return best;
    }

    /// <summary>Moves row <paramref name="xi"/> from the sum <paramref name="from"/> to the sum <paramref name="to"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transfer(double* xi, int d, double* from, double* to)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j + 4 <= d; j += 4)
            {
                var v = Vector256.Load(xi + j);
                (Vector256.Load(from + j) - v).Store(from + j);
                (Vector256.Load(to + j) + v).Store(to + j);
            }
        for (; j < d; j++)
        {
            from[j] -= xi[j];
            to[j] += xi[j];
        }
    }

    /// <summary>Squared distances of eight rows (any addresses) to every centre, 512-bit: rows[r kPad + c].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void WideGathered(double** xr, int d, double* ct, int kPad, double* rows)
    {
        double* x0 = xr[0], x1 = xr[1], x2 = xr[2], x3 = xr[3], x4 = xr[4], x5 = xr[5], x6 = xr[6], x7 = xr[7];
        for (int g = 0; g < kPad; g += 8)
        {
            Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            double* cg = ct + g;
            for (int j = 0; j < d; j++)
            {
                var c = Vector512.Load(cg + j * kPad);
                var d0 = Vector512.Create(x0[j]) - c;
                var d1 = Vector512.Create(x1[j]) - c;
                var d2 = Vector512.Create(x2[j]) - c;
                var d3 = Vector512.Create(x3[j]) - c;
                var d4 = Vector512.Create(x4[j]) - c;
                var d5 = Vector512.Create(x5[j]) - c;
                var d6 = Vector512.Create(x6[j]) - c;
                var d7 = Vector512.Create(x7[j]) - c;
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
                a4 += d4 * d4;
                a5 += d5 * d5;
                a6 += d6 * d6;
                a7 += d7 * d7;
            }
            double* rg = rows + g;
            a0.Store(rg);
            a1.Store(rg + kPad);
            a2.Store(rg + 2 * kPad);
            a3.Store(rg + 3 * kPad);
            a4.Store(rg + 4 * kPad);
            a5.Store(rg + 5 * kPad);
            a6.Store(rg + 6 * kPad);
            a7.Store(rg + 7 * kPad);
        }
    }

    /// <summary>Squared distances of eight rows (any addresses) to every centre with <see cref="System.Numerics.Vector{T}"/>: rows[r kPad + c].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void PortableGathered(double** xr, int d, double* ct, int kPad, double* rows)
    {
        int w = Vector<double>.Count;
        for (int r0 = 0; r0 < 8; r0 += 4)
        {
            double* x0 = xr[r0], x1 = xr[r0 + 1], x2 = xr[r0 + 2], x3 = xr[r0 + 3];
            for (int g = 0; g < kPad; g += w)
            {
                Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int j = 0; j < d; j++)
                {
                    var c = Vector.Load(ct + j * kPad + g);
                    var d0 = new Vector<double>(x0[j]) - c;
                    var d1 = new Vector<double>(x1[j]) - c;
                    var d2 = new Vector<double>(x2[j]) - c;
                    var d3 = new Vector<double>(x3[j]) - c;
                    a0 += d0 * d0;
                    a1 += d1 * d1;
                    a2 += d2 * d2;
                    a3 += d3 * d3;
                }
                double* rg = rows + r0 * kPad + g;
                a0.Store(rg);
                a1.Store(rg + kPad);
                a2.Store(rg + 2 * kPad);
                a3.Store(rg + 3 * kPad);
            }
        }
    }
}
