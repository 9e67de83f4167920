namespace Linea.ML.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007; the greedy variant scikit-learn uses): the first centre is
/// a uniformly random sample; each further centre is the best, by resulting potential Σ min distance², of
/// 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance to the nearest centre so far.
/// Cost O(n · k · d · (2 + ln k)).
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>Returns k centre rows (k x d, row-major) chosen from the n x d row-major <paramref name="x"/>; distances in double.</summary>
    public static double[] Seed(ReadOnlySpan<double> x, int n, int d, int k, Rng rng)
    {
        var centres = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = rng.NextInt(n);
        x.Slice(first * d, d).CopyTo(centres.AsSpan(0, d));
        var closest = new double[n];
        for (int i = 0; i < n; i++) closest[i] = SquaredDistance(x.Slice(i * d, d), x.Slice(first * d, d));
        var candidateDist = new double[n];
        var bestDist = new double[n];
        for (int c = 1; c < k; c++)
        {
            double potential = closest.Sum();
            int best = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                int cand = potential > 0 ? SampleProportional(closest, potential, rng) : rng.NextInt(n);
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    candidateDist[i] = Math.Min(closest[i], SquaredDistance(x.Slice(i * d, d), x.Slice(cand * d, d)));
                    pot += candidateDist[i];
                }
                if (pot < bestPotential)
                {
                    bestPotential = pot;
                    best = cand;
                    Array.Copy(candidateDist, bestDist, n);
                }
            }
            x.Slice(best * d, d).CopyTo(centres.AsSpan(c * d, d));
            Array.Copy(bestDist, closest, n);
        }
        return centres;
    }

    /// <summary>An index drawn with probability weights[i] / total (inverse CDF by a linear scan).</summary>
    private static int SampleProportional(double[] weights, double total, Rng rng)
    {
        double u = rng.NextDouble() * total, acc = 0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            last = i;
            acc += weights[i];
            if (u < acc) return i;
        }
        return last; // u landed past the accumulated sum through rounding
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
