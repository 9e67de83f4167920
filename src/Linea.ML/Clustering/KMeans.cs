using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Linea.ML.Clustering;

/// <summary>
/// k-means clustering (Lloyd's algorithm) with greedy k-means++ seeding, as scikit-learn's <c>KMeans</c>: each of
/// <see cref="NInit"/> runs seeds centres by k-means++ and alternates assignment to the nearest centre with moving each
/// centre to the mean of its points, until the assignment no longer changes, the squared centre shift Σ||Δc||² is at
/// most Tol times the mean per-feature variance of X, or <see cref="MaxIter"/> iterations pass; the run with the lowest
/// inertia is kept. A cluster that loses all its points is moved to the point farthest from its centre.
/// Distances are computed directly, ||x - c||² in double (no ||x||² - 2x·c + ||c||² expansion, which cancels for data
/// far from the origin). Cost O(nInit · iterations · n · k · d) at most; the first iteration is one fused, vectorised
/// pass over X (assignment, sums and counts together, no n x k distance matrix); later iterations keep Hamerly's bounds
/// (2010) for each row, a distance above to its centre and one below to every other centre, moved by how far the
/// centres moved, and compute distances (and read X) only for the rows whose bounds no longer prove their label; the
/// sums follow the rows that changed cluster. The labels are those of full passes (the bounds' test leaves a margin for
/// rounding); the centres agree with freshly summed ones to rounding. Memory: float64 X is read
/// in place (float32 X is widened once to an n x d double copy); the fit holds labels, previous labels, distances and
/// the two bounds (5 n values; all but the labels are rented from the shared array pool, so repeated fits reuse them)
/// and O(k d) centres and sums (each pass allocates the d x k transposed centres and per-thread sums and counts);
/// k-means++ seeding allocates 3 n doubles per run; the model keeps the k x d centres and the n training labels. On
/// the bench's 100,000 x 20, k = 8, a warm fit allocates about 0.5 MB (the labels it keeps and k-means' small per-pass
/// arrays).
/// <code>
/// var km = new KMeans&lt;double&gt;(nClusters: 3, seed: 0).Fit(X);
/// NDArray&lt;long&gt; labels = km.Labels;  var centres = km.ClusterCenters;  double sse = km.Inertia;
/// </code>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class KMeans<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "KMeans";
    private double[]? _centres;
    private int[]? _labels;
    private int _features;

    /// <summary>Creates the estimator.</summary>
    /// <param name="nClusters">k, at least 1.</param>
    /// <param name="nInit">Number of seeded runs; the best by inertia is kept. At least 1.</param>
    /// <param name="maxIter">Iteration limit per run, at least 1.</param>
    /// <param name="tol">Relative tolerance on the centre shift (see the class summary); non-negative.</param>
    /// <param name="seed">Seed of the k-means++ draws.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    public KMeans(int nClusters, int nInit = 10, int maxIter = 300, double tol = 1e-4, ulong seed = 0)
    {
        if (nClusters < 1) throw new ArgumentOutOfRangeException(nameof(nClusters), nClusters, $"{Model}: nClusters must be at least 1");
        if (nInit < 1) throw new ArgumentOutOfRangeException(nameof(nInit), nInit, $"{Model}: nInit must be at least 1");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{Model}: maxIter must be at least 1");
        if (!(tol >= 0 && double.IsFinite(tol))) throw new ArgumentOutOfRangeException(nameof(tol), tol, $"{Model}: tol must be non-negative and finite");
        NClusters = nClusters;
        NInit = nInit;
        MaxIter = maxIter;
        Tol = tol;
        Seed = seed;
    }

    /// <summary>k.</summary>
    public int NClusters { get; }
    /// <summary>Number of seeded runs.</summary>
    public int NInit { get; }
    /// <summary>Iteration limit per run.</summary>
    public int MaxIter { get; }
    /// <summary>Relative centre-shift tolerance.</summary>
    public double Tol { get; }
    /// <summary>Seed of the k-means++ draws.</summary>
    public ulong Seed { get; }

    /// <summary>Initial centres, shape (k, features), used instead of k-means++ seeding (scikit-learn's <c>init=array</c>);
    /// every run then starts from them, so one run is done whatever <see cref="NInit"/> says. Null (default) seeds by
    /// k-means++. Checked at Fit: <see cref="ShapeMismatchException"/> for a wrong shape, <see cref="NonFiniteException"/>
    /// for NaN or infinity.</summary>
    public NDArray<T>? InitialCenters { get; init; }

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _centres is not null;

    /// <summary>The centres, shape (k, features).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> ClusterCenters => DoubleRows.To<T>(Centres("ClusterCenters"), NClusters, _features);

    /// <summary>The cluster of each training sample (0..k-1), from the final centres: a fresh long tensor (n,)
    /// (scikit-learn's <c>labels_</c>). O(n) per call.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<long> Labels => LabelTensor.From(_labels ?? throw NotFittedException.For(Model, "Labels"));

    internal int[] LabelIndices => _labels ?? throw NotFittedException.For(Model, "Labels");

    /// <summary>Sum of squared distances of the training samples to their nearest centre.</summary>
    public double Inertia { get; private set; } = double.NaN;

    /// <summary>Iterations of the kept run.</summary>
    public int NIter { get; private set; }

    /// <summary>Clusters the rows of <paramref name="x"/>.</summary>
    /// <param name="x">Samples, shape (n, features), n ≥ k, finite.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ShapeMismatchException">x is not 2-d.</exception>
    /// <exception cref="ArgumentException">Fewer samples than clusters.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public KMeans<T> Fit(NDArray<T> x)
    {
        Guard.Matrix(x, Model + ".Fit", minRows: NClusters);
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        var xs = x.Contiguous();
        // float64 data are read in place; float32 data are widened once.
        var data = typeof(T) == typeof(double) ? MemoryMarshal.Cast<T, double>(xs.AsReadOnlySpan()) : DoubleRows.From(xs);
        double tolScaled = Tol * MeanVariance(data, n, d);
        var rng = new Rng(Seed);
        double[]? given = InitialCentres(d);
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < (given is null ? NInit : 1); run++)
        {
            var centres = given ?? KMeansPlusPlus.Seed(data, n, d, NClusters, rng);
            var labels = new int[n];
            var (iterations, lastInertia) = Lloyd(data, n, d, centres, tolScaled, labels);
            // After a strict convergence the last pass already assigned every row to the final centres.
            double inertia = lastInertia ?? Assign(data, n, d, centres, labels, null);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                _centres = centres;
                _labels = labels;
                NIter = iterations;
            }
        }
        Inertia = bestInertia;
        _features = d;
        GC.KeepAlive(xs);
        return this;
    }

    /// <summary>Fits and returns <see cref="Labels"/>.</summary>
    public NDArray<long> FitPredict(NDArray<T> x) => Fit(x).Labels;

    /// <summary>The nearest centre of each row of <paramref name="x"/> (m, features), as a long tensor (m,). O(m k d).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<long> Predict(NDArray<T> x) => LabelTensor.From(PredictIndices(x));

    internal int[] PredictIndices(NDArray<T> x)
    {
        var centres = Centres("Predict");
        Guard.Matrix(x, Model + ".Predict");
        if (x.Shape[1] != _features)
            throw new ShapeMismatchException(Model + ".Predict", [x.Shape], $"{Model}.Predict: X has {x.Shape[1]} features but the model was fitted on {_features}");
        var labels = new int[x.Shape[0]];
        Assign(DoubleRows.From(x), (int)x.Shape[0], _features, centres, labels, null);
        return labels;
    }

    private double[]? InitialCentres(int d)
    {
        if (InitialCenters is not { } init) return null;
        if (init.Rank != 2 || init.Shape[0] != NClusters || init.Shape[1] != d)
            throw new ShapeMismatchException(Model + ".Fit", [init.Shape],
                $"{Model}.Fit: InitialCenters has shape {init.Shape}; expected ({NClusters}, {d}) for {NClusters} clusters of {d} features");
        Guard.Finite(init, Model + ".Fit", "InitialCenters");
        return DoubleRows.From(init);
    }

    private double[] Centres(string member) => _centres ?? throw NotFittedException.For(Model, member);

    /// <summary>Lloyd iterations from <paramref name="centres"/> (updated in place), each one fused pass of
    /// <see cref="LloydStep"/>: the first computes every distance, the later ones skip the rows that Hamerly's bounds
    /// prove keep their label (<see cref="LloydStep.RunBounded"/>: the labels of full passes; sums updated by the rows
    /// that moved, so the centres agree with fresh sums to rounding). Returns the number of iterations done and, when the assignment stopped changing (so
    /// <paramref name="labels"/> belong to the final centres), the inertia of that last assignment; null otherwise.</summary>
    private (int Iterations, double? Inertia) Lloyd(ReadOnlySpan<double> x, int n, int d, double[] centres, double tolScaled, int[] labels)
    {
        // The n-sized scratch (previous labels, distances, the two bounds) is pooled: repeated fits reuse it.
        int[] previous = ArrayPool<int>.Shared.Rent(n);
        double[] dist = ArrayPool<double>.Shared.Rent(n);
        double[] upper = ArrayPool<double>.Shared.Rent(n);
        double[] lower = ArrayPool<double>.Shared.Rent(n);
        try { return Iterate(x, n, d, centres, tolScaled, labels, previous, dist, upper, lower); }
        finally
        {
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<double>.Shared.Return(dist);
            ArrayPool<double>.Shared.Return(upper);
            ArrayPool<double>.Shared.Return(lower);
        }
    }

    private (int Iterations, double? Inertia) Iterate(ReadOnlySpan<double> x, int n, int d, double[] centres, double tolScaled, int[] labels,
        int[] previous, double[] dist, double[] upper, double[] lower)
    {
        int k = NClusters;
        bool wide = LloydStep.WideAvailable;
        var sums = new double[k * d];
        var counts = new int[k];
        var move = new double[k];
        int since = 0;       // centre updates since the bounds were set
        double drift = 0;    // the largest centre move, summed over those updates
        for (int iter = 1; iter <= MaxIter; iter++)
        {
            double? inertia = null;
            if (iter == 1) inertia = LloydStep.Run(x, n, d, centres, k, labels, dist, sums, counts, wide);
            else
            {
                // Slack of the skip test: a computed distance or move is within (d/2 + 2) eps of the true one (relative),
                // each update of a bound adds an eps of its size, and the lower bound's absolute error grows with the
                // moves subtracted from it. Twice that, so that a row keeps its label only where a full pass agrees.
                double slack = 2.0 * (d + 8 + since) * Precision.Eps<double>();
                LloydStep.RunBounded(x, n, d, centres, k, labels, upper, lower, move, slack, 2 * slack * drift, sums, counts, wide);
            }
            if (iter > 1 && labels.AsSpan().SequenceEqual(previous.AsSpan(0, n)))
                // Skipped rows carry no distance: one full pass gives the inertia (the same labels, the same bits).
                return (iter - 1, inertia ?? LloydStep.Run(x, n, d, centres, k, labels, null, null, null, wide));
            Array.Copy(labels, previous, n);
            bool empty = counts.AsSpan().Contains(0);
            if (empty)
            {
                // The farthest rows need every distance: recompute the pass in full (the same labels).
                if (inertia is null) LloydStep.Run(x, n, d, centres, k, labels, dist, sums, counts, wide);
                RelocateEmpty(x, n, d, labels, dist, sums, counts);
            }
            if (inertia is not null || empty)
            {
                // Bounds from a full pass: the distance to the assigned centre above, zero below (refined as rows are computed).
                TensorPrimitives.Sqrt(dist.AsSpan(0, n), upper.AsSpan(0, n));
                Array.Clear(lower, 0, n);
                (since, drift) = (0, 0);
            }
            double shift = 0, largest = 0;
            for (int c = 0; c < k; c++)
            {
                double moved = 0;
                for (int j = 0; j < d; j++)
                {
                    double updated = sums[c * d + j] / counts[c];
                    double delta = updated - centres[c * d + j];
                    shift += delta * delta;
                    moved += delta * delta;
                    centres[c * d + j] = updated;
                }
                move[c] = Math.Sqrt(moved);
                largest = Math.Max(largest, move[c]);
            }
            since++;
            drift += largest;
            if (shift <= tolScaled) return (iter, null);
        }
        return (MaxIter, null);
    }

    /// <summary>Gives each empty cluster the point farthest from its current centre (a different point for each).</summary>
    private void RelocateEmpty(ReadOnlySpan<double> x, int n, int d, int[] labels, double[] dist, double[] sums, int[] counts)
    {
        for (int c = 0; c < NClusters; c++)
        {
            if (counts[c] > 0) continue;
            int far = -1;
            for (int i = 0; i < n; i++)
                if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
            if (far < 0) continue; // cannot happen with n >= k, kept for safety
            int old = labels[far];
            counts[old]--;
            for (int j = 0; j < d; j++)
            {
                sums[old * d + j] -= x[far * d + j];
                sums[c * d + j] = x[far * d + j];
            }
            counts[c] = 1;
            labels[far] = c;
            dist[far] = 0;
        }
    }

    /// <summary>Nearest centre of every row (first on ties); returns the inertia and optionally each squared distance.</summary>
    private double Assign(ReadOnlySpan<double> x, int n, int d, double[] centres, int[] labels, double[]? dist) =>
        LloydStep.Run(x, n, d, centres, NClusters, labels, dist, null, null);

    /// <summary>The mean over features of the per-feature (population) variance: one row-wise pass of sums and sums of
    /// squares of X shifted by its first row (which keeps the subtraction from cancelling for data far from the origin).</summary>
    private static double MeanVariance(ReadOnlySpan<double> x, int n, int d)
    {
        if (d == 0) return 0;
        var sum = new double[d];
        var sumSq = new double[d];
        var first = x[..d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            int j = 0;
            // Feature by feature the same operations in the same row order as the scalar loop: the same bits.
            for (int w = Vector<double>.Count; j + w <= d; j += w)
            {
                var v = new Vector<double>(row[j..]) - new Vector<double>(first[j..]);
                (new Vector<double>(sum, j) + v).CopyTo(sum, j);
                (new Vector<double>(sumSq, j) + v * v).CopyTo(sumSq, j);
            }
            for (; j < d; j++)
            {
                double v = row[j] - first[j];
                sum[j] += v;
                sumSq[j] += v * v;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) total += Math.Max(0, sumSq[j] / n - sum[j] / n * (sum[j] / n));
        return total / d;
    }
}
