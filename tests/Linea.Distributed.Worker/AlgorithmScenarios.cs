using Linea.ML;
using Linea.ML.Clustering;

namespace Linea.Distributed.Worker;

/// <summary>
/// TSQR least squares, PCA and k-means on row blocks of a shared .npy (balanced, skewed with zero-row ranks, and fewer
/// rows per rank than columns), each compared with the single-process answer computed here from the whole matrix.
/// Tolerances come from perturbation theory: for least squares, |Δx| ≤ c eps (κ + κ² ρ) |x| with
/// ρ = |r| / (|A| |x|); for singular values |Δσ| ≤ c eps σ_max; for singular vectors c eps σ_max / gap; for k-means
/// centres (means of at most n points summed in another order) c n eps max|x|. Here c = 4 d √n, a small multiple of
/// the Householder QR backward-error constant.
/// </summary>
internal static class AlgorithmScenarios
{
    private const double Eps = 2.220446049250313e-16;

    public static void Run(Communicator world, Checks checks, string[] args)
    {
        string dir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "linea-mpi-" + Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"));
        if (world.IsRoot)
        {
            Directory.CreateDirectory(dir);
            WriteData(dir);
        }
        world.Barrier();
        LeastSquares(world, checks, dir);
        Pca(world, checks, dir);
        KMeans(world, checks, dir);
        LocalFailure(world, checks);
    }

    private static void WriteData(string dir)
    {
        var rng = new Rng(20261207);
        // A: 203 x 6 with columns scaled 1..32 (κ about 50); b = A x* + small noise; B = [b, 2b + noise].
        var a = rng.Normal([203, 6], 0.0, 1.0);
        for (int i = 0; i < 203; i++)
            for (int j = 0; j < 6; j++) a[i, j] *= Math.Pow(2, j);
        var xs = NDArray.FromArray(new double[] { 1, -2, 3, -4, 5, -6 });
        var b = a.MatMul(xs) + rng.Normal([203], 0.0, 1e-3);
        var bb = NDArray.Zeros<double>(203, 2);
        for (int i = 0; i < 203; i++) { bb[i, 0] = b[i]; bb[i, 1] = 2 * b[i] + 0.01 * rng.NextNormal(); }
        Npy.Save(Path.Combine(dir, "A.npy"), a);
        Npy.Save(Path.Combine(dir, "b.npy"), b);
        Npy.Save(Path.Combine(dir, "B.npy"), bb);
        // PCA data: 157 x 5, column scales 10, 5, 2, 1, 0.5 plus a shared offset (centring matters).
        var p = rng.Normal([157, 5], 0.0, 1.0);
        double[] scale = [10, 5, 2, 1, 0.5];
        for (int i = 0; i < 157; i++)
            for (int j = 0; j < 5; j++) p[i, j] = 100 + scale[j] * p[i, j] + 0.3 * p[i, 0] * (j == 1 ? 1 : 0);
        Npy.Save(Path.Combine(dir, "P.npy"), p);
        // k-means data: three blobs of 40, 50, 61 points in 2-d around (0,0), (6,0), (0,6).
        var k = NDArray.Zeros<double>(151, 2);
        double[][] centre = [[0, 0], [6, 0], [0, 6]];
        for (int i = 0; i < 151; i++)
        {
            int c = i < 40 ? 0 : i < 90 ? 1 : 2;
            k[i, 0] = centre[c][0] + rng.NextNormal();
            k[i, 1] = centre[c][1] + rng.NextNormal();
        }
        Npy.Save(Path.Combine(dir, "K.npy"), k);
    }

    private static RowPartition[] Partitions(long n, int p) =>
    [
        RowPartition.Balanced(n, p),
        RowPartition.FromCounts([.. Enumerable.Repeat(0L, p - 1), n]),          // all rows on the last rank
        p == 1 ? RowPartition.Balanced(n, 1) : RowPartition.FromCounts([3, .. Enumerable.Repeat(0L, p - 2), n - 3]), // 3 rows (< d) on rank 0
    ];

