using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>The fused, vectorised Lloyd pass against the plain definition: nearest centre by scalar squared distances
/// (first on ties), per-centre sums and counts, inertia.</summary>
public class LloydStepTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 3, 2)]
    [InlineData(100, 5, 7)]
    [InlineData(1000, 20, 8)]
    [InlineData(20_000, 4, 9)]     // more than one chunk when two or more threads run
    [InlineData(17_000, 33, 17)]
    [InlineData(23, 20, 8)]        // 8-row blocks and a tail of 7
    [InlineData(9, 1, 16)]         // two full groups of eight centres
    public void Matches_the_definition(int n, int d, int k)
    {
        Check(n, d, k, wide: false);
        if (LloydStep.WideAvailable) Check(n, d, k, wide: true);
    }

    private static void Check(int n, int d, int k, bool wide)
    {
        var rng = new Rng((ulong)(n + 7 * d + 13 * k));
        var x = rng.Normal([n, d], 0.0, 1.0).ToArray();
        var centres = rng.Normal([k, d], 0.0, 1.0).ToArray();
        // A duplicated centre: its points must all go to the lower index.
        if (k >= 3) Array.Copy(centres, 0, centres, 2 * d, d);
        var labels = new int[n];
        var dist = new double[n];
        var sums = new double[k * d];
        var counts = new int[k];
        double inertia = LloydStep.Run(x, n, d, centres, k, labels, dist, sums, counts, wide);

        var refSums = new double[k * d];
        var refCounts = new int[k];
        double refInertia = 0;
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestD = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) { double t = x[i * d + j] - centres[c * d + j]; s += t * t; }
                if (s < bestD) { bestD = s; best = c; }
            }
            Assert.Equal(best, labels[i]);
            Assert.Equal(bestD, dist[i]);       // same operations in the same order: the same bits
            refInertia += bestD;
            refCounts[best]++;
            for (int j = 0; j < d; j++) refSums[best * d + j] += x[i * d + j];
        }
        if (k >= 3) Assert.Equal(0, refCounts[2]);
        Assert.Equal(refCounts, counts);
        // Sums and inertia are added in per-thread chunks: n eps times the sum of magnitudes bounds the difference.
        double eps = Precision.Eps<double>();
        Assert.True(Math.Abs(inertia - refInertia) <= 2 * n * eps * refInertia, $"inertia {inertia} vs {refInertia}");
        for (int e = 0; e < k * d; e++)
            Assert.True(Math.Abs(sums[e] - refSums[e]) <= 2 * n * eps * (refCounts[e / d] * 5.0), $"sum[{e}] {sums[e]} vs {refSums[e]}");
    }
}
