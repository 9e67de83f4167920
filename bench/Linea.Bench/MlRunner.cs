using System.Diagnostics;
using System.Globalization;
using Linea.ML;
using Linea.ML.Clustering;
using Linea.ML.Mixture;
using Linea.ML.NeuralNet;

namespace Linea.Bench;

/// <summary>
/// `ml`: Linea's models against scikit-learn on the same data. The runner writes each task's data once as .npy files
/// into a temporary folder, runs bench/sklearn_ml.py on them (Debian's /usr/bin/python3, OPENBLAS_NUM_THREADS and
/// OMP_NUM_THREADS = 2 unless set), times Linea's fits in this process (two warm-up calls, then the median of --samples,
/// default 3; the Python side does the same), compares the fitted quantities that the script saved and prints
/// `ml task=.. linea_s=.. sklearn_s=.. ratio=sklearn_s/linea_s agree=yes|no` plus the compared value, the first (cold)
/// call's seconds first_s and the megabytes a warm fit allocates, alloc_mb. Tolerances:
/// distances max |diff| &lt;= 1e-10 max|D|; Ridge and LinearRegression coefficients and intercept max |diff| &lt;= 1e-8
/// max|w|; PCA explained variances relative 1e-6 (scikit-learn's randomized solver is exact to that on this spectrum);
/// k-means inertia relative 1e-9 (same initial centres); GMM lower bound |diff| &lt;= 1e-7 |lb| (same initial weights,
/// means, covariances); MLP training accuracy within 0.03 (different initial weights and shuffles); spectral clustering
/// adjusted Rand index &gt;= 0.99 between the two labelings; multinomial logistic regression coefficients and centred
/// intercepts max |diff| &lt;= 1e-6 max|w| (both Newton methods run to a gradient of 1e-8; opt-in tasks, not in the
/// default list: logreg-binary, two classes in 50,000 x 30, and logreg-wide, eight in 10,000 x 60); TruncatedSvd (randomized,
/// 5 power iterations, 10 oversamples, on the PCA data uncentred; opt-in tsvd-wide, 5,000 x 1,000 of rank 50 plus
/// noise) singular values relative 1e-6. Also opt-in: lasso (50,000 x 100, alpha 0.1; coefficients and intercept
/// max |diff| &lt;= 1e-8 max|w|, both coordinate descents taking the same sweeps), minibatch (MiniBatchKMeans, 100,000 x 20,
/// k 8, batches of 1,024, three seedings; inertia relative 1e-2, since Linea reads consecutive batches and scikit-learn
/// draws them at random), ipca (IncrementalPca, 20,000 x 100, 10 components, batches of 1,000; explained variances
/// relative 1e-8).
/// </summary>
internal static class MlRunner
{
    private static readonly string[] AllTasks = ["distances", "ridge", "linreg", "pca", "kmeans", "mlp256", "mlp32", "gmm", "spectral", "logreg", "tsvd"];

