using Linea.TestKit;

namespace Linea.Tests.Core;

/// <summary>
/// Variances along every kind of axis set against a slow two-pass reference in double: the contiguous leading-axes
/// and trailing-axes passes that form no x - mean temporary (vector passes, and scalar ones for fewer than eight
/// elements a row or group), the general path (middle axes, strided views), keepDims,
/// ddof, and float32 data with a large mean (a one-pass formula would lose every digit there). Each entry within
/// c N eps of the variance scale (the second pass sums N squares of deviations computed to about eps |x|).
/// </summary>
public class VarianceTests
{
    public static IEnumerable<object[]> Cases() =>
    [
        [new int[] { 300, 40 }, new[] { 0 }],
        [new int[] { 300, 40 }, new[] { 1 }],
        [new int[] { 300, 40 }, null!],
        [new int[] { 7, 6, 20 }, new[] { 0, 1 }],
        [new int[] { 7, 6, 20 }, new[] { 1, 2 }],
        [new int[] { 7, 6, 20 }, new[] { 0, 2 }],   // neither leading nor trailing: the general path
        [new int[] { 9000 }, new[] { 0 }],
        [new int[] { 500, 3 }, new[] { 0 }],        // narrow rows: the scalar leading-axes pass
        [new int[] { 500, 3 }, new[] { 1 }],        // narrow groups: the scalar trailing-axes pass
        [new int[] { 1000, 7 }, new[] { 0 }],       // the widest narrow rows, eight blocks
        [new int[] { 300, 1 }, new[] { 0 }],        // one column
        [new int[] { 40, 2, 3 }, new[] { 0 }],      // narrow trailing positions of a 3-d tensor
        [new int[] { 3000, 100 }, new[] { 0 }],     // 300,000 elements: the leading-axes pass over threads
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void VarianceMatchesATwoPassReference(int[] shape, int[]? axes)
    {
        foreach (bool keepDims in new[] { false, true })
            foreach (int ddof in new[] { 0, 1 })
            {
                var x = new Rng(7).Normal<double>(shape, 3.0, 2.0);
                Check(x, axes, ddof, keepDims, 2.220446049250313e-16);
                var xf = new Rng(8).Normal<double>(shape, 1e4, 1.0).AsType<float>();
                Check(xf, axes, ddof, keepDims, 1.1920929e-7);
            }
    }

    /// <summary>The threaded leading-axes pass forms each row block's sum as the one-thread pass does and adds the blocks
    /// in order: the same bits on any number of threads, also with a last partial block and a round of fewer blocks.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ThreadedColumnPassHasTheOneThreadBits(int threads)
    {
        const int n = 128 * 40 + 17, m = 33;
        var x = new Rng(12).Normal<double>([n, m], 5.0, 3.0);
        var mu = x.Mean(0).ToArray();
        var one = new double[m];
        var many = new double[m];
        Linea.Ops.SquaredDeviations.Leading<double>(x.ToArray(), mu, one);
        Linea.Ops.SquaredDeviations.LeadingParallel<double>(x.ToArray(), mu, many, threads);
        Assert.Equal(one, many);
    }

    [Fact]
    public void StridedViewsTakeTheGeneralPathAndAgree()
    {
        var x = new Rng(9).Normal<double>([40, 300], 0.0, 1.0);
        Check(x.T, [0], 0, false, 2.220446049250313e-16);
        Check(x[.., ..150], [1], 1, true, 2.220446049250313e-16);
    }

    [Fact]
    public void ColumnVariancesAllocateOnlyTheResult()
    {
        var x = new Rng(10).Normal<double>([4000, 50], 0.0, 1.0);
        _ = x.Var(0); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var v = x.Var(0);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        // The mean and the result (50 doubles each) and small objects; x - mean alone would be 4000 x 50 x 8 = 1.6 MB.
        Assert.True(bytes < 64 * 1024, $"Var(0) of 4000 x 50 allocated {bytes} bytes");
        Assert.Equal([50L], v.Dims);
    }

    /// <summary>
    /// Fewer than eight columns (or a row's few elements) take the narrow second pass, which also forms no x - mean:
    /// before, Var(0) of 4000 x 3 formed x - mean and its square (96 KB each).
    /// </summary>
    [Fact]
    public void NarrowVariancesAllocateNoTemporaryOfTheInputsSize()
    {
        var x = new Rng(11).Normal<double>([4000, 3], 0.0, 1.0);
        long Bytes(Func<NDArray<double>> f)
        {
            f(); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            f();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // The mean, the sums and the result (3 doubles each) and small objects.
        Assert.True(Bytes(() => x.Var(0)) < 8 * 1024, $"Var(0) of 4000 x 3 allocated {Bytes(() => x.Var(0))} bytes");
        Assert.True(Bytes(() => x.Std(0)) < 8 * 1024, $"Std(0) of 4000 x 3 allocated {Bytes(() => x.Std(0))} bytes");
        // Row statistics: the row sums, the mean, the squared-deviation sums and the result (4000 doubles, 32 KB, each);
        // x - mean and its square took 192 KB more.
        Assert.True(Bytes(() => x.Var(1)) < 4 * 32_000 + 8 * 1024, $"Var(1) of 4000 x 3 allocated {Bytes(() => x.Var(1))} bytes");
    }

    private static void Check<T>(NDArray<T> x, int[]? axes, int ddof, bool keepDims, double eps) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var v = x.Var(axes, ddof, keepDims);
        var xd = x.AsType<double>();
        int rank = x.Rank;
        var reduced = new bool[rank];
        if (axes is null) Array.Fill(reduced, true); else foreach (int a in axes) reduced[a] = true;
        var outDims = Enumerable.Range(0, rank).Where(i => !reduced[i] || keepDims).Select(i => reduced[i] ? 1L : x.Dims[i]).ToArray();
        Assert.Equal(outDims, v.Dims);
        // Group every element by its output position (the kept coordinates), then the reference per group.
        var groups = new Dictionary<string, List<double>>();
        var idx = new long[rank];
        for (long flat = 0; flat < x.Size; flat++)
        {
            long r = flat;
            for (int i = rank - 1; i >= 0; i--) { idx[i] = r % x.Dims[i]; r /= x.Dims[i]; }
            string key = string.Join(",", Enumerable.Range(0, rank).Where(i => !reduced[i]).Select(i => idx[i]));
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(xd[idx]);
        }
        var vd = v.AsType<double>().Reshape(-1);
        int g = 0;
        foreach (var list in OrderedGroups(groups, x, reduced))
        {
            double mean = list.Average();
            double ss = list.Sum(e => (e - mean) * (e - mean));
            double reference = ss / (list.Count - ddof);
            double scale = list.Sum(e => Math.Abs(e - mean) * (Math.Abs(e - mean) + 2 * Math.Abs(mean) * eps)) / (list.Count - ddof);
            double tol = 4 * (list.Count + 2) * eps * (scale + Math.Abs(mean) * Math.Abs(mean) * eps) + 1e-300;
            Assert.True(Math.Abs(vd[g] - reference) <= tol, $"{typeof(T).Name} shape ({string.Join(",", x.Dims)}) axes {(axes is null ? "all" : string.Join(",", axes))} ddof {ddof}: [{g}] {vd[g]} vs {reference} (tol {tol:E2})");
            g++;
        }
    }

    /// <summary>The groups in C order of their output positions.</summary>
    private static IEnumerable<List<double>> OrderedGroups<T>(Dictionary<string, List<double>> groups, NDArray<T> x, bool[] reduced) where T : unmanaged
    {
        var keptDims = Enumerable.Range(0, x.Rank).Where(i => !reduced[i]).Select(i => x.Dims[i]).ToArray();
        long count = keptDims.Aggregate(1L, (a, b) => a * b);
        var idx = new long[keptDims.Length];
        for (long flat = 0; flat < count; flat++)
        {
            long r = flat;
            for (int i = keptDims.Length - 1; i >= 0; i--) { idx[i] = r % keptDims[i]; r /= keptDims[i]; }
            yield return groups[string.Join(",", idx)];
        }
    }
}
