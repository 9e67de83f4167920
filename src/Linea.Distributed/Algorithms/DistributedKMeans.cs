using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// k-means (Lloyd's algorithm) on a row-block matrix: each rank assigns its own rows to the nearest centre, and one
/// allreduce per iteration sums the per-cluster coordinate sums and counts, so every rank moves the centres
/// identically. From the same initial centres it follows <c>Linea.ML.Clustering.KMeans</c> with <c>InitialCenters</c>
/// on the stacked matrix step for step: the same stopping rules (no label changed anywhere; squared centre shift at
/// most Tol times the mean per-feature variance; MaxIter) and the same relocation of an empty cluster to the point
/// farthest from its centre (the first such point in global row order), so labels and iteration counts agree and
/// centres agree to rounding (the sums are added in a different order). Per iteration: O(n k d / p) time, one
/// allreduce of k (d + 2) doubles. Memory per rank: a double copy of its rows.
/// <code>
/// var km = new DistributedKMeans&lt;double&gt;(nClusters: 8).Fit(x, seed: 0);   // x: a RowBlockMatrix
/// NDArray&lt;long&gt; mine = km.LocalLabels;   NDArray&lt;double&gt; centres = km.ClusterCenters;   // centres on every rank
/// </code>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class DistributedKMeans<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private double[]? _centres;
    private int[]? _labels;
    private int _features;

    /// <summary>Creates the estimator.</summary>
    /// <param name="nClusters">k, at least 1.</param>
    /// <param name="maxIter">Iteration limit, at least 1.</param>
    /// <param name="tol">Relative tolerance on the squared centre shift (times the mean per-feature variance), ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    public DistributedKMeans(int nClusters, int maxIter = 300, double tol = 1e-4)
    {
        if (nClusters < 1) throw new ArgumentOutOfRangeException(nameof(nClusters), nClusters, "DistributedKMeans: nClusters must be at least 1");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "DistributedKMeans: maxIter must be at least 1");
        if (!(tol >= 0 && double.IsFinite(tol))) throw new ArgumentOutOfRangeException(nameof(tol), tol, "DistributedKMeans: tol must be non-negative and finite");
        NClusters = nClusters;
        MaxIter = maxIter;
        Tol = tol;
    }

    /// <summary>k.</summary>
    public int NClusters { get; }

    /// <summary>Iteration limit.</summary>
    public int MaxIter { get; }

    /// <summary>Relative centre-shift tolerance.</summary>
    public double Tol { get; }

    /// <summary>The centres, shape (k, d), the same on every rank.</summary>
    /// <exception cref="InvalidOperationException">Before Fit.</exception>
    public NDArray<T> ClusterCenters
    {
        get
        {
            double[] c = _centres ?? throw new InvalidOperationException("DistributedKMeans: call Fit first");
            var t = NDArray.Zeros<T>(NClusters, _features);
            for (int i = 0; i < NClusters; i++)
                for (int j = 0; j < _features; j++) t[i, j] = T.CreateTruncating(c[i * _features + j]);
            return t;
        }
    }

    /// <summary>
    /// The cluster of each of this rank's rows (0..k-1), from the final centres: a new (local rows,) int64 tensor, as
    /// <c>KMeans.Labels</c> and every other class label or cluster assignment in Linea.ML. O(local rows) time and memory.
    /// </summary>
    /// <exception cref="InvalidOperationException">Before Fit.</exception>
    public NDArray<long> LocalLabels
    {
        get
        {
            int[] labels = _labels ?? throw new InvalidOperationException("DistributedKMeans: call Fit first");
            var values = new long[labels.Length];
            for (int i = 0; i < values.Length; i++) values[i] = labels[i];
            return NDArray.FromArray(values);
        }
    }

    /// <summary>Sum over all ranks of the squared distances of the rows to their nearest centre.</summary>
    public double Inertia { get; private set; } = double.NaN;

    /// <summary>Lloyd iterations done.</summary>
    public int NIter { get; private set; }

    /// <summary>
    /// Fits from k distinct rows drawn uniformly with <paramref name="seed"/> (scikit-learn's <c>init='random'</c>),
    /// the same rows on every rank (collective).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer rows than clusters.</exception>
    public DistributedKMeans<T> Fit(RowBlockMatrix<T> x, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < NClusters) throw new ArgumentException($"DistributedKMeans.Fit: X has {x.Rows} rows in all, fewer than nClusters = {NClusters}", nameof(x));
        var rng = new Rng(seed);
        var chosen = new SortedSet<long>();
        var order = new List<long>();
        while (order.Count < NClusters)
        {
            long i = (long)(rng.NextUInt64() % (ulong)x.Rows);
            if (chosen.Add(i)) order.Add(i);
        }
        return Fit(x, Rows(x, order));
    }

    /// <summary>
    /// The rows of <paramref name="x"/> at the given global indices, as a (count, d) tensor on every rank (one allreduce:
    /// each row comes from the rank that owns it).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..n-1.</exception>
    public static NDArray<T> Rows(RowBlockMatrix<T> x, IReadOnlyList<long> globalRows)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(globalRows);
        int d = x.Columns;
        var buffer = new double[globalRows.Count * d];
        long lo = x.RowOffset, hi = lo + x.LocalRows;
        for (int c = 0; c < globalRows.Count; c++)
        {
            long g = globalRows[c];
            if (g < 0 || g >= x.Rows) throw new ArgumentOutOfRangeException(nameof(globalRows), g, $"DistributedKMeans.Rows: row {g} is outside 0..{x.Rows - 1}");
            if (g >= lo && g < hi)
                for (int j = 0; j < d; j++) buffer[c * d + j] = double.CreateTruncating(x.Local[g - lo, j]);
        }
        x.Communicator.WithoutArgumentChecks().Allreduce<double>(buffer, ReductionOp.Sum);
        var t = NDArray.Zeros<T>(globalRows.Count, d);
        for (int c = 0; c < globalRows.Count; c++)
            for (int j = 0; j < d; j++) t[c, j] = T.CreateTruncating(buffer[c * d + j]);
        return t;
    }

    /// <summary>Fits from the given centres, which must be the same on every rank (collective).</summary>
    /// <param name="x">The samples, n x d over the ranks, n ≥ k, finite.</param>
    /// <param name="initialCentres">Shape (k, d), identical on every rank (checked).</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ShapeMismatchException">The centres are not (k, d).</exception>
    /// <exception cref="MpiCountMismatchException">The ranks passed different centres (on every rank).</exception>
    /// <exception cref="NonFiniteException">A block holds NaN or infinity (that rank; the others throw MpiException naming it).</exception>
    public DistributedKMeans<T> Fit(RowBlockMatrix<T> x, NDArray<T> initialCentres)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(initialCentres);
        Communicator comm = x.Communicator.WithoutArgumentChecks();
        int k = NClusters, d = x.Columns;
        if (initialCentres.Rank != 2 || initialCentres.Shape[0] != k || initialCentres.Shape[1] != d)
            throw new ShapeMismatchException("DistributedKMeans.Fit", [initialCentres.Shape],
                $"DistributedKMeans.Fit: the initial centres have shape {initialCentres.Shape}; they must be ({k}, {d})");
        if (x.Rows < k) throw new ArgumentException($"DistributedKMeans.Fit: X has {x.Rows} rows in all, fewer than nClusters = {k}", nameof(x));
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++) centres[c * d + j] = double.CreateTruncating(initialCentres[c, j]);
        double[] root = (double[])centres.Clone();
        comm.Broadcast<double>(root, 0);
        if (comm.Allreduce(root.AsSpan().SequenceEqual(centres) ? 0 : 1, ReductionOp.Max) != 0)
            throw new MpiCountMismatchException(comm.Rank, comm.Size, "DistributedKMeans.Fit", "the initial centres differ across ranks; pass the same (k, d) tensor on every rank");

        int m = (int)x.LocalRows;
        double[] data = Collective.Agree(x.Communicator, "kmeans", () => ToDoubles(x.Local, m, d));
        double tolScaled = Tol * MeanVariance(comm, data, m, d, x.Rows);
        NIter = Lloyd(comm, data, m, d, centres, tolScaled);
        var labels = new int[m];
        Inertia = comm.Allreduce(Assign(data, m, d, centres, labels, null), ReductionOp.Sum);
        _centres = centres;
        _labels = labels;
        _features = d;
        return this;
    }

    private int Lloyd(Communicator comm, double[] x, int m, int d, double[] centres, double tolScaled)
    {
        int k = NClusters;
        var labels = new int[m];
        var previous = new int[m];
        var dist = new double[m];
        var reduced = new double[k * d + k];   // sums, then counts
        for (int iter = 1; iter <= MaxIter; iter++)
        {
            Assign(x, m, d, centres, labels, dist);
            int changed = iter == 1 || !labels.AsSpan().SequenceEqual(previous) ? 1 : 0;
            if (iter > 1 && comm.Allreduce(changed, ReductionOp.Max) == 0) return iter - 1;
            Array.Copy(labels, previous, m);
            Array.Clear(reduced);
            for (int i = 0; i < m; i++)
            {
                reduced[k * d + labels[i]] += 1;
                for (int j = 0; j < d; j++) reduced[labels[i] * d + j] += x[i * d + j];
            }
            comm.Allreduce<double>(reduced, ReductionOp.Sum);
            Span<double> sums = reduced.AsSpan(0, k * d);
            Span<double> counts = reduced.AsSpan(k * d, k);
            RelocateEmpty(comm, x, m, d, labels, dist, sums, counts);
            double shift = 0;
            for (int c = 0; c < k; c++)
                for (int j = 0; j < d; j++)
                {
                    double updated = sums[c * d + j] / counts[c];
                    double delta = updated - centres[c * d + j];
                    shift += delta * delta;
                    centres[c * d + j] = updated;
                }
            if (shift <= tolScaled) return iter;
        }
        return MaxIter;
    }

    /// <summary>
    /// Gives each empty cluster the point farthest from its centre among clusters with more than one point (the first
    /// such point in global order on ties), as the single-process KMeans does; one allgather and one broadcast each.
    /// </summary>
    private void RelocateEmpty(Communicator comm, double[] x, int m, int d, int[] labels, double[] dist, Span<double> sums, Span<double> counts)
    {
        for (int c = 0; c < NClusters; c++)
        {
            if (counts[c] > 0) continue;
            int far = -1;
            for (int i = 0; i < m; i++)
                if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
            double[] candidates = comm.Allgather<double>(far < 0 ? double.NegativeInfinity : dist[far]);
            int owner = -1;
            for (int r = 0; r < comm.Size; r++)
                if (candidates[r] != double.NegativeInfinity && (owner < 0 || candidates[r] > candidates[owner])) owner = r;
            if (owner < 0) continue;
            var moved = new double[d + 1];
            if (comm.Rank == owner)
            {
                x.AsSpan(far * d, d).CopyTo(moved);
                moved[d] = labels[far];
                labels[far] = c;
                dist[far] = 0;
            }
            comm.Broadcast<double>(moved, owner);
            int old = (int)moved[d];
            counts[old]--;
            for (int j = 0; j < d; j++)
            {
                sums[old * d + j] -= moved[j];
                sums[c * d + j] = moved[j];
            }
            counts[c] = 1;
        }
    }

    private double Assign(double[] x, int m, int d, double[] centres, int[] labels, double[]? dist)
    {
        double inertia = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * d, d);
            int best = 0;
            double bestD = double.PositiveInfinity;
            for (int c = 0; c < NClusters; c++)
            {
                ReadOnlySpan<double> centre = centres.AsSpan(c * d, d);
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    double diff = row[j] - centre[j];
                    s += diff * diff;
                }
                if (s < bestD) { bestD = s; best = c; }
            }
            labels[i] = best;
            if (dist is not null) dist[i] = bestD;
            inertia += bestD;
        }
        return inertia;
    }

    /// <summary>The mean over features of each feature's population variance, over all ranks (two allreduces).</summary>
    private static double MeanVariance(Communicator comm, double[] x, int m, int d, long n)
    {
        var sums = new double[d];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < d; j++) sums[j] += x[i * d + j];
        comm.Allreduce<double>(sums, ReductionOp.Sum);
        var squares = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = sums[j] / n;
            for (int i = 0; i < m; i++) squares[j] += (x[i * d + j] - mean) * (x[i * d + j] - mean);
        }
        comm.Allreduce<double>(squares, ReductionOp.Sum);
        double total = 0;
        for (int j = 0; j < d; j++) total += squares[j] / n;
        return d == 0 ? 0 : total / d;
    }

    private static double[] ToDoubles(NDArray<T> local, int m, int d)
    {
        var data = new double[m * d];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < d; j++)
            {
                T v = local[i, j];
                if (!T.IsFinite(v)) throw new NonFiniteException($"DistributedKMeans.Fit: X holds {v} at local row {i}, column {j}");
                data[i * d + j] = double.CreateTruncating(v);
            }
        return data;
    }
}