    public static int Run(string[] args)
    {
        int samples = Option(args, "--samples") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 3;
        string[] tasks = Option(args, "--tasks")?.Split(',') ?? AllTasks;
        string python = PythonPeer.Interpreter(Option(args, "--python"));
        bool peer = Option(args, "--peer") != "none";
        string dir = Path.Combine(Path.GetTempPath(), "linea-ml-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            foreach (string task in tasks) WriteData(task, dir);
            var sk = peer ? RunPython(python, dir, tasks, samples) : [];
            foreach (string task in tasks)
            {
                var (seconds, agree, detail) = RunLinea(task, dir, samples, peer);
                double skS = sk.TryGetValue(task, out double v) ? v : double.NaN;
                Console.WriteLine(FormattableString.Invariant(
                    $"ml task={task} linea_s={seconds:F4} sklearn_s={skS:F4} ratio={skS / seconds:F2} agree={(agree ? "yes" : "no")} {detail} first_s={s_first:F4} alloc_mb={s_allocatedMb:F2}"));
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
        return 0;
    }

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    // ---- data (seeded; written once, read by both sides) ----

    private static void WriteData(string task, string dir)
    {
        var rng = new Rng(42);
        void Save(string name, NDArray<double> t) => Npy.Save(Path.Combine(dir, name + ".npy"), t);
        switch (task)
        {
            case "distances":
                Save("distances_x", rng.Normal([5000, 64], 0.0, 1.0) + 3.0);
                break;
            case "ridge" or "linreg" when !File.Exists(Path.Combine(dir, "regression_x.npy")):
            {
                var x = rng.Normal([200_000, 100], 0.0, 1.0) + 1.0;
                var w = rng.Normal([100], 0.0, 1.0);
                Save("regression_x", x);
                Save("regression_y", x.MatMul(w) + 0.5 + rng.Normal([200_000], 0.0, 0.1));
                break;
            }
            case "pca" or "tsvd" when !File.Exists(Path.Combine(dir, "pca_x.npy")):
            {
                // Rank-20 signal with decaying scales plus small isotropic noise.
                var scales = NDArray.FromArray(Enumerable.Range(0, 20).Select(i => 10.0 * Math.Pow(0.8, i)).ToArray());
                var z = rng.Normal([20_000, 20], 0.0, 1.0) * scales;
                Save("pca_x", z.MatMul(rng.Normal([20, 300], 0.0, 1.0)) + rng.Normal([20_000, 300], 0.0, 0.1) + 2.0);
                break;
            }
            case "tsvd-wide":
            {
                // Opt-in: 5,000 x 1,000, a rank-50 signal with decaying scales plus small noise (the gap after the 20th
                // value lets 5 power iterations reach the 1e-6 agreement, as in tsvd).
                var scales = NDArray.FromArray(Enumerable.Range(0, 50).Select(i => 10.0 * Math.Pow(0.8, i)).ToArray());
                var z = rng.Normal([5_000, 50], 0.0, 1.0) * scales;
                Save("tsvd-wide_x", z.MatMul(rng.Normal([50, 1_000], 0.0, 1.0)) + rng.Normal([5_000, 1_000], 0.0, 0.1));
                break;
            }
            case "kmeans":
            {
                var (x, _) = Blobs(rng, 100_000, 20, 8, spread: 4.0);
                Save("kmeans_x", x);
                var rows = Enumerable.Range(0, 8).Select(i => i * 12_345).ToArray();
                Save("kmeans_init", NDArray.Concatenate(rows.Select(r => x[r..(r + 1)]).ToArray()));
                break;
            }
            case "mlp256" or "mlp32" when !File.Exists(Path.Combine(dir, "mlp_x.npy")):
            {
                // Labels of a random two-layer teacher: learnable, not linearly trivial.
                var x = rng.Normal([20_000, 64], 0.0, 1.0);
                var teacher = NDArray.Tanh(x.MatMul(rng.Normal([64, 32], 0.0, 0.3))).MatMul(rng.Normal([32, 10], 0.0, 1.0));
                var labels = teacher.ArgMax(1);
                Save("mlp_x", x);
                Save("mlp_y", NDArray.FromArray(labels.ToArray().Select(l => (double)l).ToArray()));
                break;
            }
            case "gmm":
            {
                var (x, _) = Blobs(rng, 20_000, 10, 5, spread: 3.0, anisotropic: true);
                Save("gmm_x", x);
                Save("gmm_weights", NDArray.Full([5], 0.2));
                Save("gmm_means", NDArray.Concatenate(Enumerable.Range(0, 5).Select(i => x[(i * 3_001)..(i * 3_001 + 1)]).ToArray()));
                Save("gmm_covariances", NDArray.Stack(Enumerable.Range(0, 5).Select(_ => NDArray.Eye<double>(10) * 4.0).ToArray()));
                break;
            }
            case "spectral":
            {
                var (x, _) = Blobs(rng, 6_000, 5, 4, spread: 2.5);
                Save("spectral_x", x);
                Save("spectral_k", NDArray.FromArray(new[] { 4.0 }));
                break;
            }
            case "logreg" or "logreg-binary" or "logreg-wide":
            {
                // Overlapping classes (not separable, so the penalised optimum is well inside the data's scale): five in
                // 20,000 x 40; the opt-in shapes two in 50,000 x 30 and eight in 10,000 x 60.
                var (n, p, k) = task switch { "logreg" => (20_000, 40, 5), "logreg-binary" => (50_000, 30, 2), _ => (10_000, 60, 8) };
                var (x, labels) = Blobs(rng, n, p, k, spread: 0.5);
                Save(task + "_x", x);
                Save(task + "_y", NDArray.FromArray(labels.Select(l => (double)l).ToArray()));
                break;
            }
            case "lasso":
            {
                // Opt-in: 50,000 x 100, ten informative features of the hundred.
                var x = rng.Normal([50_000, 100], 0.0, 1.0) + 1.0;
                var w = NDArray.Concatenate([rng.Normal([10], 0.0, 1.0), NDArray.Zeros<double>(90)]);
                Save("lasso_x", x);
                Save("lasso_y", x.MatMul(w) + 0.5 + rng.Normal([50_000], 0.0, 0.1));
                break;
            }
            case "minibatch":
            {
                // Opt-in: 100,000 x 20 in eight blobs, mini-batches of 1,024.
                Save("minibatch_x", Blobs(rng, 100_000, 20, 8, spread: 4.0).X);
                break;
            }
            case "ipca":
            {
                // Opt-in: 20,000 x 100 with correlated features, 10 components, batches of 1,000.
                Save("ipca_x", rng.Normal([20_000, 100], 0.0, 1.0).MatMul(rng.Normal([100, 100], 0.0, 1.0)));
                break;
            }
            case "ridge" or "linreg" or "mlp256" or "mlp32" or "pca" or "tsvd": break;
            default: throw new ArgumentException($"ml: unknown task {task}; tasks: {string.Join(",", AllTasks)}");
        }
    }

    /// <summary>n points around k random centres (spread apart), unit noise (stretched per axis when anisotropic).</summary>
    private static (NDArray<double> X, int[] Labels) Blobs(Rng rng, int n, int d, int k, double spread, bool anisotropic = false)
    {
        var centres = rng.Normal([k, d], 0.0, spread).ToArray();
        var noise = rng.Normal([n, d], 0.0, 1.0).ToArray();
        var labels = new int[n];
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            int c = (int)(rng.NextUInt64() % (ulong)k);
            labels[i] = c;
            for (int j = 0; j < d; j++)
                x[i * d + j] = centres[c * d + j] + noise[i * d + j] * (anisotropic ? 0.5 + (j + c) % 3 * 0.5 : 1.0);
        }
        return (NDArray.FromArray(x, n, d), labels);
    }

    // ---- the Python side ----

    private static Dictionary<string, double> RunPython(string python, string dir, string[] tasks, int samples)
    {
        string script = PythonPeer.FindScript("sklearn_ml.py") ?? throw new FileNotFoundException("ml: bench/sklearn_ml.py not found above the working directory or the binary");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { script, "--dir", dir, "--tasks", string.Join(",", tasks), "--samples", samples.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        foreach (string v in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS" })
            psi.Environment[v] = Environment.GetEnvironmentVariable(v) ?? "2";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"ml: could not start {python}");
        var errTask = p.StandardError.ReadToEndAsync();
        var result = new Dictionary<string, double>();
        while (p.StandardOutput.ReadLine() is { } line)
        {
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
            if (fields.TryGetValue("task", out var t) && fields.TryGetValue("sklearn_s", out var s))
                result[t] = double.Parse(s, CultureInfo.InvariantCulture);
        }
        p.WaitForExit();
        if (p.ExitCode != 0) Console.Error.WriteLine($"ml: {python} {script} failed ({p.ExitCode}): {errTask.Result}");
        return result;
    }

    // ---- the Linea side ----

    private static (double Seconds, bool Agree, string Detail) RunLinea(string task, string dir, int samples, bool peer)
    {
        NDArray<double> Load(string name) => Npy.Load<double>(Path.Combine(dir, name + ".npy"));
        NDArray<double>? Sk(string name) => peer && File.Exists(Path.Combine(dir, $"sk_{task}_{name}.npy")) ? Load($"sk_{task}_{name}") : null;
        switch (task)
        {
            case "distances":
            {
                var x = Load("distances_x");
                var (t, d) = Time(samples, () => Pairwise.EuclideanDistances(x));
                var sk = Sk("head");
                double err = sk is null ? double.NaN : MaxAbs(d[..100] - sk) / MaxAbs(sk);
                return (t, err <= 1e-10, Fmt($"max_rel_diff={err:E1}"));
            }
            case "ridge" or "linreg":
            {
                var x = Load("regression_x");
                var y = Load("regression_y");
                var (t, w) = task == "ridge"
                    ? Time(samples, () => { var m = new Ridge<double>(alpha: 1.0).Fit(x, y); return NDArray.Concatenate([m.Coefficients, NDArray.FromArray(new[] { m.Intercept })]); })
                    : Time(samples, () => { var m = new LinearRegression<double>().Fit(x, y); return NDArray.Concatenate([m.Coefficients, NDArray.FromArray(new[] { m.Intercept })]); });
                var sk = Sk("coef");
                double err = sk is null ? double.NaN : MaxAbs(w - sk) / MaxAbs(sk);
                return (t, err <= 1e-8, Fmt($"coef_max_rel_diff={err:E1}"));
            }
            case "pca":
            {
                var x = Load("pca_x");
                var (t, ev) = Time(samples, () => new Pca<double>(PcaComponents.Of(20)).Fit(x).ExplainedVariance);
                var sk = Sk("explained_variance");
                double err = sk is null ? double.NaN : MaxAbs((ev - sk) / sk);
                return (t, err <= 1e-6, Fmt($"explained_variance_max_rel_diff={err:E1}"));
            }
            case "tsvd" or "tsvd-wide":
            {
                var x = Load(task == "tsvd" ? "pca_x" : "tsvd-wide_x");
                var (t, sv) = Time(samples, () => new TruncatedSvd<double>(20, seed: 0).Fit(x).SingularValues);
                var sk = Sk("singular_values");
                double err = sk is null ? double.NaN : MaxAbs((sv - sk) / sk);
                return (t, err <= 1e-6, Fmt($"singular_values_max_rel_diff={err:E1}"));
            }
            case "kmeans":
            {
                var x = Load("kmeans_x");
                var init = Load("kmeans_init");
                var (t, km) = Time(samples, () => new KMeans<double>((int)init.Shape[0], nInit: 1) { InitialCenters = init }.Fit(x));
                double sk = Sk("inertia")?[0] ?? double.NaN;
                double err = Math.Abs(km.Inertia - sk) / sk;
                // scikit-learn's n_iter_ counts the pass that found the labels unchanged; Linea's NIter does not.
                double skIter = Sk("n_iter")?[0] ?? double.NaN;
                return (t, err <= 1e-9, Fmt($"inertia={km.Inertia:G10} sklearn_inertia={sk:G10} iterations={km.NIter} sklearn_n_iter={skIter}"));
            }
            case "mlp256" or "mlp32":
            {
                var x = Load("mlp_x");
                var y = Load("mlp_y");
                int batch = task == "mlp256" ? 256 : 32;
                var (t, net) = Time(samples, () =>
                {
                    var net = new Sequential<double>([new Dense<double>(64, 128), new ReLU<double>(), new Dense<double>(128, 10)],
                        new SoftmaxCrossEntropy<double>(), seed: 0);
                    net.Fit(x, y, epochs: 5, batchSize: batch, new Adam(1e-3));
                    return net;
                });
                double acc = Metrics.AccuracyScore(y.AsType<long>(), net.PredictLabels(x));
                double sk = Sk("accuracy")?[0] ?? double.NaN;
                return (t, Math.Abs(acc - sk) <= 0.03, Fmt($"accuracy={acc:F4} sklearn_accuracy={sk:F4}"));
            }
            case "gmm":
            {
                var x = Load("gmm_x");
                var (w, mu, cov) = (Load("gmm_weights"), Load("gmm_means"), Load("gmm_covariances"));
                var (t, lb) = Time(samples, () => new GaussianMixture<double>(5, CovarianceType.Full, tol: 0, maxIter: 50)
                    { WeightsInit = w, MeansInit = mu, CovariancesInit = cov }.Fit(x).LowerBound);
                double sk = Sk("lower_bound")?[0] ?? double.NaN;
                return (t, Math.Abs(lb - sk) <= 1e-7 * Math.Abs(sk), Fmt($"lower_bound={lb:G12} sklearn_lower_bound={sk:G12}"));
            }
            case "spectral":
            {
                var x = Load("spectral_x");
                int k = (int)Load("spectral_k")[0];
                var (t, labels) = Time(samples, () => new SpectralClustering<double>(k, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 0).Fit(x).Labels);
                var sk = Sk("labels");
                double ari = sk is null ? double.NaN : ClusteringMetrics.AdjustedRandIndex(sk.AsType<long>(), labels);
                return (t, ari >= 0.99, Fmt($"adjusted_rand={ari:F4}"));
            }
            case "logreg" or "logreg-binary" or "logreg-wide":
            {
                var x = Load(task + "_x");
                var y = Load(task + "_y");
                var (t, m) = Time(samples, () => new LogisticRegression<double>(c: 1.0, tol: 1e-8).Fit(x, y));
                var sk = Sk("coef");
                var b = m.Intercept.Size > 1 ? m.Intercept - m.Intercept.Mean() : m.Intercept;
                var w = NDArray.Concatenate([m.Coefficients, b.Reshape(-1, 1)], 1);
                double err = sk is null ? double.NaN : MaxAbs(w - sk) / MaxAbs(sk);
                return (t, err <= 1e-6, Fmt($"coef_max_rel_diff={err:E1} iterations={m.NIter}"));
            }
            case "lasso":
            {
                var x = Load("lasso_x");
                var y = Load("lasso_y");
                var (t, m) = Time(samples, () => new Lasso<double>(alpha: 0.1).Fit(x, y));
                var w = NDArray.Concatenate([m.Coefficients, NDArray.FromArray(new[] { m.Intercept })]);
                var sk = Sk("coef");
                double err = sk is null ? double.NaN : MaxAbs(w - sk) / MaxAbs(sk);
                return (t, err <= 1e-8, Fmt($"coef_max_rel_diff={err:E1} sweeps={m.NIter}"));
            }
            case "minibatch":
            {
                var x = Load("minibatch_x");
                var (t, m) = Time(samples, () => new Linea.ML.Clustering.MiniBatchKMeans<double>(8, batchSize: 1024, nInit: 3).Fit(x));
                double sk = Sk("inertia")?[0] ?? double.NaN;
                double err = Math.Abs(m.Inertia - sk) / sk;
                // Different batch orders (consecutive rows here, random draws there): the same clusters, not the same bits.
                return (t, err <= 1e-2, Fmt($"inertia={m.Inertia:G8} sklearn_inertia={sk:G8} steps={m.NSteps}"));
            }
            case "ipca":
            {
                var x = Load("ipca_x");
                var (t, ev) = Time(samples, () => new IncrementalPca<double>(10, batchSize: 1_000).Fit(x).ExplainedVariance);
                var sk = Sk("explained_variance");
                double err = sk is null ? double.NaN : MaxAbs((ev - sk) / sk);
                return (t, err <= 1e-8, Fmt($"explained_variance_max_rel_diff={err:E1}"));
            }
            default: throw new ArgumentException($"ml: unknown task {task}");
        }
    }

    private static string Fmt(FormattableString s) => FormattableString.Invariant(s);

    private static double MaxAbs(NDArray<double> t) => t.ToArray().Max(Math.Abs);

    /// <summary>The first (cold: JIT and first-touch of pooled buffers included) call, timed; one more warm-up; then
    /// the median of <paramref name="samples"/> warm calls, with the bytes each allocated on average
    /// (GC.GetTotalAllocatedBytes), printed by the caller's line as first_s and alloc_mb.</summary>
    private static (double Seconds, TResult Result) Time<TResult>(int samples, Func<TResult> fit)
    {
        var sw0 = Stopwatch.StartNew();
        var result = fit(); // two warm-up calls: the JIT's tiers settle
        s_first = sw0.Elapsed.TotalSeconds;
        result = fit();
        var times = new double[samples];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < samples; i++)
        {
            var sw = Stopwatch.StartNew();
            result = fit();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        s_allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / samples;
        Array.Sort(times);
        return (times[samples / 2], result);
    }

    // The cold call's seconds and the warm calls' mean allocation of the last Time call.
    private static double s_first, s_allocatedMb;
}
