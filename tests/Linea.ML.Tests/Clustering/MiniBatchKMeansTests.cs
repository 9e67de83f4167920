using Linea.ML.Clustering;
using Xunit.Abstractions;

namespace Linea.ML.Tests.Clustering;

public class MiniBatchKMeansTests(ITestOutputHelper output)
{
    private static readonly double[,] Centres = { { 0, 0, 0 }, { 20, 0, 0 }, { 0, 20, 0 }, { 0, 0, 20 } };

    /// <summary>Four unit-variance blobs 20 apart (no point is within 8 sigma of another blob's half-space), in the
    /// order drawn (sorted by blob) or shuffled.</summary>
    private static (NDArray<double> X, int[] Labels) Blobs(bool shuffled)
    {
        var (x, labels) = ClusterData.Blobs(Centres, 500, 1.0, seed: 17);
        if (!shuffled) return (x, labels);
        var order = new Rng(4).Permutation(labels.Length);
        var xs = NDArray.Zeros<double>(labels.Length, 3);
        for (int i = 0; i < order.Length; i++) xs[i, ..] = x[order[i], ..];
        return (xs, order.Select(i => labels[i]).ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Well_separated_blobs_are_recovered_exactly_with_near_optimal_inertia(bool shuffled)
    {
        var (x, truth) = Blobs(shuffled);
        var source = new CountingRowBlockSource<double>(x);
        var mbk = new MiniBatchKMeans<double>(nClusters: 4, batchSize: 100, maxIter: 10, seed: 1).Fit(source);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), mbk.Predict(x)));
        Assert.True(source.Passes <= 10 + 2, $"{source.Passes} passes");
        var full = new KMeans<double>(4, seed: 0).Fit(x);
        output.WriteLine($"shuffled={shuffled}: inertia {mbk.Inertia:F3} vs full k-means {full.Inertia:F3}, {source.Passes} passes, {mbk.NSteps} steps");
        // With the partition exact, the excess over the optimum is sum_c n_c |centre_c - mean_c|^2; each centre is a
        // running mean of its points over the epochs, within a fraction of the blob's spread of the mean.
        Assert.True(mbk.Inertia <= 1.01 * full.Inertia, $"inertia {mbk.Inertia} vs {full.Inertia}");
        Assert.True(mbk.Inertia >= full.Inertia * (1 - 1e-12));
        Assert.Equal(mbk.Inertia, -mbk.Score(x), 1e-9 * mbk.Inertia);
    }

    [Fact]
    public void The_seed_fixes_the_model_and_a_mapped_file_gives_the_same_bits()
    {
        var (x, truth) = Blobs(shuffled: true);
        var a = new MiniBatchKMeans<double>(4, batchSize: 64, seed: 9).Fit(RowBlocks.FromTensor(x));
        var b = new MiniBatchKMeans<double>(4, batchSize: 64, seed: 9).Fit(x);
        Assert.Equal(a.ClusterCenters.ToArray(), b.ClusterCenters.ToArray());
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), b.Labels));
        a.Fit(RowBlocks.FromTensor(x));   // refitting the same object starts again from the seed
        Assert.Equal(b.ClusterCenters.ToArray(), a.ClusterCenters.ToArray());
        var other = new MiniBatchKMeans<double>(4, batchSize: 64, seed: 10).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), other.Labels));

        string path = Path.Combine(Path.GetTempPath(), $"linea-mbk-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Save(path, x);
            using var mapped = Npy.Load<double>(path, MmapMode.ReadOnly);
            var fromFile = new MiniBatchKMeans<double>(4, batchSize: 64, seed: 9).Fit(RowBlocks.FromTensor(mapped));
            Assert.Equal(b.ClusterCenters.ToArray(), fromFile.ClusterCenters.ToArray());
            Assert.Equal(b.Inertia, fromFile.Inertia);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Without_early_stopping_a_fit_makes_exactly_maxIter_plus_2_passes()
    {
        var (x, _) = Blobs(shuffled: true);
        var source = new CountingRowBlockSource<double>(x);
        var mbk = new MiniBatchKMeans<double>(4, batchSize: 500, maxIter: 3, seed: 2, maxNoImprovement: null).Fit(source);
        Assert.Equal(5, source.Passes);
        Assert.Equal(3, mbk.NIter);
        Assert.Equal(12, mbk.NSteps);
        Assert.Equal(3 * 2000.0, mbk.Counts.Sum());   // every row absorbed once per epoch
    }

    /// <summary>
    /// A warm fit of 20,000 x 10 float64 rows (batch 256, 3 epochs without early stopping: 237 mini-batches) reads the
    /// blocks in place and reuses one set of step buffers: it allocates the kept labels (4 n bytes), the reservoir
    /// (768 x 10 doubles), k-means++'s 3 x 768 doubles per seeding (3 seedings), and small objects, at most 1 KiB a
    /// mini-batch (the blocks' views and the passes' enumerators) and 64 KiB besides: 0.5 MB. The old fit made a double
    /// copy of every batch, new labels, sums and a copy of the centres, one array per reservoir row, and the n x p double
    /// copy of X for the labels: 10.7 MB. A float32 X adds one reused double buffer: the largest block, 2^20
    /// elements at most (here the 20,000 x 10 seeding block), 8 n p bytes.
    /// </summary>
    [Fact]
    public void Warm_fit_reuses_its_step_buffers()
    {
        const int n = 20_000, p = 10, k = 4, batch = 256, steps = 3 * ((n + batch - 1) / batch);
        var rng = new Rng(8);
        var shifts = NDArray.FromArray(Enumerable.Range(0, n * p).Select(i => (double)(i / p % k * 6)).ToArray(), n, p);
        var x = rng.Normal([n, p], 0.0, 1.0) + shifts;
        MiniBatchKMeans<double> Fit() => new MiniBatchKMeans<double>(k, batchSize: batch, maxIter: 3, seed: 6, maxNoImprovement: null).Fit(x);
        Fit();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var mbk = Fit();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        long bound = 4L * n + 8L * 3 * batch * p + 3 * 8L * 3 * batch + steps * 1024L + (64 << 10);
        output.WriteLine($"{bytes} bytes, bound {bound}");
        Assert.Equal(steps, mbk.NSteps);
        Assert.True(bytes <= bound, $"MiniBatchKMeans.Fit allocated {bytes} bytes > {bound}");
        // What the buffers computed: the kept labels are the nearest centres, and the inertia their squared distances.
        Assert.Equal(mbk.Predict(x).ToArray(), mbk.Labels.ToArray());
        Assert.Equal(mbk.Inertia, -mbk.Score(x), 1e-12 * mbk.Inertia);

        var xf = x.AsType<float>();
        new MiniBatchKMeans<float>(k, batchSize: batch, maxIter: 3, seed: 6, maxNoImprovement: null).Fit(xf);
        before = GC.GetAllocatedBytesForCurrentThread();
        new MiniBatchKMeans<float>(k, batchSize: batch, maxIter: 3, seed: 6, maxNoImprovement: null).Fit(xf);
        bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        // The one reused double buffer (8 n p bytes here); the labels come from the final inertia pass, so X is not
        // converted a second time for them.
        Assert.True(bytes <= bound + 8L * n * p, $"MiniBatchKMeans<float>.Fit allocated {bytes} bytes > {bound + 8L * n * p}");
    }

    [Fact]
    public void Partial_fit_on_batches_converges_to_the_blob_means()
    {
        var (x, truth) = Blobs(shuffled: true);
        var mbk = new MiniBatchKMeans<double>(4, seed: 3);
        for (int epoch = 0; epoch < 2; epoch++)
            for (int start = 0; start < 2000; start += 200)
                mbk.PartialFit(x[start..(start + 200), ..]);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), mbk.Predict(x)));
        Assert.Equal(200, mbk.Labels.Length);
        // Each centre is the mean of its blob's 500 points counted twice: within the blob's mean exactly to rounding.
        var labels = mbk.Predict(x);
        var centres = mbk.ClusterCenters;
        for (int c = 0; c < 4; c++)
        {
            var members = Enumerable.Range(0, 2000).Where(i => labels[i] == c).ToArray();
            var mean = NDArray.Zeros<double>(3);
            foreach (int i in members) mean += x[i, ..];
            mean /= members.Length;
            Assert.True(Fixtures.MaxDiff(mean, centres[c, ..].Contiguous()) <= 1e-9, $"centre {c}");
        }
    }

    [Fact]
    public void Bad_input_gives_clear_errors()
    {
        var (x, _) = Blobs(shuffled: true);
        var few = Assert.Throws<ArgumentException>(() => new MiniBatchKMeans<double>(5).Fit(RowBlocks.FromTensor(x[..3, ..])));
        Assert.Contains("3 rows but 5 clusters", few.Message);
        Assert.Throws<ArgumentException>(() => new MiniBatchKMeans<double>(2).Fit(TestRowBlockSources.Empty<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => new MiniBatchKMeans<double>(2).Fit(TestRowBlockSources.WrongColumns(x, 2)));
        var nan = x.Copy();
        nan[1500, 2] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => new MiniBatchKMeans<double>(4).Fit(RowBlocks.FromTensor(nan)));
        Assert.Contains("row 1500, column 2", e.Message);
        var model = new MiniBatchKMeans<double>(4).PartialFit(x[..100, ..]);
        Assert.Throws<ShapeMismatchException>(() => model.PartialFit(x[..100, ..2]));
        Assert.Throws<ShapeMismatchException>(() => model.Predict(x[.., ..2]));
        Assert.Throws<NotFittedException>(() => new MiniBatchKMeans<double>(4).Predict(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans<double>(4, batchSize: 0));
        var changed = TestRowBlockSources.ChangesBetweenPasses(x, x[..1000, ..].Contiguous());
        Assert.Throws<InvalidDataException>(() => new MiniBatchKMeans<double>(4).Fit(changed));
    }
}