    private static void LeastSquares(Communicator world, Checks checks, string dir)
    {
        var aWhole = Npy.Load<double>(Path.Combine(dir, "A.npy"));
        var bWhole = Npy.Load<double>(Path.Combine(dir, "b.npy"));
        var bbWhole = Npy.Load<double>(Path.Combine(dir, "B.npy"));
        long n = aWhole.Shape[0];
        int d = (int)aWhole.Shape[1];
        var reference = Linalg.Lstsq(aWhole, bWhole);
        var referenceB = Linalg.Lstsq(aWhole, bbWhole);
        double kappa = Linalg.Cond(aWhole);
        double normA = Linalg.Norm(aWhole, 2.0);

        foreach (var (part, label) in Partitions(n, world.Size).Select((p, i) => (p, new[] { "balanced", "skewed", "three_rows" }[i])))
        {
            using var a = RowBlockMatrix<double>.LoadNpy(world, Path.Combine(dir, "A.npy"), part);
            var bLocal = a.LocalRowsOf(Npy.Load<double>(Path.Combine(dir, "b.npy"), MmapMode.ReadOnly));
            var res = Tsqr.Lstsq(a, bLocal);
            double[] x = res.Solution.ToArray(), xr = reference.Solution.ToArray();
            double xNorm = Math.Sqrt(xr.Sum(v => v * v));
            double rho = Math.Sqrt(reference.Residuals[0]) / (normA * xNorm);
            double tol = 4 * d * Math.Sqrt(n) * Eps * (kappa + kappa * kappa * rho) * xNorm;
            checks.Close($"tsqr.lstsq.{label}", xr, x, tol);
            checks.Equal($"tsqr.rank.{label}", d, res.Rank);
            double r2 = reference.Residuals[0];
            // The minimal residual moves by at most |δA x - δb| under a backward perturbation, so
            // |Δ(|r|²)| ≤ 2 |r| c eps (|A| |x| + |b|) for each method.
            double bNorm = Math.Sqrt(bWhole.ToArray().Sum(v => v * v));
            checks.Close($"tsqr.residual.{label}", [r2], res.Residuals.ToArray(),
                2 * 2 * Math.Sqrt(r2) * 4 * d * Math.Sqrt(n) * Eps * (normA * xNorm + bNorm));
            // R^T R = A^T A: compare against the whole matrix (a residual identity, independent of signs).
            var gram = aWhole.T.MatMul(aWhole);
            var rtr = res.R.T.MatMul(res.R);
            checks.Close($"tsqr.gram.{label}", gram.ToArray(), rtr.ToArray(), 4 * d * Math.Sqrt(n) * Eps * normA * normA);

            var bbLocal = bbWhole[Slice.Range(a.RowOffset, a.RowOffset + a.LocalRows)];
            var resB = Tsqr.Lstsq(a, bbLocal);
            checks.Equal($"tsqr.matrix_rhs.shape.{label}", "(6, 2)", resB.Solution.Shape.ToString());
            double xbNorm = Math.Sqrt(referenceB.Solution.ToArray().Sum(v => v * v));
            checks.Close($"tsqr.matrix_rhs.{label}", referenceB.Solution.ToArray(), resB.Solution.ToArray(),
                4 * d * Math.Sqrt(n) * Eps * (kappa + kappa * kappa * 0.01) * xbNorm);
        }

        // float: the same problem in single precision, against Linalg.Lstsq in single precision (eps = 2^-23).
        var a32 = ToFloat(aWhole);
        var b32 = ToFloat(bWhole);
        var ref32 = Linalg.Lstsq(a32, b32);
        var af = RowBlockMatrix<float>.Scatter(world, world.IsRoot ? a32 : null, 0);
        var res32 = Tsqr.Lstsq(af, af.LocalRowsOf(b32));
        double x32 = Math.Sqrt(ref32.Solution.ToArray().Sum(v => (double)v * v));
        double rho32 = Math.Sqrt(reference.Residuals[0]) / (normA * x32);
        checks.Close("tsqr.lstsq.float", ref32.Solution.ToArray().Select(v => (double)v).ToArray(), res32.Solution.ToArray().Select(v => (double)v).ToArray(),
            4 * d * Math.Sqrt(n) * Math.Pow(2, -23) * (kappa + kappa * kappa * rho32) * x32);

        // Fewer rows than ranks times columns: 8 rows over the ranks (blocks of 2-4 rows of 6 columns).
        var small = RowBlockMatrix<double>.Scatter(world, world.IsRoot ? aWhole[..8].Contiguous() : null, 0);
        var bs = world.ScatterRows(world.IsRoot ? bWhole[..8].Contiguous() : null, 0);
        var rs = Tsqr.Lstsq(small, bs);
        var refSmall = Linalg.Lstsq(aWhole[..8].Contiguous(), bWhole[..8].Contiguous());
        double k8 = Linalg.Cond(aWhole[..8].Contiguous());
        double x8 = Math.Sqrt(refSmall.Solution.ToArray().Sum(v => v * v));
        checks.Close("tsqr.short_blocks", refSmall.Solution.ToArray(), rs.Solution.ToArray(), 4 * d * Math.Sqrt(8) * Eps * (k8 + k8 * k8) * x8);

        // b with the wrong number of rows on one rank: that rank names the shapes, the others name that rank.
        using var a2 = RowBlockMatrix<double>.LoadNpy(world, Path.Combine(dir, "A.npy"));
        var wrong = NDArray.Zeros<double>(a2.LocalRows + (world.Rank == world.Size - 1 ? 1 : 0));
        if (world.Rank == world.Size - 1)
            checks.Throws<ShapeMismatchException>("tsqr.b_rows.own_rank", () => Tsqr.Lstsq(a2, wrong), "must be (");
        else
            checks.Throws<MpiException>("tsqr.b_rows.other_ranks", () => Tsqr.Lstsq(a2, wrong), $"rank(s) {world.Size - 1} failed");
    }

