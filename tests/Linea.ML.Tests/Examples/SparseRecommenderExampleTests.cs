using Linea.Examples.Recommender;

namespace Linea.ML.Tests.Examples;

/// <summary>Runs the sparse recommender at a small size, and checks its ALS step and data against independent truth.</summary>
public sealed class SparseRecommenderExampleTests
{
    private static Dictionary<string, string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));

    [Fact]
    public void Small_run_beats_the_item_mean_and_nears_the_noise_floor()
    {
        var writer = new StringWriter();
        var r = SparseRecommenderExample.Run(3000, 400, 1, writer);
        var lines = Lines(writer.ToString());
        Assert.Equal("3000", lines["users"]);
        Assert.Equal("400", lines["items"]);
        Assert.Equal(r.Ratings.ToString(System.Globalization.CultureInfo.InvariantCulture), lines["ratings"]);
        Assert.Equal(3000, r.HeldOut);
        Assert.InRange(r.Ratings, 3000L * 20, 3000L * 50);
        foreach (var key in new[] { "seconds", "rmse_heldout_item_mean", "rmse_heldout_truncated_svd", "rmse_heldout_als", "peak_rss_mb" })
            Assert.True(lines.ContainsKey(key), key);
        // Item means leave the user-item interaction (variance 1) plus noise (0.25): RMSE about sqrt(1.25) = 1.1.
        // ALS with ~34 ratings per user for 8 parameters adds about 0.25 * 8 / 34 to the noise variance 0.25: RMSE ~ 0.56.
        Assert.True(r.RmseItemMean > 1.0, $"item mean {r.RmseItemMean}");
        Assert.True(r.RmseTruncatedSvd < r.RmseItemMean, $"svd {r.RmseTruncatedSvd} vs item mean {r.RmseItemMean}");
        Assert.True(r.RmseAls < 0.65, $"als {r.RmseAls}");
        Assert.True(r.RmseAls > SparseRatings.NoiseStd * 0.9, $"als {r.RmseAls} below the noise floor: held-out data leaked?");
        Assert.True(r.PeakRssBytes > 0);

        var again = SparseRecommenderExample.Run(3000, 400, 1, TextWriter.Null);
        Assert.Equal(r.RmseAls, again.RmseAls);
    }

    [Fact]
    public void Held_out_ratings_are_not_in_the_training_matrix()
    {
        var d = SparseRatings.Generate(200, 60, 3, 5, 9, seed: 4);
        Assert.Equal(200, d.HeldOutRating.Length);
        for (int u = 0; u < 200; u++)
        {
            var items = d.Train.IndicesOf(u);
            Assert.InRange(items.Length, 4, 8);
            Assert.DoesNotContain(d.HeldOutItem[u], items.ToArray());
            for (int e = 1; e < items.Length; e++) Assert.True(items[e] > items[e - 1]);   // sorted, distinct
        }
    }

    [Fact]
    public void One_als_sweep_solves_both_ridge_problems()
    {
        const int k = 3;
        const double lambda = 0.7;
        var r = Sparse.Random<double>(12, 7, 0.5, seed: 9);
        var q0 = NDArray.Normal([7, k], 0.0, 1.0, seed: 3).ToArray();
        var q = (double[])q0.Clone();
        var p = AlternatingLeastSquares.Fit(r, r.T.ToCsr(), q, k, lambda, sweeps: 1);
        CheckRidge(r, q0, p, k, lambda);
        CheckRidge(r.T.ToCsr(), p, q, k, lambda);
    }

    /// <summary>Each row x_u of <paramref name="solved"/> satisfies (F_u^T F_u + lambda I) x_u = F_u^T a_u, by the dense
    /// solver: backward error a few k eps.</summary>
    private static void CheckRidge(SparseMatrix<double> a, double[] fixedFactors, double[] solved, int k, double lambda)
    {
        var f = NDArray.FromArray(fixedFactors).Reshape(a.Columns, k);
        for (int u = 0; u < a.Rows; u++)
        {
            var cols = a.IndicesOf(u).ToArray();
            var fu = NDArray.Zeros<double>(cols.Length, k);
            var au = NDArray.FromArray(a.ValuesOf(u).ToArray());
            for (int e = 0; e < cols.Length; e++) fu[e, ..] = f[cols[e], ..];
            var g = fu.T.MatMul(fu) + NDArray.Eye<double>(k) * lambda;
            var truth = Linalg.Solve(g, fu.T.MatMul(au));
            for (int c = 0; c < k; c++)
                Assert.True(Math.Abs(truth[c] - solved[u * k + c]) <= 1e-12 * (1 + Math.Abs(truth[c])), $"row {u}, {c}");
        }
    }
}
