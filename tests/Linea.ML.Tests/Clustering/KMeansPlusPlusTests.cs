using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>The vectorised k-means++ seeding against the definition, one candidate at a time with scalar distances and
/// a linear inverse-CDF scan: the same draws, so the same centres bit for bit.</summary>
public class KMeansPlusPlusTests
{
    [Theory]
    [InlineData(1, 1, 1, 1UL)]
    [InlineData(7, 3, 4, 2UL)]          // fewer rows than one block of eight
    [InlineData(100, 5, 8, 3UL)]
    [InlineData(1003, 20, 16, 4UL)]     // a tail of three rows
    [InlineData(20_000, 4, 9, 5UL)]     // more than one chunk when two or more threads run
    [InlineData(600, 33, 40, 6UL)]      // 5 candidates: two vector groups
    public void Matches_the_one_candidate_at_a_time_definition(int n, int d, int k, ulong seed)
    {
        var x = new Rng(seed).Normal([n, d], 0.0, 1.0).ToArray();
        Assert.Equal(Definition(x, n, d, k, new Rng(seed + 100)), KMeansPlusPlus.Seed(x, n, d, k, new Rng(seed + 100)));
    }

    [Fact]
    public void Duplicated_rows_draw_uniformly_once_the_potential_is_zero()
    {
        // Three distinct points, five clusters: after three centres every distance is zero and draws are uniform.
        var x = new double[] { 0, 0, 0, 0, 1, 1, 1, 1, 5, 5 };
        Assert.Equal(Definition(x, 10, 1, 5, new Rng(9)), KMeansPlusPlus.Seed(x, 10, 1, 5, new Rng(9)));
    }

    /// <summary>Greedy k-means++ as the definition reads (the code before vectorisation).</summary>
    private static double[] Definition(double[] x, int n, int d, int k, Rng rng)
    {
        double Dist(int a, int b)
        {
            double s = 0;
            for (int j = 0; j < d; j++) { double t = x[a * d + j] - x[b * d + j]; s += t * t; }
            return s;
        }
        var centres = new double[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = rng.NextInt(n);
        Array.Copy(x, first * d, centres, 0, d);
        var closest = new double[n];
        for (int i = 0; i < n; i++) closest[i] = Dist(i, first);
        var candidateDist = new double[n];
        var bestDist = new double[n];
        for (int c = 1; c < k; c++)
        {
            double potential = 0;
            for (int i = 0; i < n; i++) potential += closest[i];
            int best = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                int cand;
                if (potential > 0)
                {
                    double u = rng.NextDouble() * potential, acc = 0;
                    cand = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (closest[i] <= 0) continue;
                        cand = i;
                        acc += closest[i];
                        if (u < acc) break;
                    }
                }
                else cand = rng.NextInt(n);
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    candidateDist[i] = Math.Min(closest[i], Dist(i, cand));
                    pot += candidateDist[i];
                }
                if (pot < bestPotential)
                {
                    bestPotential = pot;
                    best = cand;
                    Array.Copy(candidateDist, bestDist, n);
                }
            }
            Array.Copy(x, best * d, centres, c * d, d);
            Array.Copy(bestDist, closest, n);
        }
        return centres;
    }
}
