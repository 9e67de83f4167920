using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>The bounded Lloyd pass (Hamerly's bounds) against the full pass and the plain definition: the same labels
/// and counts, sums to rounding, bounds that hold; and KMeans, which uses it, against a scalar Lloyd.</summary>
public class LloydBoundsTests
{
    [Theory]
    [InlineData(500, 3, 1)]
    [InlineData(2000, 5, 7)]
    [InlineData(20_000, 4, 9)]     // more than one chunk when two or more threads run
    [InlineData(3000, 33, 17)]     // three groups of eight centres, a tail lane
    [InlineData(1001, 2, 16)]      // gathered tail of fewer than eight rows
    public void Bounded_passes_give_the_labels_of_full_passes_and_valid_bounds(int n, int d, int k)
    {
        Check(n, d, k, wide: false);
        if (LloydStep.WideAvailable) Check(n, d, k, wide: true);
    }

    private static void Check(int n, int d, int k, bool wide)
    {
        var rng = new Rng((ulong)(3 * n + d + 11 * k));
        var x = rng.Normal([n, d], 0.0, 1.0).ToArray();
        // Centres start on rows; with k >= 3 two of them coincide, so ties must keep going to the lower index.
        var centres = new double[k * d];
        for (int c = 0; c < k; c++) Array.Copy(x, (c * 37 % n) * d, centres, c * d, d);
        if (k >= 3) Array.Copy(centres, 0, centres, 2 * d, d);
        var labels = new int[n];
        var dist = new double[n];
        var sums = new double[k * d];
        var counts = new int[k];
        LloydStep.Run(x, n, d, centres, k, labels, dist, sums, counts, wide);
        var upper = dist.Select(Math.Sqrt).ToArray();
        var lower = new double[n];
        var move = new double[k];
        double eps = Precision.Eps<double>();
        for (int pass = 0; pass < 6; pass++)
        {
            // Move each centre to the mean of its rows (an empty one stays), as KMeans does.
            for (int c = 0; c < k; c++)
            {
                double moved = 0;
                for (int j = 0; j < d && counts[c] > 0; j++)
                {
                    double updated = sums[c * d + j] / counts[c], delta = updated - centres[c * d + j];
                    moved += delta * delta;
                    centres[c * d + j] = updated;
                }
                move[c] = Math.Sqrt(moved);
            }
            double slack = 2.0 * (d + 8 + pass + 1) * eps;
            LloydStep.RunBounded(x, n, d, centres, k, labels, upper, lower, move, slack, 0.0, sums, counts, wide);

            var fullLabels = new int[n];
            var fullSums = new double[k * d];
            var fullCounts = new int[k];
            LloydStep.Run(x, n, d, centres, k, fullLabels, null, fullSums, fullCounts, wide);
            Assert.Equal(fullLabels, labels);
            Assert.Equal(fullCounts, counts);
            // The updated sums differ from fresh ones by the rounding of at most (pass + 2) n additions of |x| <= 5.
            for (int e = 0; e < k * d; e++)
                Assert.True(Math.Abs(sums[e] - fullSums[e]) <= (pass + 2) * n * eps * 5.0 * Math.Max(1, counts[e / d]), $"sum[{e}] {sums[e]} vs {fullSums[e]}");
            // The bounds hold against the definition (distances in the same arithmetic, to relative rounding).
            for (int i = 0; i < n; i++)
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) { double t = x[i * d + j] - centres[c * d + j]; s += t * t; }
                    double dc = Math.Sqrt(s);
                    if (c == labels[i]) Assert.True(upper[i] >= dc * (1 - 4 * d * eps), $"row {i}: upper {upper[i]} < {dc}");
                    else Assert.True(lower[i] <= dc * (1 + 4 * d * eps), $"row {i}: lower {lower[i]} > {dc} (centre {c})");
                }
        }
    }

    [Theory]
    [InlineData(4000, 4, 12, 1UL)]
    [InlineData(3000, 17, 9, 2UL)]
    [InlineData(20_000, 3, 5, 3UL)]
    public void KMeans_follows_plain_Lloyd_from_the_same_centres(int n, int d, int k, ulong seed)
    {
        // Unclustered data: Lloyd needs many iterations, so most of them run through the bounded pass.
        var x = new Rng(seed).Normal([n, d], 0.0, 1.0);
        var init = x[..k].Copy();
        var km = new KMeans<double>(k, tol: 0) { InitialCenters = init }.Fit(x);
        var (refLabels, refCentres, refIter) = PlainLloyd(x.ToArray(), n, d, init.ToArray(), k);
        Assert.True(refIter > 5, $"only {refIter} iterations");
        Assert.Equal(refIter, km.NIter);
        Assert.Equal(refLabels.Select(l => (long)l).ToArray(), km.Labels.ToArray());
        var centres = km.ClusterCenters.ToArray();
        double eps = Precision.Eps<double>();
        for (int e = 0; e < k * d; e++)
            Assert.True(Math.Abs(centres[e] - refCentres[e]) <= 4 * refIter * n * eps * 5.0, $"centre[{e}] {centres[e]} vs {refCentres[e]}");

        // Identities: each row's label is its nearest centre, and the inertia is the sum of the squared distances to them.
        var xs = x.ToArray();
        double sse = 0;
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity, own = 0;
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) { double t = xs[i * d + j] - centres[c * d + j]; s += t * t; }
                best = Math.Min(best, s);
                if (c == km.Labels[i]) own = s;
            }
            Assert.Equal(best, own);
            sse += own;
        }
        Assert.Equal(sse, km.Inertia, 2 * n * eps * sse);
    }

    /// <summary>Lloyd's algorithm from the definition (scalar distances, first centre on ties, tol 0): iterate until
    /// the labels repeat; returns the labels, the centres and the number of centre updates.</summary>
    private static (int[] Labels, double[] Centres, int Iterations) PlainLloyd(double[] x, int n, int d, double[] init, int k)
    {
        var centres = (double[])init.Clone();
        int[]? previous = null;
        for (int iter = 1; ; iter++)
        {
            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                double bestD = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) { double t = x[i * d + j] - centres[c * d + j]; s += t * t; }
                    if (s < bestD) { bestD = s; labels[i] = c; }
                }
            }
            if (previous is not null && labels.SequenceEqual(previous)) return (labels, centres, iter - 1);
            previous = labels;
            var sums = new double[k * d];
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) sums[labels[i] * d + j] += x[i * d + j];
            }
            Assert.DoesNotContain(0, counts); // the data are chosen so that no cluster empties
            for (int e = 0; e < k * d; e++) centres[e] = sums[e] / counts[e / d];
        }
    }
}
