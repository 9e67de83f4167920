using System.Numerics;
using Linea.ML.Clustering;

namespace Linea.ML.Mixture;

/// <summary>
/// A Gaussian mixture fitted by expectation-maximisation, as scikit-learn's <c>GaussianMixture</c>.
/// <para><b>Initialisation</b> (each of <see cref="NInit"/> runs): hard responsibilities from
/// <see cref="KMeans{T}"/> (k-means++, one run, seeded), or from the nearest of <see cref="MeansInit"/> when given;
/// then an M-step; <see cref="WeightsInit"/>, <see cref="MeansInit"/> and <see cref="CovariancesInit"/> replace what they
/// give. <b>Iteration</b>: E-step (log-responsibilities by log-sum-exp), M-step (see below), until the mean
/// log-likelihood (the lower bound, measured at the E-step) changes by less than <see cref="Tol"/> or
/// <see cref="MaxIter"/> iterations pass. The run with the highest lower bound is kept.</para>
/// <para><b>Numerics</b>: <see cref="RegCovar"/> (default 1e-6) is added to every covariance diagonal, so a component
/// that collapses onto identical points keeps a finite density instead of producing NaN; component counts get
/// 10 eps added as scikit-learn does. Log-densities go through Cholesky factors (the triangular inverse of the d x d factor, as
/// scikit-learn's precisions_cholesky_, applied to blocks of rows; log-det from the factor's diagonal), never an inverse
/// of a covariance or a determinant. Computation is in double for float input too.</para>
/// <code>
/// var gm = new GaussianMixture&lt;double&gt;(3, CovarianceType.Full, seed: 0).Fit(X);
/// NDArray&lt;long&gt; labels = gm.Predict(X);  double bic = gm.Bic(X);  var means = gm.Means;
/// </code>
/// Cost per iteration O(n k d²) for full and tied covariances, O(n k d) for diag and spherical, over
/// <see cref="Parallelism.Default"/> threads for full and tied. Memory: the model holds the weights (k), means (k x d),
/// covariances (full k d², tied d², diag k d, spherical k) and their Cholesky factors (and, full and tied, the factors'
/// inverses). A fit allocates X as an n x d double copy (float64 too) and the (n, k) responsibilities, reused by every
/// iteration (each initialisation writes its one-hot labels there and takes the same blocked M-step as the
/// iterations, with no n x d temporaries); an EM iteration allocates only O(k d²) accumulators per thread.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class GaussianMixture<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "GaussianMixture";
    private MixtureParameters? _params;
    private GaussianLogDensity? _density;

    /// <summary>Creates the estimator.</summary>
    /// <param name="nComponents">k, at least 1.</param>
    /// <param name="covarianceType">The covariance form.</param>
    /// <param name="tol">Convergence threshold on the change of the mean log-likelihood; non-negative.</param>
    /// <param name="regCovar">Added to covariance diagonals; non-negative.</param>
    /// <param name="maxIter">EM iterations per run; at least 0 (0 keeps the initial parameters).</param>
    /// <param name="nInit">Number of initialisations; at least 1.</param>
    /// <param name="seed">Seed of the k-means initialisations.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    public GaussianMixture(int nComponents, CovarianceType covarianceType = CovarianceType.Full, double tol = 1e-3,
        double regCovar = 1e-6, int maxIter = 100, int nInit = 1, ulong seed = 0)
    {
        if (nComponents < 1) throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents, $"{Model}: nComponents must be at least 1");
        if (!Enum.IsDefined(covarianceType)) throw new ArgumentOutOfRangeException(nameof(covarianceType), covarianceType, $"{Model}: unknown covariance type");
        if (!(tol >= 0 && double.IsFinite(tol))) throw new ArgumentOutOfRangeException(nameof(tol), tol, $"{Model}: tol must be non-negative and finite");
        if (!(regCovar >= 0 && double.IsFinite(regCovar))) throw new ArgumentOutOfRangeException(nameof(regCovar), regCovar, $"{Model}: regCovar must be non-negative and finite");
        if (maxIter < 0) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{Model}: maxIter must be at least 0");
        if (nInit < 1) throw new ArgumentOutOfRangeException(nameof(nInit), nInit, $"{Model}: nInit must be at least 1");
        NComponents = nComponents;
        CovarianceType = covarianceType;
        Tol = tol;
        RegCovar = regCovar;
        MaxIter = maxIter;
        NInit = nInit;
        Seed = seed;
    }

    /// <summary>k.</summary>
    public int NComponents { get; }
    /// <summary>The covariance form.</summary>
    public CovarianceType CovarianceType { get; }
    /// <summary>Convergence threshold on the lower bound.</summary>
    public double Tol { get; }
    /// <summary>Diagonal regularisation of the covariances.</summary>
    public double RegCovar { get; }
    /// <summary>EM iterations per run.</summary>
    public int MaxIter { get; }
    /// <summary>Number of initialisations.</summary>
    public int NInit { get; }
    /// <summary>Seed of the k-means initialisations.</summary>
    public ulong Seed { get; }

    /// <summary>Optional initial weights, shape (k,), positive, summing to 1.</summary>
    public NDArray<T>? WeightsInit { get; init; }
    /// <summary>Optional initial means, shape (k, d); when given, initial responsibilities come from the nearest mean instead of k-means.</summary>
    public NDArray<T>? MeansInit { get; init; }
    /// <summary>Optional initial covariances in the shape of <see cref="Covariances"/> for the covariance type; positive definite.</summary>
    public NDArray<T>? CovariancesInit { get; init; }

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _params is not null;

    /// <summary>Mixing weights, shape (k,).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> Weights => ToTensor(Fitted("Weights").Weights, NComponents);

    /// <summary>Component means, shape (k, d).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> Means => ToTensor(Fitted("Means").Means, NComponents, _params!.D);

    /// <summary>Covariances: (k, d, d) full, (d, d) tied, (k, d) diag, (k,) spherical.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> Covariances => ToTensor(Fitted("Covariances").Covariances, CovarianceShape(_params!.D));

    /// <summary>Whether the kept run converged (lower bound changed by less than Tol).</summary>
    public bool Converged { get; private set; }

    /// <summary>EM iterations of the kept run.</summary>
    public int NIter { get; private set; }

    /// <summary>The mean log-likelihood of the training data at the kept run's last E-step (scikit-learn's lower_bound_).</summary>
    public double LowerBound { get; private set; } = double.NaN;

    /// <summary>Number of free parameters: k-1 weights, k·d means and the covariance entries.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public int NParameters => MixtureParameters.FreeParameters(CovarianceType, NComponents, Fitted("NParameters").D);

    /// <summary>Fits the mixture to the rows of <paramref name="x"/>.</summary>
    /// <param name="x">Samples (n, d), n ≥ k, finite.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ShapeMismatchException">x is not 2-d, or an initial parameter has the wrong shape.</exception>
    /// <exception cref="ArgumentException">Fewer samples than components, or invalid initial weights.</exception>
    /// <exception cref="NonFiniteException">x or an initial parameter contains NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">A covariance is not positive definite (RegCovar 0 and a collapsed component, or a bad CovariancesInit).</exception>
    public GaussianMixture<T> Fit(NDArray<T> x)
    {
        const string where = Model + ".Fit";
        Guard.Matrix(x, where, minRows: NComponents);
        int n = (int)x.Shape[0], d = (int)x.Shape[1], k = NComponents;
        CheckInits(d, where);
        var data = DoubleRows.From(x);
        var rng = new Rng(Seed);
        double best = double.NegativeInfinity;
        var resp = new double[n * k];   // the responsibilities, reused by every iteration
        for (int run = 0; run < NInit; run++)
        {
            var p = Initialize(x, data, n, d, resp, rng.NextUInt64(), where);
            double lowerBound = double.NegativeInfinity;
            bool converged = false;
            int iter = 0;
            for (iter = 1; iter <= MaxIter; iter++)
            {
                double previous = lowerBound;
                double logProbNorm = EStep(p, data, n, resp, where);
                p = MixtureParameters.Estimate(CovarianceType, data, n, d, resp, k, RegCovar);
                lowerBound = logProbNorm;
                if (Math.Abs(lowerBound - previous) < Tol) { converged = true; break; }
            }
            if (iter > MaxIter) iter = MaxIter;
            if (MaxIter == 0) lowerBound = EStep(p, data, n, resp, where);
            if (lowerBound > best || run == 0)
            {
                best = lowerBound;
                _params = p;
                Converged = converged;
                NIter = iter;
            }
        }
        LowerBound = best;
        _density = new GaussianLogDensity(_params!, where);
        return this;
    }

    /// <summary>Fits and returns the most probable component of each training sample.</summary>
    public NDArray<long> FitPredict(NDArray<T> x) => Fit(x).Predict(x);

    /// <summary>The most probable component of each row of X (m, features), as a long tensor (m,). O(m k d²).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<long> Predict(NDArray<T> x)
    {
        var (lp, n) = WeightedLogProb(x, "Predict");
        int k = NComponents;
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            int b = 0;
            for (int c = 1; c < k; c++) if (lp[i * k + c] > lp[i * k + b]) b = c;
            labels[i] = b;
        }
        return NDArray.FromArray(labels);
    }

    /// <summary>Posterior probability of each component for each row, shape (n, k); rows sum to 1.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<T> PredictProba(NDArray<T> x)
    {
        var (lp, n) = WeightedLogProb(x, "PredictProba");
        int k = NComponents;
        var resp = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double lse = LogSumExp(lp.AsSpan(i * k, k));
            for (int c = 0; c < k; c++) resp[i * k + c] = Math.Exp(lp[i * k + c] - lse);
        }
        return ToTensor(resp, n, k);
    }

    /// <summary>log p(x_i) of each row under the mixture, shape (n,).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<T> ScoreSamples(NDArray<T> x) => ToTensor(LogLikelihoods(x, "ScoreSamples"), (int)x.Shape[0]);

    /// <summary>The mean log-likelihood (1/n) Σ log p(x_i).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public double Score(NDArray<T> x) => LogLikelihoods(x, "Score").Average();

    /// <summary>Bayesian information criterion -2 Σ log p(x_i) + NParameters · ln n (lower is better).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public double Bic(NDArray<T> x)
    {
        var ll = LogLikelihoods(x, "Bic");
        return -2 * ll.Sum() + NParameters * Math.Log(ll.Length);
    }

    /// <summary>Akaike information criterion -2 Σ log p(x_i) + 2 NParameters (lower is better).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public double Aic(NDArray<T> x) => -2 * LogLikelihoods(x, "Aic").Sum() + 2 * NParameters;

    private double[] LogLikelihoods(NDArray<T> x, string method)
    {
        var (lp, n) = WeightedLogProb(x, method);
        var ll = new double[n];
        for (int i = 0; i < n; i++) ll[i] = LogSumExp(lp.AsSpan(i * NComponents, NComponents));
        return ll;
    }

    private (double[] LogProb, int N) WeightedLogProb(NDArray<T> x, string method)
    {
        var p = Fitted(method);
        string where = $"{Model}.{method}";
        Guard.Matrix(x, where);
        if (x.Shape[1] != p.D)
            throw new ShapeMismatchException(where, [x.Shape], $"{where}: X has {x.Shape[1]} features but the model was fitted on {p.D}");
        return (_density!.WeightedLogProb(DoubleRows.From(x), (int)x.Shape[0]), (int)x.Shape[0]);
    }

    /// <summary>Rows per thread below which the E-step stays on one thread.</summary>
    private const int MinRowsPerThread = 4096;

    /// <summary>
    /// Mean of log p(x_i); overwrites <paramref name="resp"/> (n, k) with the responsibilities. Rows are split into
    /// contiguous chunks across threads (each row's result does not depend on the split; the chunk sums are added in
    /// chunk order). One pass per row after its log-densities: the maximum, exp(lp - max) kept in place, their sum s,
    /// log p = max + log s, and resp = exp(lp - max) / s.
    /// </summary>
    private static double EStep(MixtureParameters p, double[] data, int n, double[] resp, string where)
    {
        var density = new GaussianLogDensity(p, where);
        int chunks = Math.Max(1, Math.Min(Parallelism.Default.Threads, n / MinRowsPerThread));
        var sums = new double[chunks];
        if (chunks == 1) sums[0] = EStepRows(density, p.K, data, 0, n, resp);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                sums[t] = EStepRows(density, p.K, data, (int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks), resp));
        double sum = 0;
        foreach (double s in sums) sum += s;
        return sum / n;
    }

    private static double EStepRows(GaussianLogDensity density, int k, double[] data, int start, int end, double[] resp)
    {
        density.WeightedLogProb(data, start, end, resp);
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            var row = resp.AsSpan(i * k, k);
            double max = double.NegativeInfinity;
            foreach (var e in row) max = Math.Max(max, e);
            if (double.IsNegativeInfinity(max))
            {
                sum += max;
                row.Fill(double.NaN);
                continue;
            }
            double s = 0;
            for (int c = 0; c < k; c++) { double e = Math.Exp(row[c] - max); row[c] = e; s += e; }
            sum += max + Math.Log(s);
            for (int c = 0; c < k; c++) row[c] /= s;
        }
        return sum;
    }

    /// <summary>log Σ exp(v) with the maximum factored out (finite whenever one entry is).</summary>
    private static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = double.NegativeInfinity;
        foreach (var e in v) max = Math.Max(max, e);
        if (double.IsNegativeInfinity(max)) return max;
        double s = 0;
        foreach (var e in v) s += Math.Exp(e - max);
        return max + Math.Log(s);
    }

    /// <summary>
    /// The starting parameters of one run: labels from MeansInit's nearest means or from k-means, then one M-step on
    /// their one-hot responsibilities, written into <paramref name="resp"/> (the run's own buffer, which the E-step
    /// overwrites next), through the blocked M-step (no n x d temporaries); the given initial parameters replace it.
    /// </summary>
    private MixtureParameters Initialize(NDArray<T> x, double[] data, int n, int d, double[] resp, ulong runSeed, string where)
    {
        int k = NComponents;
        int[] labels;
        if (MeansInit is not null)
        {
            var means = DoubleRows.From(MeansInit);
            labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                double bestD = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) { double t = data[i * d + j] - means[c * d + j]; s += t * t; }
                    if (s < bestD) { bestD = s; labels[i] = c; }
                }
            }
        }
        else labels = new KMeans<T>(k, nInit: 1, seed: runSeed).Fit(x).LabelIndices;
        Array.Clear(resp);
        for (int i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
        var p = MixtureParameters.Estimate(CovarianceType, data, n, d, resp, k, RegCovar);
        if (WeightsInit is null && MeansInit is null && CovariancesInit is null) return p;
        var init = new MixtureParameters(CovarianceType, k, d,
            WeightsInit is null ? p.Weights : DoubleRows.From(WeightsInit),
            MeansInit is null ? p.Means : DoubleRows.From(MeansInit),
            CovariancesInit is null ? p.Covariances : DoubleRows.From(CovariancesInit));
        _ = new GaussianLogDensity(init, where); // rejects a CovariancesInit that is not positive definite
        return init;
    }

    private void CheckInits(int d, string where)
    {
        int k = NComponents;
        if (WeightsInit is not null)
        {
            RequireShape(WeightsInit, [k], "WeightsInit", where);
            var w = DoubleRows.From(WeightsInit);
            if (w.Any(v => !(v > 0)) || Math.Abs(w.Sum() - 1) > 1e-6)
                throw new ArgumentException($"{where}: WeightsInit must be positive and sum to 1; got [{string.Join(", ", w)}]");
        }
        if (MeansInit is not null) RequireShape(MeansInit, [k, d], "MeansInit", where);
        if (CovariancesInit is not null) RequireShape(CovariancesInit, CovarianceShape(d), "CovariancesInit", where);
    }

    private static void RequireShape(NDArray<T> t, int[] shape, string name, string where)
    {
        if (!t.Shape.ToIntArray().AsSpan().SequenceEqual(shape))
            throw new ShapeMismatchException(where, [t.Shape, new Shape(shape)], $"{where}: {name} has shape {t.Shape}; expected {new Shape(shape)}");
        Guard.Finite(t, where, name);
    }

    private int[] CovarianceShape(int d) => CovarianceType switch
    {
        CovarianceType.Full => [NComponents, d, d],
        CovarianceType.Tied => [d, d],
        CovarianceType.Diag => [NComponents, d],
        _ => [NComponents],
    };

    private MixtureParameters Fitted(string member) => _params ?? throw NotFittedException.For(Model, member);

    private static NDArray<T> ToTensor(double[] values, params int[] shape) => DoubleRows.To<T>(values, shape);
}