    private static void Pca(Communicator world, Checks checks, string dir)
    {
        var whole = Npy.Load<double>(Path.Combine(dir, "P.npy"));
        long n = whole.Shape[0];
        int d = (int)whole.Shape[1];
        var single = new Pca<double>(3).Fit(whole);
        var sAll = Linalg.Svd(whole - whole.Mean(0), fullMatrices: false).S.ToArray();
        double smax = sAll[0];
        double gap = Enumerable.Range(0, 3).Min(i => Math.Min(i > 0 ? sAll[i - 1] - sAll[i] : double.PositiveInfinity, sAll[i] - sAll[i + 1]));
        double c = 4 * d * Math.Sqrt(n) * Eps;
        foreach (var (part, label) in Partitions(n, world.Size).Take(2).Select((p, i) => (p, i == 0 ? "balanced" : "skewed")))
        {
            using var x = RowBlockMatrix<double>.LoadNpy(world, Path.Combine(dir, "P.npy"), part);
            var pca = new DistributedPca<double>(3).Fit(x);
            // Means of n values: |Δμ| ≤ c max|x| for each; row norms of the centred data are at most σ_max, so
            // a score moves by at most σ_max |Δv| + √d |Δμ|.
            double maxAbs = whole.ToArray().Max(Math.Abs);
            checks.Close($"pca.mean.{label}", single.Mean.ToArray(), pca.Mean.ToArray(), c * maxAbs);
            checks.Close($"pca.singular_values.{label}", single.SingularValues.ToArray(), pca.SingularValues.ToArray(), c * smax);
            checks.Close($"pca.explained_variance.{label}", single.ExplainedVariance.ToArray(), pca.ExplainedVariance.ToArray(), 2 * c * smax * smax / (n - 1));
            checks.Close($"pca.explained_variance_ratio.{label}", single.ExplainedVarianceRatio.ToArray(), pca.ExplainedVarianceRatio.ToArray(), 4 * c);
            checks.Close($"pca.components.{label}", SignFixed(single.Components), SignFixed(pca.Components), c * smax / gap);
            checks.Close($"pca.components_same_signs.{label}", single.Components.ToArray(), pca.Components.ToArray(), c * smax / gap);
            var scores = pca.Transform(x.Local);
            var expected = single.Transform(whole[Slice.Range(x.RowOffset, x.RowOffset + x.LocalRows)].Contiguous());
            checks.Close($"pca.transform.{label}", expected.ToArray(), scores.ToArray(), smax * Math.Sqrt(d) * c * smax / gap + Math.Sqrt(d) * c * maxAbs);
        }
    }

