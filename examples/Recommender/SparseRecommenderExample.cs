using System.Diagnostics;
using System.Globalization;
using Linea.ML;

namespace Linea.Examples.Recommender;

/// <summary>The figures the sparse example prints, for the test that runs it.</summary>
public sealed record SparseRecommenderResult(int Users, int Items, long Ratings, int HeldOut, double RmseItemMean,
    double RmseTruncatedSvd, double RmseAls, double Seconds, long PeakRssBytes);

/// <summary>
/// The recommender at scale: a random users x items ratings matrix (<see cref="SparseRatings"/>, 20 to 50 ratings per
/// user, rank-<see cref="Rank"/> truth plus noise of standard deviation 0.5) held only as a CSR matrix. The model:
/// (1) subtract each item's mean training rating; (2) <see cref="TruncatedSvd{T}"/> on that sparse residual matrix R,
/// which needs only products of R and R^T with thin dense blocks: since the observed fraction p of the entries is
/// uniform, E[R] = p x (full residual), so (1 / p) times the rank-k SVD of R is a spectral estimate of the ratings (the
/// "USVT" estimator); (3) from those item factors, <see cref="AlternatingLeastSquares"/> on the observed ratings only, the
/// sound model for missing-not-zero data, which the spectral start makes converge in a few sweeps. Prints `name: value`
/// lines: sizes, seconds per stage, held-out RMSE of the item-mean baseline, the SVD estimate and ALS, and peak RSS.
/// </summary>
public static class SparseRecommenderExample
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rank of the truth and of the model.</summary>
    public const int Rank = 8;

    /// <summary>Ridge weight of ALS: noise variance over the prior variance of a factor entry (0.25 / (1 / 8)).</summary>
    public const double Lambda = 2.0;

    /// <summary>ALS sweeps after the spectral start.</summary>
    public const int Sweeps = 6;

    /// <summary>Default size: 100,000 users x 10,000 items.</summary>
    public const int DefaultUsers = 100_000, DefaultItems = 10_000;

    /// <summary>Generates the data, fits, and prints the figures.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (items must be at least 50).</exception>
    public static SparseRecommenderResult Run(int users, int items, ulong seed, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 50);
        var total = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var data = SparseRatings.Generate(users, items, Rank, 20, 50, seed);
        var train = data.Train;
        Line(output, "users", users.ToString(Inv));
        Line(output, "items", items.ToString(Inv));
        Line(output, "ratings", (train.Nnz + data.HeldOutRating.Length).ToString(Inv));
        Line(output, "train_ratings", train.Nnz.ToString(Inv));
        Line(output, "heldout_ratings", data.HeldOutRating.Length.ToString(Inv));
        Line(output, "density", train.Density.ToString("G3", Inv));
        Line(output, "generate_seconds", watch.Elapsed.TotalSeconds.ToString("F2", Inv));

        // (1) Item means and the residual matrix on the same pattern.
        watch.Restart();
        var itemMean = ItemMeans(train);
        var residual = train.Copy();
        var cols = residual.Indices;
        var vals = residual.Data;
        for (int e = 0; e < vals.Length; e++) vals[e] -= itemMean[cols[e]];
        double rmseMean = Rmse(data, (u, i) => itemMean[i]);

        // (2) Truncated SVD of the sparse residual: the spectral estimate (1 / p) U S V^T.
        var svd = new TruncatedSvd<double>(Rank, nIter: 4, seed: 0);
        var z = svd.FitTransform(residual);                      // users x k, U S
        var vt = svd.Components;                                  // k x items
        double p = train.Density;
        var zs = z.ToArray();
        var vts = vt.ToArray();
        double rmseSvd = Rmse(data, (u, i) =>
        {
            double s = 0;
            for (int f = 0; f < Rank; f++) s += zs[u * Rank + f] * vts[f * items + i];
            return itemMean[i] + s / p;
        });
        double svdSeconds = watch.Elapsed.TotalSeconds;
        Line(output, "truncated_svd_seconds", svdSeconds.ToString("F2", Inv));

        // (3) ALS on the observed entries, from balanced spectral item factors V sqrt(S / p).
        watch.Restart();
        var sv = svd.SingularValues.ToArray();
        var q = new double[(long)items * Rank];
        for (int i = 0; i < items; i++)
            for (int f = 0; f < Rank; f++) q[i * Rank + f] = vts[f * items + i] * Math.Sqrt(sv[f] / p);
        var residualT = residual.T.ToCsr();
        var pu = AlternatingLeastSquares.Fit(residual, residualT, q, Rank, Lambda, Sweeps);
        double rmseAls = Rmse(data, (u, i) =>
        {
            double s = itemMean[i];
            for (int f = 0; f < Rank; f++) s += pu[(long)u * Rank + f] * q[(long)i * Rank + f];
            return s;
        });
        double alsSeconds = watch.Elapsed.TotalSeconds;
        double seconds = total.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Line(output, "rank", Rank.ToString(Inv));
        Line(output, "als_sweeps", Sweeps.ToString(Inv));
        Line(output, "als_seconds", alsSeconds.ToString("F2", Inv));
        Line(output, "seconds", seconds.ToString("F2", Inv));
        Line(output, "rmse_heldout_item_mean", rmseMean.ToString("F4", Inv));
        Line(output, "rmse_heldout_truncated_svd", rmseSvd.ToString("F4", Inv));
        Line(output, "rmse_heldout_als", rmseAls.ToString("F4", Inv));
        Line(output, "rmse_noise_floor", SparseRatings.NoiseStd.ToString("F4", Inv));
        Line(output, "peak_rss_mb", (peak / (1024.0 * 1024.0)).ToString("F0", Inv));
        return new SparseRecommenderResult(users, items, train.Nnz + data.HeldOutRating.Length, data.HeldOutRating.Length,
            rmseMean, rmseSvd, rmseAls, seconds, peak);
    }

    /// <summary>Mean training rating of each item (the global mean for an item nobody rated). O(nnz + items).</summary>
    public static double[] ItemMeans(SparseMatrix<double> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var sum = train.Sum(0).ToArray();
        var count = new long[train.Columns];
        foreach (int c in train.Indices) count[c]++;
        double global = train.Nnz > 0 ? train.Sum() / train.Nnz : 0;
        var mean = new double[train.Columns];
        for (int i = 0; i < mean.Length; i++) mean[i] = count[i] > 0 ? sum[i] / count[i] : global;
        return mean;
    }

    private static double Rmse(SparseRatings data, Func<int, int, double> predict)
    {
        double s = 0;
        for (int k = 0; k < data.HeldOutRating.Length; k++)
        {
            double d = data.HeldOutRating[k] - predict(data.HeldOutUser[k], data.HeldOutItem[k]);
            s += d * d;
        }
        return Math.Sqrt(s / data.HeldOutRating.Length);
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
