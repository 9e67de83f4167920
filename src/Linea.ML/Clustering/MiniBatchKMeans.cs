using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>
/// Mini-batch k-means (Sculley, 2010), scikit-learn's <c>MiniBatchKMeans</c>, for data read block by block: centres
/// seeded by greedy k-means++ on a uniform sample of the rows (best of <see cref="NInit"/> seedings by inertia on that
/// sample), then each mini-batch of <see cref="BatchSize"/> rows is assigned to its nearest centres and every centre
/// moves to the running mean of all the points ever assigned to it (learning rate 1 / count). Centres whose count
/// falls below <see cref="ReassignmentRatio"/> times the largest are moved to random rows of the batch, as scikit-learn
/// does; training stops early when the smoothed batch inertia has not improved for <see cref="MaxNoImprovement"/>
/// mini-batches or the squared centre shift falls below <see cref="Tol"/> times the mean feature variance.
/// Distances are computed directly in double, by the vectorised assignment pass of <see cref="KMeans{T}"/> (eight rows
/// against every centre at once: the same distances and ties as a row-by-row scan; a fit of 100,000 x 20, batch 1024,
/// k 8 took 49 ms with that scan and 16-19 ms with the pass, 2026-12-08).
/// <code>
/// var mbk = new MiniBatchKMeans&lt;double&gt;(nClusters: 10, batchSize: 4096, seed: 0).Fit(RowBlocks.FromTensor(mapped));
/// int[] labels = mbk.Predict(xNew);  double sse = mbk.Inertia;
/// </code>
/// </summary>
/// <remarks>
/// Unlike scikit-learn's in-memory <c>fit</c>, which draws each mini-batch at random with replacement, a source is
/// read in order: mini-batches are consecutive rows, and a pass over all of them is one of <see cref="MaxIter"/>
/// epochs. Data sorted by cluster still converge (each centre is a running mean), but the early batches then see one
/// cluster at a time; shuffle such a file once if it matters. For the same reason centres are reassigned, and early
/// stopping is allowed, only from the second epoch on: during the first, a centre with no points may only not have met
/// its cluster yet, and a flat inertia may only mean that the batches so far came from one cluster.
/// <para>Memory: the model holds the k x d centres and k counts (double), and the n labels only after
/// <see cref="Fit(NDArray{T})"/> or <see cref="PartialFit"/>. A fit allocates the seeding sample (a reservoir of
/// initSize x d doubles) and k-means++'s 3 initSize doubles per seeding, then once per fit the step buffers (the batch's
/// labels, k d sums, a k d copy of the centres, k counts) that every mini-batch reuses. Contiguous float64 blocks are
/// read in place; float32 (or strided) blocks are converted into one reused double buffer of a block's size (the
/// seeding pass reads blocks of about 2^20 elements). A warm <c>Fit(X)</c> of 100,000 x 20 float64, batch 1024, k 8
/// (108 mini-batches) allocates 1.0-1.2 MB: the kept labels 0.4, the reservoir 0.5, the seedings 0.2 (70.2 MB before,
/// 2026-12-07).</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class MiniBatchKMeans<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "MiniBatchKMeans";
    private double[]? _centres;
    private double[] _counts = [];
    private int[]? _labels;
    private int _features;
    private Rng _rng;
    private double? _ewaInertia, _ewaInertiaMin;
    private int _noImprovement;
    private long _sinceReassign;
    // A fit's step buffers, allocated by Start and reused by every mini-batch: the batch's labels (grown when a
    // PartialFit batch is larger), the k x d sums and previous centres, the k batch counts, and the double rows of a
    // float32 (or strided) block.
    private int[] _batchLabels = [];

    /// <summary>Rows per call of the assignment pass when only the inertia is wanted: a label scratch of at most 256 KiB,
    /// and chunks long enough for the pass to use its threads.</summary>
    private const int AssignChunk = 1 << 16;
    private double[] _sums = [], _batchCounts = [], _previous = [], _rows = [];

    /// <summary>Creates the estimator; nothing is computed until a fit.</summary>
    /// <param name="nClusters">k, at least 1 (scikit-learn's default 8).</param>
    /// <param name="batchSize">Rows per mini-batch, at least 1 (default 1024).</param>
    /// <param name="maxIter">Epochs (passes over the data), at least 1 (default 100).</param>
    /// <param name="seed">Seed of the sample, the k-means++ draws and the reassignments: the same seed gives the same model.</param>
    /// <param name="nInit">k-means++ seedings tried on the sample, the best kept (default 3).</param>
    /// <param name="initSize">Rows in the seeding sample; null for 3 x batchSize (at least 3 k); at most the rows.</param>
    /// <param name="tol">Stop when the squared centre shift of a mini-batch is at most tol x the mean feature variance;
    /// 0 (the default) disables the test.</param>
    /// <param name="maxNoImprovement">Stop after this many mini-batches without improvement of the smoothed inertia;
    /// null disables the test (default 10).</param>
    /// <param name="reassignmentRatio">Centres with counts below this fraction of the largest are moved to random rows
    /// (default 0.01; 0 disables).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    public MiniBatchKMeans(int nClusters = 8, int batchSize = 1024, int maxIter = 100, ulong seed = 0, int nInit = 3,
        int? initSize = null, double tol = 0.0, int? maxNoImprovement = 10, double reassignmentRatio = 0.01)
    {
        if (nClusters < 1) throw new ArgumentOutOfRangeException(nameof(nClusters), nClusters, $"{Model}: nClusters must be at least 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{Model}: batchSize must be at least 1");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{Model}: maxIter must be at least 1");
        if (nInit < 1) throw new ArgumentOutOfRangeException(nameof(nInit), nInit, $"{Model}: nInit must be at least 1");
        if (initSize is int s && s < 1) throw new ArgumentOutOfRangeException(nameof(initSize), s, $"{Model}: initSize must be at least 1, or null");
        if (!(tol >= 0 && double.IsFinite(tol))) throw new ArgumentOutOfRangeException(nameof(tol), tol, $"{Model}: tol must be non-negative and finite");
        if (maxNoImprovement is int m && m < 1) throw new ArgumentOutOfRangeException(nameof(maxNoImprovement), m, $"{Model}: maxNoImprovement must be at least 1, or null");
        if (!(reassignmentRatio >= 0 && reassignmentRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(reassignmentRatio), reassignmentRatio, $"{Model}: reassignmentRatio must lie in [0, 1]");
        NClusters = nClusters;
        BatchSize = batchSize;
        MaxIter = maxIter;
        Seed = seed;
        NInit = nInit;
        InitSize = initSize;
        Tol = tol;
        MaxNoImprovement = maxNoImprovement;
        ReassignmentRatio = reassignmentRatio;
        _rng = new Rng(seed);
    }

    /// <summary>k.</summary>
    public int NClusters { get; }
    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; }
    /// <summary>Most epochs (passes over the data) of a fit.</summary>
    public int MaxIter { get; }
    /// <summary>The seed.</summary>
    public ulong Seed { get; }
    /// <summary>k-means++ seedings tried.</summary>
    public int NInit { get; }
    /// <summary>Rows in the seeding sample, or null for 3 x batchSize.</summary>
    public int? InitSize { get; }
    /// <summary>Relative centre-shift tolerance (0: off).</summary>
    public double Tol { get; }
    /// <summary>Mini-batches without improvement before stopping (null: off).</summary>
    public int? MaxNoImprovement { get; }
    /// <summary>Count fraction below which a centre is reassigned.</summary>
    public double ReassignmentRatio { get; }

    /// <summary>Whether a fit has run.</summary>
    public bool IsFitted => _centres is not null;

    /// <summary>The centres, shape (k, features).</summary>
    /// <exception cref="NotFittedException">Before a fit.</exception>
    public NDArray<T> ClusterCenters => DoubleRows.To<T>(Centres("ClusterCenters"), NClusters, _features);

    /// <summary>How many points each centre has absorbed (its learning rate is 1 / count), shape (k,).</summary>
    /// <exception cref="NotFittedException">Before a fit.</exception>
    public NDArray<T> Counts { get { Centres("Counts"); return DoubleRows.To<T>(_counts, NClusters); } }

    /// <summary>The cluster of each training row, after <see cref="Fit(NDArray{T})"/> or <see cref="PartialFit"/> (of
    /// that call's rows); a fit from a source keeps none (they would take O(n) memory): use <see cref="Predict"/>.</summary>
    /// <exception cref="NotFittedException">Before a fit, or after a fit from a source.</exception>
    /// <remarks>A fresh long tensor (n,) per call, O(n).</remarks>
    public NDArray<long> Labels => LabelTensor.From(_labels ?? throw NotFittedException.For(Model, "Labels"));

    /// <summary>Sum of squared distances to the nearest final centre: over all rows after a fit, over the last
    /// batch after <see cref="PartialFit"/>.</summary>
    public double Inertia { get; private set; } = double.NaN;

    /// <summary>Mini-batch steps taken by the last fit (scikit-learn's <c>n_steps_</c>).</summary>
    public long NSteps { get; private set; }

    /// <summary>Epochs started by the last fit, the last possibly cut short by early stopping (scikit-learn's <c>n_iter_</c>).</summary>
    public int NIter { get; private set; }

    /// <summary>
    /// Fits on the rows of <paramref name="source"/>. <b>Passes: at most MaxIter + 2</b>: one draws the seeding sample
    /// (reservoir sampling) and the feature variances, up to <see cref="MaxIter"/> run the mini-batches (fewer when
    /// training stops early), and one computes <see cref="Inertia"/>. <b>Memory:</b> O(initSize d + batchSize d + k d);
    /// cost O(initSize k d nInit (2 + ln k)) to seed and O(n k d) per epoch. Returns this estimator.
    /// </summary>
    /// <param name="source">The rows, at least k of them; every pass must read the same rows.</param>
    /// <param name="progress">Told after each block how far the current pass has come.</param>
    /// <exception cref="ArgumentException">The source has fewer rows than clusters (or none).</exception>
    /// <exception cref="ShapeMismatchException">A block has another column count than the source.</exception>
    /// <exception cref="NonFiniteException">The data hold NaN or infinity (the message names the row and column).</exception>
    /// <exception cref="InvalidDataException">A later pass read another number of rows than the first.</exception>
    public MiniBatchKMeans<T> Fit(IRowBlockSource<T> source, IProgress<RowBlockProgress>? progress = null)
    {
        FitCore(source, progress, null);
        _labels = null;
        return this;
    }

    /// <summary>The fit of <see cref="Fit(IRowBlockSource{T}, IProgress{RowBlockProgress}?)"/>; with
    /// <paramref name="labels"/> (one per source row), the final pass that sums the inertia also writes each row's label
    /// there, so an in-memory fit does not assign every row a second time.</summary>
    private void FitCore(IRowBlockSource<T> source, IProgress<RowBlockProgress>? progress, int[]? labels)
    {
        const string where = Model + ".Fit(source)";
        int d = RowBlockPass.Columns(source, where);
        _rng = new Rng(Seed);
        var (sample, sampleRows, n, meanVariance) = SampleAndVariance(source, d, progress, where);
        if (n < NClusters)
            throw new ArgumentException($"{where}: the source has {n} rows but {NClusters} clusters were asked for; at least nClusters rows are needed", nameof(source));
        int batch = (int)Math.Min(BatchSize, n);
        Start(d, SeedCentres(sample, sampleRows, d));
        double tolScaled = Tol * meanVariance;
        long steps = 0;
        int epoch = 0;
        bool converged = false;
        while (epoch < MaxIter && !converged)
        {
            epoch++;
            foreach (var block in RowBlockPass.Run(source, batch, progress, where, d, n, pass: epoch + 1))
            {
                var x = DoubleRows.Read(block.Values, ref _rows);
                double inertia = Step(x, block.Count, d, batch, reassign: epoch > 1, out double shift);
                GC.KeepAlive(block.Values);
                if (Converged(steps++, n, batch, shift, tolScaled, inertia) && epoch > 1) { converged = true; break; }
            }
        }
        NSteps = steps;
        NIter = epoch;
        double total = 0;
        foreach (var block in RowBlockPass.Run(source, batch, progress, where, d, n, pass: epoch + 2))
        {
            var rows = DoubleRows.Read(block.Values, ref _rows);
            if (labels is null) total += Assign(rows, block.Count, d, _centres!, null);
            else
            {
                if (_batchLabels.Length < block.Count) _batchLabels = new int[block.Count];
                total += Assign(rows, block.Count, d, _centres!, _batchLabels);
                _batchLabels.AsSpan(0, block.Count).CopyTo(labels.AsSpan((int)block.Start, block.Count));
            }
            GC.KeepAlive(block.Values);
        }
        Inertia = total;
    }

    /// <summary>Fits on the rows of <paramref name="x"/>, read in order as a source (see <see cref="Fit(IRowBlockSource{T}, IProgress{RowBlockProgress}?)"/>),
    /// and keeps <see cref="Labels"/>. Returns this estimator.</summary>
    /// <exception cref="ShapeMismatchException">x is not 2-d.</exception>
    /// <exception cref="ArgumentException">Fewer rows than clusters.</exception>
    /// <exception cref="NonFiniteException">x holds NaN or infinity.</exception>
    public MiniBatchKMeans<T> Fit(NDArray<T> x)
    {
        Guard.Matrix(x, Model + ".Fit", minRows: NClusters);
        var labels = new int[x.Shape[0]];
        FitCore(RowBlocks.FromTensor(x), null, labels);
        _labels = labels;
        return this;
    }

    /// <summary>
    /// One mini-batch step on <paramref name="x"/> (scikit-learn's <c>partial_fit</c>): the first call seeds the
    /// centres by k-means++ on a sample of x (initSize rows drawn with replacement, as scikit-learn does), every call
    /// then assigns x and moves the centres. <see cref="Labels"/> and <see cref="Inertia"/> then describe x against the
    /// updated centres. <b>Memory:</b> O(rows d + k d). Returns this estimator.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not 2-d, or its columns differ from earlier calls.</exception>
    /// <exception cref="ArgumentException">The first batch has fewer rows than clusters.</exception>
    /// <exception cref="NonFiniteException">x holds NaN or infinity.</exception>
    public MiniBatchKMeans<T> PartialFit(NDArray<T> x)
    {
        const string where = Model + ".PartialFit";
        Guard.Matrix(x, where, minRows: _centres is null ? NClusters : 1);
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        if (_centres is not null && d != _features)
            throw new ShapeMismatchException(where, [x.Shape], $"{where}: X has {d} features but earlier batches had {_features}");
        var data = DoubleRows.Read(x, ref _rows);
        if (_centres is null)
        {
            int size = Math.Min(InitSizeFor(n), n);
            var sample = new double[size * d];
            for (int i = 0; i < size; i++) data.Slice(_rng.NextInt(n) * d, d).CopyTo(sample.AsSpan(i * d, d));
            Start(d, KMeansPlusPlus.Seed(sample, size, d, NClusters, _rng));
        }
        Step(data, n, d, n, reassign: true, out _);
        NSteps++;
        var labels = new int[n];
        Inertia = Assign(data, n, d, _centres!, labels);
        GC.KeepAlive(x);
        _labels = labels;
        return this;
    }

    /// <summary>The nearest centre of each row of <paramref name="x"/> (m, features), as a long tensor (m,). O(m k d).</summary>
    /// <exception cref="NotFittedException">Before a fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has another number of features.</exception>
    /// <exception cref="NonFiniteException">x holds NaN or infinity.</exception>
    public NDArray<long> Predict(NDArray<T> x) => LabelTensor.From(PredictIndices(x));

    internal int[] PredictIndices(NDArray<T> x)
    {
        var centres = Centres("Predict");
        Guard.Features(x, _features, Model + ".Predict");
        var labels = new int[x.Shape[0]];
        double[] buffer = [];
        Assign(DoubleRows.Read(x, ref buffer), labels.Length, _features, centres, labels);
        GC.KeepAlive(x);
        return labels;
    }

    /// <summary>Minus the inertia of <paramref name="x"/> against the centres (scikit-learn's <c>score</c>).</summary>
    /// <exception cref="NotFittedException">Before a fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has another number of features.</exception>
    public double Score(NDArray<T> x)
    {
        var centres = Centres("Score");
        Guard.Features(x, _features, Model + ".Score");
        double[] buffer = [];
        double inertia = Assign(DoubleRows.Read(x, ref buffer), (int)x.Shape[0], _features, centres, null);
        GC.KeepAlive(x);
        return -inertia;
    }

    private double[] Centres(string member) => _centres ?? throw NotFittedException.For(Model, member);

    private int InitSizeFor(long n)
    {
        long size = InitSize ?? 3L * Math.Min(BatchSize, n);
        if (size < NClusters) size = 3L * NClusters;
        return (int)Math.Min(size, n);
    }

    private void Start(int d, double[] centres)
    {
        _features = d;
        _centres = centres;
        _counts = new double[NClusters];
        _sums = new double[NClusters * d];
        _previous = new double[NClusters * d];
        _batchCounts = new double[NClusters];
        _ewaInertia = _ewaInertiaMin = null;
        _noImprovement = 0;
        _sinceReassign = 0;
        NSteps = 0;
    }

    /// <summary>Pass 1: a uniform sample of initSize rows (Vitter's algorithm R, seeded), the row count and the mean
    /// per-feature variance (sums of rows shifted by the first row, in double).</summary>
    private (double[] Sample, int SampleRows, long Rows, double MeanVariance) SampleAndVariance(IRowBlockSource<T> source, int d,
        IProgress<RowBlockProgress>? progress, string where)
    {
        int capacity = InitSize is int s ? Math.Max(s, 3 * NClusters) : Math.Max(3 * BatchSize, 3 * NClusters);
        // The reservoir: rows [0, count) of one flat array of min(capacity, source rows) rows (grown, should a source
        // yield more rows than it reports).
        var reservoir = new double[(int)Math.Clamp(source.Rows, 1, capacity) * d];
        int count = 0;
        var shift = new double[d];
        var sum = new double[d];
        var squares = new double[d];
        long n = 0;
        foreach (var block in RowBlockPass.Run(source, RowBlockPass.BlockRows(null, d), progress, where, d))
        {
            var x = DoubleRows.Read(block.Values, ref _rows);
            if (n == 0) x[..d].CopyTo(shift);
            for (int i = 0; i < block.Count; i++, n++)
            {
                var row = x.Slice(i * d, d);
                for (int j = 0; j < d; j++)
                {
                    double v = row[j] - shift[j];
                    sum[j] += v;
                    squares[j] += v * v;
                }
                if (count < capacity)
                {
                    if ((count + 1) * d > reservoir.Length) Array.Resize(ref reservoir, Math.Min(capacity, 2 * count + 1) * d);
                    row.CopyTo(reservoir.AsSpan(count++ * d, d));
                }
                else
                {
                    long r = (long)(_rng.NextDouble() * (n + 1));
                    if (r < capacity) row.CopyTo(reservoir.AsSpan((int)r * d, d));
                }
            }
            GC.KeepAlive(block.Values);
        }
        if (n == 0) throw new ArgumentException($"{where}: the source has no rows", nameof(source));
        double meanVariance = 0;
        for (int j = 0; j < d; j++) meanVariance += (squares[j] - sum[j] * sum[j] / n) / n;
        return (reservoir, Math.Min(InitSizeFor(n), count), n, meanVariance / d);
    }

    /// <summary>The best of nInit k-means++ seedings on the sample, by inertia on the sample.</summary>
    private double[] SeedCentres(double[] sample, int m, int d)
    {
        double[]? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < NInit; run++)
        {
            var centres = KMeansPlusPlus.Seed(sample, m, d, NClusters, _rng);
            double inertia = Assign(sample, m, d, centres, null);
            if (inertia < bestInertia) { bestInertia = inertia; best = centres; }
        }
        return best!;
    }

    /// <summary>scikit-learn's <c>_mini_batch_step</c>: assign, move each centre to the running mean of its points,
    /// reassign low-count centres when due (and <paramref name="reassign"/> allows). Returns the batch inertia before the move; <paramref name="shift"/> is the
    /// squared centre shift.</summary>
    private double Step(ReadOnlySpan<double> x, int n, int d, int batchSize, bool reassign, out double shift)
    {
        int k = NClusters;
        var centres = _centres!;
        if (_batchLabels.Length < n) _batchLabels = new int[n];
        var labels = _batchLabels;
        double inertia = Assign(x, n, d, centres, labels);
        var sums = _sums;
        var counts = _batchCounts;
        Array.Clear(sums);
        Array.Clear(counts);
        for (int i = 0; i < n; i++)
        {
            int c = labels[i];
            counts[c]++;
            for (int j = 0; j < d; j++) sums[c * d + j] += x[i * d + j];
        }
        var old = _previous;
        Array.Copy(centres, old, centres.Length);
        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0) continue;
            double w = _counts[c], total = w + counts[c];
            for (int j = 0; j < d; j++) centres[c * d + j] = (centres[c * d + j] * w + sums[c * d + j]) / total;
            _counts[c] = total;
        }
        _sinceReassign += batchSize;
        if (reassign && ReassignmentRatio > 0 && (Array.IndexOf(_counts, 0.0) >= 0 || _sinceReassign >= 10L * k))
        {
            _sinceReassign = 0;
            Reassign(x, n, d);
        }
        shift = 0;
        for (int i = 0; i < centres.Length; i++) shift += (centres[i] - old[i]) * (centres[i] - old[i]);
        return inertia;
    }

    /// <summary>Moves the centres whose count is below ReassignmentRatio x the largest (at most half the batch, the
    /// lowest counts first) to distinct random rows of the batch; they take the smallest count among the others.</summary>
    private void Reassign(ReadOnlySpan<double> x, int n, int d)
    {
        int k = NClusters;
        double max = _counts.Max();
        int below = 0;
        foreach (double c in _counts) if (c < ReassignmentRatio * max) below++;
        if (below == 0) return; // the usual case, decided without the lists below
        var chosen = Enumerable.Range(0, k).Where(c => _counts[c] < ReassignmentRatio * max).ToList();
        if (chosen.Count > n / 2)
            chosen = chosen.OrderBy(c => _counts[c]).ThenBy(c => c).Take(n / 2).ToList();
        if (chosen.Count == 0 || chosen.Count == k) return;
        var rows = _rng.Permutation(n);
        var set = new HashSet<int>(chosen);
        double minKept = Enumerable.Range(0, k).Where(c => !set.Contains(c)).Min(c => _counts[c]);
        for (int i = 0; i < chosen.Count; i++)
        {
            x.Slice(rows[i] * d, d).CopyTo(_centres.AsSpan(chosen[i] * d, d));
            _counts[chosen[i]] = minKept;
        }
    }

    /// <summary>scikit-learn's <c>_mini_batch_convergence</c>: an exponentially weighted average of the mean batch
    /// inertia (weight 2 batch / (n + 1)); stop on a small centre shift or no improvement for MaxNoImprovement steps.</summary>
    private bool Converged(long step, long n, int batch, double shift, double tolScaled, double inertia)
    {
        if (step == 0) return false;
        double mean = inertia / batch;
        double alpha = Math.Min(1, batch * 2.0 / (n + 1));
        _ewaInertia = _ewaInertia is double e ? e * (1 - alpha) + mean * alpha : mean;
        if (Tol > 0 && shift <= tolScaled) return true;
        if (_ewaInertiaMin is not double min || _ewaInertia < min)
        {
            _noImprovement = 0;
            _ewaInertiaMin = _ewaInertia;
        }
        else _noImprovement++;
        return MaxNoImprovement is int limit && _noImprovement >= limit;
    }

    /// <summary>Nearest centre of every row (first on ties); returns the inertia.</summary>
    private double Assign(ReadOnlySpan<double> x, int n, int d, double[] centres, int[]? labels)
    {
        // LloydStep's assignment (vectorised over centres, eight rows at a time, threaded on large inputs) gives the same
        // distances, labels and ties as a row-by-row scan with KMeansPlusPlus.SquaredDistance; only the inertia's
        // summation order over rows differs. Without labels to keep, the rows go in chunks through a scratch of its own
        // (not the model's step buffers: Score may run on several threads at once).
        if (labels is not null) return LloydStep.Run(x, n, d, centres, NClusters, labels, null, null, null);
        var scratch = new int[Math.Min(n, AssignChunk)];
        double total = 0;
        for (int i0 = 0; i0 < n; i0 += scratch.Length)
        {
            int rows = Math.Min(scratch.Length, n - i0);
            total += LloydStep.Run(x.Slice(i0 * d, rows * d), rows, d, centres, NClusters, scratch, null, null, null);
        }
        return total;
    }
}