    private static void KMeans(Communicator world, Checks checks, string dir)
    {
        var whole = Npy.Load<double>(Path.Combine(dir, "K.npy"));
        long n = whole.Shape[0];
        double maxAbs = whole.ToArray().Max(Math.Abs);
        // Start 1: rows 0, 1 and 2 (all in the first blob), so the centres travel several iterations.
        // Start 2: one centre far from every point, so its cluster empties and is relocated.
        var init1 = NDArray.FromArray(new double[,] { { whole[0, 0], whole[0, 1] }, { whole[1, 0], whole[1, 1] }, { whole[2, 0], whole[2, 1] } });
        var init2 = NDArray.FromArray(new double[,] { { 1000, 1000 }, { 3, 0 }, { 0, 3 } });
        foreach (var (init, label) in new[] { (init1, "travel"), (init2, "empty_cluster") })
            foreach (var (part, plabel) in Partitions(n, world.Size).Take(2).Select((p, i) => (p, i == 0 ? "balanced" : "skewed")))
            {
                using var x = RowBlockMatrix<double>.LoadNpy(world, Path.Combine(dir, "K.npy"), part);
                var single = new KMeans<double>(3) { InitialCenters = init }.Fit(whole);
                var km = new DistributedKMeans<double>(3).Fit(x, init);
                string name = $"kmeans.{label}.{plabel}";
                // This rank's assignments as an int64 tensor of its rows, gathered in rank order into the global labels.
                NDArray<long> local = km.LocalLabels;
                checks.Equal(name + ".local_labels_length", (long)x.LocalRows, local.Shape[0]);
                long[] labels = world.Allgatherv<long>(local.ToArray());
                checks.Sequence<long>(name + ".labels", single.Labels.ToArray(), labels);
                checks.Equal(name + ".n_iter", single.NIter, km.NIter);
                checks.Close(name + ".centres", single.ClusterCenters.ToArray(), km.ClusterCenters.ToArray(), 4 * n * Eps * maxAbs);
                checks.Close(name + ".inertia", [single.Inertia], [km.Inertia], 4 * n * Eps * single.Inertia);
            }
        // The seeded start draws the same rows on every rank.
        using var xs = RowBlockMatrix<double>.LoadNpy(world, Path.Combine(dir, "K.npy"));
        var seeded = new DistributedKMeans<double>(3).Fit(xs, seed: 7);
        double[] mine = seeded.ClusterCenters.ToArray();
        double[] root = (double[])mine.Clone();
        world.Broadcast<double>(root, 0);
        checks.Sequence<double>("kmeans.seeded.same_on_every_rank", root, mine);
    }

    private static void LocalFailure(Communicator world, Checks checks)
    {
        // The last rank's block holds a NaN: it reports the NaN, the others name it, nobody hangs.
        var block = NDArray.Ones<double>([3, 2]);
        if (world.Rank == world.Size - 1) block[1, 1] = double.NaN;
        var x = RowBlockMatrix<double>.FromLocal(world, block);
        if (world.Rank == world.Size - 1)
            checks.Throws<NonFiniteException>("tsqr.nan.own_rank", () => Tsqr.R(x));
        else
            checks.Throws<MpiException>("tsqr.nan.other_ranks", () => Tsqr.R(x), $"rank(s) {world.Size - 1} failed");
        checks.Throws<ShapeMismatchException>("rowblock.local_rows_of.wrong_n", () => x.LocalRowsOf(NDArray.Zeros<double>(3L * world.Size + 1)), $"first axis must be {3 * world.Size}");
        checks.Throws<MpiCountMismatchException>("rowblock.columns_differ",
            () => RowBlockMatrix<double>.FromLocal(world, NDArray.Zeros<double>(2, world.Rank == 0 ? 3 : 2)), "rank 0: 2 x 3");
    }

    private static NDArray<float> ToFloat(NDArray<double> t)
    {
        var a = t.ToArray();
        return NDArray.FromArray(a.Select(v => (float)v).ToArray(), t.Shape.ToArray());
    }

    /// <summary>Each row's sign chosen so its largest entry is positive (undoes the SVD's sign freedom for comparison).</summary>
    private static double[] SignFixed(NDArray<double> rows)
    {
        var a = rows.ToArray();
        int k = (int)rows.Shape[0], d = (int)rows.Shape[1];
        for (int i = 0; i < k; i++)
        {
            int best = 0;
            for (int j = 1; j < d; j++) if (Math.Abs(a[i * d + j]) > Math.Abs(a[i * d + best])) best = j;
            if (a[i * d + best] < 0) for (int j = 0; j < d; j++) a[i * d + j] = -a[i * d + j];
        }
        return a;
    }
}
