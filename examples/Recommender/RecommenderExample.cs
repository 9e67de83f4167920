using System.Globalization;

namespace Linea.Examples.Recommender;

/// <summary>The figures the example prints, for the test that runs it.</summary>
public sealed record RecommenderResult(int Known, int Missing, (int User, int Film)[] HeldOut, double RmseFilmMean,
    double RmseLowRank, double RmseTrain, int Iterations, double[,] Prediction);

/// <summary>Predicts missing film ratings with a rank-2 model and measures it on ratings held out from the fit.</summary>
public static class RecommenderExample
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The rank of the model: two tastes (action and romance) drive the made-up data.</summary>
    public const int Rank = 2;

    /// <summary>Known ratings held out for testing.</summary>
    public const int HeldOutCount = 15;

    /// <summary>Runs the example on the table at <paramref name="csvPath"/> and prints `name: value` lines.</summary>
    public static RecommenderResult Run(string csvPath, TextWriter output)
    {
        var table = RatingsTable.Read(csvPath);
        var r = table.Ratings;
        int m = r.GetLength(0), n = r.GetLength(1);
        var known = new bool[m, n];
        int knownCount = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsNaN(r[i, j])) { known[i, j] = true; knownCount++; }
        var heldOut = ChooseHeldOut(known, HeldOutCount, seed: 7);
        var train = (bool[,])known.Clone();
        foreach (var (i, j) in heldOut) train[i, j] = false;

        Line(output, "users", m.ToString(Inv));
        Line(output, "films", n.ToString(Inv));
        Line(output, "known_ratings", knownCount.ToString(Inv));
        Line(output, "missing_ratings", (m * n - knownCount).ToString(Inv));
        Line(output, "held_out_ratings", heldOut.Length.ToString(Inv));

        var filmMean = LowRankCompletion.FilmMeans(r, train);
        var (prediction, iterations) = LowRankCompletion.Complete(r, train, Rank);
        var p = NDArray.Clip(prediction, 1.0, 5.0).ToArray2D();
        double rmseMean = Rmse(heldOut.Select(c => (r[c.User, c.Film], filmMean[c.Film])));
        double rmseLowRank = Rmse(heldOut.Select(c => (r[c.User, c.Film], p[c.User, c.Film])));
        var trainCells = Cells(train);
        double rmseTrain = Rmse(trainCells.Select(c => (r[c.User, c.Film], p[c.User, c.Film])));
        Line(output, "rank", Rank.ToString(Inv));
        Line(output, "iterations", iterations.ToString(Inv));
        Line(output, "rmse_train_rank2", rmseTrain.ToString("F3", Inv));
        Line(output, "rmse_heldout_film_mean", rmseMean.ToString("F3", Inv));
        Line(output, "rmse_heldout_rank2", rmseLowRank.ToString("F3", Inv));
        foreach (var (i, j) in heldOut)
            Line(output, $"heldout_{table.Users[i]}_{table.Films[j].Replace(' ', '_')}",
                $"actual {r[i, j].ToString("F0", Inv)} predicted {p[i, j].ToString("F2", Inv)} film_mean {filmMean[j].ToString("F2", Inv)}");
        for (int i = 0; i < m; i++)
        {
            var missing = Enumerable.Range(0, n).Where(j => !known[i, j]).ToArray();
            if (missing.Length == 0) continue;
            Line(output, $"predicted_{table.Users[i]}", string.Join(", ", missing.Select(j => $"{table.Films[j]} {p[i, j].ToString("F1", Inv)}")));
        }
        int missingCount = m * n - knownCount;
        return new RecommenderResult(knownCount, missingCount, heldOut, rmseMean, rmseLowRank, rmseTrain, iterations, p);
    }

    /// <summary>Picks <paramref name="count"/> known cells at random (seeded), leaving every user and film with at least
    /// three known ratings to learn from.</summary>
    public static (int User, int Film)[] ChooseHeldOut(bool[,] known, int count, int seed)
    {
        int m = known.GetLength(0), n = known.GetLength(1);
        var rowLeft = new int[m];
        var colLeft = new int[n];
        foreach (var (i, j) in Cells(known)) { rowLeft[i]++; colLeft[j]++; }
        var candidates = Cells(known);
        var order = new Rng((ulong)seed).Permutation(candidates.Length);
        var chosen = new List<(int, int)>();
        foreach (int k in order)
        {
            var (i, j) = candidates[k];
            if (rowLeft[i] <= 3 || colLeft[j] <= 3) continue;
            chosen.Add((i, j));
            rowLeft[i]--; colLeft[j]--;
            if (chosen.Count == count) break;
        }
        return chosen.ToArray();
    }

    private static (int User, int Film)[] Cells(bool[,] mask)
    {
        var list = new List<(int, int)>();
        for (int i = 0; i < mask.GetLength(0); i++)
            for (int j = 0; j < mask.GetLength(1); j++)
                if (mask[i, j]) list.Add((i, j));
        return list.ToArray();
    }

    private static double Rmse(IEnumerable<(double Actual, double Predicted)> pairs)
    {
        var a = pairs.ToArray();
        return Math.Sqrt(a.Sum(p => (p.Actual - p.Predicted) * (p.Actual - p.Predicted)) / a.Length);
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
