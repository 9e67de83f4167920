using Linea.ML;

namespace Linea.Examples.Recommender;

/// <summary>
/// Fills a ratings matrix with a rank-k model (iterative SVD imputation, "hard impute"): centre each film by its mean
/// known rating, start the unknown entries at 0 (the mean), and repeat: fit a rank-k truncated SVD of the filled,
/// centred matrix and put its values into the unknown entries, keeping the known ones, until the filled values settle.
/// </summary>
public static class LowRankCompletion
{
    /// <summary>The completed matrix (film means added back) and the iterations used.</summary>
    public static (NDArray<double> Prediction, int Iterations) Complete(double[,] ratings, bool[,] known, int rank,
        int maxIter = 500, double tol = 1e-9)
    {
        int m = ratings.GetLength(0), n = ratings.GetLength(1);
        var filmMean = FilmMeans(ratings, known);
        var mask = NDArray.Zeros<double>(m, n);
        var centred = NDArray.Zeros<double>(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (known[i, j]) { mask[i, j] = 1; centred[i, j] = ratings[i, j] - filmMean[j]; }
        var filled = centred.Copy();
        NDArray<double> lowRank = NDArray.Zeros<double>(m, n);
        int it = 0;
        while (it < maxIter)
        {
            it++;
            var svd = new TruncatedSvd<double>(rank, seed: 0);
            lowRank = svd.InverseTransform(svd.FitTransform(filled));
            var next = centred * mask + lowRank * (1.0 - mask);
            double change = Linalg.Norm(next - filled, "fro"), size = Linalg.Norm(next, "fro");
            filled = next;
            if (change <= tol * size) break;
        }
        return (lowRank + NDArray.FromArray(filmMean), it);
    }

    /// <summary>Mean known rating of each film.</summary>
    public static double[] FilmMeans(double[,] ratings, bool[,] known)
    {
        int m = ratings.GetLength(0), n = ratings.GetLength(1);
        var mean = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s = 0; int c = 0;
            for (int i = 0; i < m; i++) if (known[i, j]) { s += ratings[i, j]; c++; }
            mean[j] = c > 0 ? s / c : 3;
        }
        return mean;
    }
}
