using System.Text.Json;
using Linea.ML;
using Xunit.Abstractions;

namespace Linea.ML.Tests.Decomposition;

public class IncrementalPcaTests(ITestOutputHelper output)
{
    private const double Eps = Fixtures.Eps;

    private sealed record Case(string Name, int? K, int? BatchSize, int[][]? Batches, double[][] Components,
        double[] ExplainedVariance, double[] ExplainedVarianceRatio, double[] SingularValues, double[] Mean,
        double[] Var, double NoiseVariance, long NSamplesSeen);

    private static readonly (NDArray<double> X, Case[] Cases) Fixture = Load();

    private static (NDArray<double>, Case[]) Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("ipca_fixture.json")));
        var root = doc.RootElement;
        double[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var x = NDArray.FromArray(Rows(root.GetProperty("X")));
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("n_components").ValueKind == JsonValueKind.Null ? null : c.GetProperty("n_components").GetInt32(),
            c.GetProperty("batch_size").ValueKind == JsonValueKind.Null ? null : c.GetProperty("batch_size").GetInt32(),
            c.GetProperty("batches").ValueKind == JsonValueKind.Null ? null
                : c.GetProperty("batches").EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray(),
            Rows(c.GetProperty("components")), Vector(c.GetProperty("explained_variance")),
            Vector(c.GetProperty("explained_variance_ratio")), Vector(c.GetProperty("singular_values")),
            Vector(c.GetProperty("mean")), Vector(c.GetProperty("var")), c.GetProperty("noise_variance").GetDouble(),
            c.GetProperty("n_samples_seen").GetInt64())).ToArray();
        return (x, cases);
    }

    private static IncrementalPca<double> FitLikeScikitLearn(Case c)
    {
        var model = new IncrementalPca<double>(c.K, batchSize: c.BatchSize);
        if (c.Batches is null) return model.Fit(Fixture.X);
        foreach (var b in c.Batches) model.PartialFit(Fixture.X[b[0]..b[1], ..]);
        return model;
    }

    [Theory]
    [InlineData("fit_k3_batch20")]
    [InlineData("partial_all_10_30_43")]
    [InlineData("fit_k2_batch25")]
    public void Matches_scikit_learns_IncrementalPCA(string name)
    {
        var c = Fixture.Cases.Single(k => k.Name == name);
        var model = FitLikeScikitLearn(c);
        // Each update is a backward-stable SVD of a stack of at most 83 + k + 1 rows: the singular values move by about
        // 10 m eps s_1 per update (Weyl), summed over the updates; a component by that over its gap (Wedin).
        int updates = c.Batches?.Length ?? 4;
        var s = c.SingularValues;
        double sError = updates * 10 * 84 * Eps * s[0];
        double gap = Enumerable.Range(0, s.Length - 1).Select(i => s[i] - s[i + 1]).DefaultIfEmpty(s[0]).Min();
        double cDiff = Fixtures.MaxDiff(NDArray.FromArray(c.Components), model.Components);
        double sDiff = Fixtures.MaxDiff(NDArray.FromArray(s), model.SingularValues);
        output.WriteLine($"{name}: singular values {sDiff:E3} (bound {sError:E3}), components {cDiff:E3} (bound {sError / gap:E3})");
        Assert.True(sDiff <= sError);
        Assert.True(cDiff <= sError / gap);
        double varError = 2 * sError * s[0] / (c.NSamplesSeen - 1);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(c.ExplainedVariance), model.ExplainedVariance) <= varError);
        double total = c.ExplainedVariance[0] / c.ExplainedVarianceRatio[0];
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(c.ExplainedVarianceRatio), model.ExplainedVarianceRatio) <= 2 * varError / total);
        Assert.True(Math.Abs(c.NoiseVariance - model.NoiseVariance) <= varError);
        // Means and variances: the same recurrences in double, differing only in summation order.
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(c.Mean), model.Mean) <= 100 * 83 * Eps * 20);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(c.Var), model.Var) <= 100 * 83 * Eps * 400);
        Assert.Equal(c.NSamplesSeen, model.NSamplesSeen);
    }

    [Theory]
    [InlineData("fit_k3_batch20")]
    [InlineData("fit_k2_batch25")]
    public void Fit_from_a_source_gives_the_bits_of_Fit_in_memory_in_one_pass(string name)
    {
        var c = Fixture.Cases.Single(k => k.Name == name);
        var memory = FitLikeScikitLearn(c);
        var source = new CountingRowBlockSource<double>(Fixture.X);
        var streamed = new IncrementalPca<double>(c.K, batchSize: c.BatchSize).Fit(source);
        Assert.Equal(1, source.Passes);
        Assert.Equal(memory.Components.ToArray(), streamed.Components.ToArray());
        Assert.Equal(memory.SingularValues.ToArray(), streamed.SingularValues.ToArray());
        Assert.Equal(memory.Mean.ToArray(), streamed.Mean.ToArray());
        Assert.Equal(memory.NoiseVariance, streamed.NoiseVariance);
    }

    [Fact]
    public void With_all_components_kept_it_equals_full_pca()
    {
        var (x, _) = Fixtures.Iris();
        var ipca = new IncrementalPca<double>(4, batchSize: 17).Fit(RowBlocks.FromTensor(x));
        var pca = new Pca<double>().Fit(x);
        // Both are backward-stable SVD routes to the same decomposition: components within the SVD errors over the
        // smallest gap (PcaTests' bound, with 9 updates instead of 1).
        var s = pca.SingularValues.ToArray();
        double sError = 9 * 10 * 150 * Eps * s[0];
        double gap = Enumerable.Range(0, 3).Min(i => s[i] - s[i + 1]);
        Assert.True(Fixtures.MaxDiff(pca.SingularValues, ipca.SingularValues) <= sError);
        Assert.True(Fixtures.MaxDiff(pca.Components, ipca.Components) <= sError / gap);
        Assert.True(Fixtures.MaxDiff(pca.Mean, ipca.Mean) <= 150 * Eps * 8);
        Assert.True(Fixtures.MaxDiff(pca.ExplainedVarianceRatio, ipca.ExplainedVarianceRatio) <= 4 * sError / s[0]);
        // All components kept: the round trip is exact to rounding.
        Assert.True(Fixtures.MaxDiff(x, ipca.InverseTransform(ipca.Transform(x))) <= 100 * Eps * 8);
        var white = new IncrementalPca<double>(2, whiten: true, batchSize: 50).Fit(x).Transform(x);
        var variance = (white * white).Sum(0) / 149.0;   // unit variance per whitened component (the scores have mean 0)
        Assert.True(Fixtures.MaxDiff(variance, NDArray.Ones<double>(2)) <= 1e-2, $"{variance}");
    }

    /// <summary>
    /// A warm PartialFit allocates nothing that grows with the batch's rows: the stack is built in a buffer kept by the
    /// model (grown to the largest batch) and its SVD forms no U, so batches of r and 2 r rows allocate the same bytes
    /// (the p x p work of the SVD of the stack's triangular factor, and p- and k p-sized results). Before, each batch
    /// took a copy of itself, the centred batch, the stack, the SVD's column-major copy of the stack and U (five arrays
    /// of about r x p: 480 KB more for 300 rows than for 150 at p = 40). Both the QR-first SVD route (r &lt; 8 p) and the
    /// tall-skinny one (r &gt;= 8 p).
    /// </summary>
    [Theory]
    [InlineData(40, 150)]
    [InlineData(10, 400)]
    public void A_warm_partial_fit_allocates_nothing_that_grows_with_the_batch(int p, int rows)
    {
        var rng = new Rng(17);
        var scale = NDArray.FromArray(Enumerable.Range(0, p).Select(j => 1.0 + j).ToArray());
        var small = rng.Normal([rows, p], 0.0, 1.0) * scale;
        var large = rng.Normal([2 * rows, p], 0.0, 1.0) * scale;
        var ipca = new IncrementalPca<double>(4);
        ipca.PartialFit(large).PartialFit(small).PartialFit(large);   // warm: the buffers have the large batch's size
        long Bytes(NDArray<double> batch)
        {
            long best = long.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                ipca.PartialFit(batch);
                best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return best;
        }
        long bytesSmall = Bytes(small), bytesLarge = Bytes(large);
        output.WriteLine($"p {p}: {rows} rows {bytesSmall} bytes, {2 * rows} rows {bytesLarge} bytes");
        Assert.True(bytesLarge - bytesSmall < 4096, $"{2 * rows} rows allocated {bytesLarge} bytes, {rows} rows {bytesSmall}");
    }

    [Fact]
    public void Bad_batches_give_clear_errors()
    {
        var x = Fixture.X;
        var wide = Assert.Throws<ArgumentException>(() => new IncrementalPca<double>(7).PartialFit(x[..20, ..]));
        Assert.Contains("exceeds the 6 features", wide.Message);
        var short_ = Assert.Throws<ArgumentException>(() => new IncrementalPca<double>(3).PartialFit(x[..2, ..]));
        Assert.Contains("exceeds this batch's 2 rows", short_.Message);
        var model = new IncrementalPca<double>(2).PartialFit(x[..10, ..]);
        var columns = Assert.Throws<ShapeMismatchException>(() => model.PartialFit(x[10..20, ..4]));
        Assert.Contains("earlier batches had 6", columns.Message);
        var nan = x[..10, ..].Copy();
        nan[4, 4] = double.NaN;
        Assert.Throws<NonFiniteException>(() => model.PartialFit(nan));
        var fromSource = Assert.Throws<NonFiniteException>(() => new IncrementalPca<double>(2, batchSize: 3).Fit(RowBlocks.FromTensor(nan)));
        Assert.Contains("row 4, column 4", fromSource.Message);
        Assert.Throws<ArgumentException>(() => new IncrementalPca<double>(2).Fit(TestRowBlockSources.Empty<double>(6)));
        Assert.Throws<ShapeMismatchException>(() => new IncrementalPca<double>(2).Fit(TestRowBlockSources.WrongColumns(x, 5)));
        Assert.Throws<NotFittedException>(() => new IncrementalPca<double>(2).Components);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IncrementalPca<double>(0));
    }
}
