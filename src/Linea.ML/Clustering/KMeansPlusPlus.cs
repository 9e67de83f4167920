using System.Buffers;
using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007; the greedy variant scikit-learn uses): the first centre is
/// a uniformly random sample; each further centre is the best, by resulting potential Σ min distance², of
/// 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance to the nearest centre so far.
/// The candidates of a round are drawn first (by binary search in the running sums of those distances), then one
/// vectorised pass over X gives every row's distance to all of them (<see cref="KMeansPlusPlus.Distances"/>, rows split
/// across threads); the potentials, the new nearest distances and their running sums follow in sequential passes
/// over n values. The draws, distances and sums are those of the one-candidate-at-a-time definition, bit for bit
/// (each squared distance sums (a_j - b_j)² in feature order, each sum runs in row order), so a seed gives the same
/// centres. Cost O(n · k · d · (2 + ln k)) arithmetic, vectorised; X is read once per centre.
/// Memory: 2 n + n · t doubles (t the candidates rounded up to the vector width), rented from the shared array pool.
/// </summary>
internal static partial class KMeansPlusPlus
{
    /// <summary>Rows per thread below which the distance pass stays on one thread.</summary>
    private const int MinRowsPerThread = 8192;

    /// <summary>Returns k centre rows (k x d, row-major) chosen from the n x d row-major <paramref name="x"/>; distances in double.</summary>
    public static double[] Seed(ReadOnlySpan<double> x, int n, int d, int k, Rng rng)
    {
        var centres = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int width = Vector<double>.Count;
        int tPad = (trials + width - 1) / width * width;
        double[] closest = ArrayPool<double>.Shared.Rent(n);
        double[] running = ArrayPool<double>.Shared.Rent(n);
        double[] candidate = ArrayPool<double>.Shared.Rent(n * tPad);
        try
        {
            int first = rng.NextInt(n);
            x.Slice(first * d, d).CopyTo(centres.AsSpan(0, d));
            // The distances to the first centre: one candidate against no previous minimum.
            Array.Fill(closest, double.PositiveInfinity, 0, n);
            Distances(x, n, d, [first], tPad, closest, candidate);
            Take(candidate, n, tPad, 0, closest, running);
            var picks = new int[trials];
            var potentials = new double[tPad];
            for (int c = 1; c < k; c++)
            {
                double potential = running[n - 1];
                for (int t = 0; t < trials; t++)
                    picks[t] = potential > 0 ? SampleProportional(closest, running, n, potential, rng) : rng.NextInt(n);
                Distances(x, n, d, picks, tPad, closest, candidate);
                Potentials(candidate, n, tPad, potentials);
                int best = 0;
                double bestPotential = double.PositiveInfinity;
                for (int t = 0; t < trials; t++)
                    if (potentials[t] < bestPotential)
                    {
                        bestPotential = potentials[t];
                        best = t;
                    }
                x.Slice(picks[best] * d, d).CopyTo(centres.AsSpan(c * d, d));
                Take(candidate, n, tPad, best, closest, running);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(closest);
            ArrayPool<double>.Shared.Return(running);
            ArrayPool<double>.Shared.Return(candidate);
        }
        return centres;
    }

    /// <summary>An index drawn with probability weights[i] / total: the first i whose running sum exceeds
    /// u = U[0, 1) · total (binary search; the running sums are those of a left-to-right scan, so this is the scan's
    /// inverse CDF), or the last positive weight when rounding puts u past the end.</summary>
    private static int SampleProportional(double[] weights, double[] running, int n, double total, Rng rng)
    {
        double u = rng.NextDouble() * total;
        int lo = 0, hi = n;
        while (lo < hi)
        {
            int mid = (int)(((uint)lo + (uint)hi) >> 1);
            if (running[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        if (lo < n) return lo; // running[lo] > running[lo - 1] (or lo = 0 and u >= 0): weights[lo] > 0
        for (int i = n - 1; i > 0; i--)
            if (weights[i] > 0) return i;
        return 0;
    }

    /// <summary>The potential of each candidate: the sum over rows, in row order, of its column of
    /// <paramref name="candidate"/> (n x tPad), one vector lane per candidate.</summary>
    private static void Potentials(double[] candidate, int n, int tPad, double[] potentials)
    {
        int width = Vector<double>.Count;
        for (int g = 0; g < tPad; g += width)
        {
            var sum = Vector<double>.Zero;
            for (int i = 0; i < n; i++) sum += new Vector<double>(candidate, i * tPad + g);
            sum.CopyTo(potentials, g);
        }
    }

    /// <summary>The chosen candidate's column becomes the nearest distances, with their running sums (row order).</summary>
    private static void Take(double[] candidate, int n, int tPad, int column, double[] closest, double[] running)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double v = candidate[i * tPad + column];
            closest[i] = v;
            sum += v;
            running[i] = sum;
        }
    }

    /// <summary>||a - b||², accumulated in double.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
