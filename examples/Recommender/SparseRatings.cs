namespace Linea.Examples.Recommender;

/// <summary>
/// A random ratings matrix with a known low-rank truth: rating(u, i) = 3.5 + b_i + p_u . q_i + noise, with item biases
/// b_i ~ N(0, 0.5^2), user factors of rank <c>rank</c> with entries N(0, 1 / rank) and item factors with entries N(0, 1)
/// (so p_u . q_i has variance 1), noise N(0, <see cref="NoiseStd"/>^2). Each user rates
/// between <c>minPerUser</c> and <c>maxPerUser</c> distinct items drawn uniformly; one of them is held out for testing.
/// The training ratings form a CSR users x items matrix (indices sorted); nothing dense of size users x items exists.
/// </summary>
/// <param name="Train">The training ratings, users x items, CSR.</param>
/// <param name="HeldOutUser">User of each held-out rating (one per user).</param>
/// <param name="HeldOutItem">Item of each held-out rating.</param>
/// <param name="HeldOutRating">The held-out rating.</param>
public sealed record SparseRatings(SparseMatrix<double> Train, int[] HeldOutUser, int[] HeldOutItem, double[] HeldOutRating)
{
    /// <summary>Standard deviation of the rating noise: the best achievable RMSE.</summary>
    public const double NoiseStd = 0.5;

    /// <summary>Draws the matrix. Time O(ratings (rank + log maxPerUser)); memory O(ratings + (users + items) rank).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (users or items below 1, rank below 1,
    /// minPerUser below 2, maxPerUser below minPerUser or above items).</exception>
    public static SparseRatings Generate(int users, int items, int rank, int minPerUser, int maxPerUser, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPerUser, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerUser, minPerUser);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPerUser, items);
        var rng = new Rng(seed);
        double userScale = 1 / Math.Sqrt(rank);
        var p = new double[(long)users * rank];
        var q = new double[(long)items * rank];
        var bias = new double[items];
        for (long k = 0; k < p.LongLength; k++) p[k] = userScale * rng.NextNormal();
        for (long k = 0; k < q.LongLength; k++) q[k] = rng.NextNormal();
        for (int i = 0; i < items; i++) bias[i] = 0.5 * rng.NextNormal();

        var ptr = new long[users + 1];
        var idx = new List<int>(users * (minPerUser + maxPerUser) / 2);
        var val = new List<double>(idx.Capacity);
        var hu = new int[users];
        var hi = new int[users];
        var hr = new double[users];
        var stamp = new int[items];
        var rowItems = new int[maxPerUser];
        var rowValues = new double[maxPerUser];
        for (int u = 0; u < users; u++)
        {
            int count = minPerUser + rng.NextInt(maxPerUser - minPerUser + 1);
            for (int c = 0; c < count; c++)
            {
                int item;
                do item = rng.NextInt(items); while (stamp[item] == u + 1);
                stamp[item] = u + 1;
                double dot = 0;
                for (int f = 0; f < rank; f++) dot += p[(long)u * rank + f] * q[(long)item * rank + f];
                rowItems[c] = item;
                rowValues[c] = 3.5 + bias[item] + dot + NoiseStd * rng.NextNormal();
            }
            // The last drawn rating is held out (the draw order is random, so it is a uniform choice).
            hu[u] = u; hi[u] = rowItems[count - 1]; hr[u] = rowValues[count - 1];
            Array.Sort(rowItems, rowValues, 0, count - 1);
            for (int c = 0; c < count - 1; c++) { idx.Add(rowItems[c]); val.Add(rowValues[c]); }
            ptr[u + 1] = idx.Count;
        }
        var train = Sparse.Csr<double>(users, items, ptr, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(idx),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(val));
        return new SparseRatings(train, hu, hi, hr);
    }
}
