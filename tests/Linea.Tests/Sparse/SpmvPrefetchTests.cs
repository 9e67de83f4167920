using System.Numerics;

namespace Linea.Tests.Sparse;

/// <summary>
/// The SpMV kernels with software prefetch (<see cref="Spmv.PrefetchEntries"/> entries ahead): matrices with many times
/// that many entries, so the prefetched addresses run past each thread's chunk and past the end of the arrays, against
/// a slow reference computed from the triplets themselves. Integer values in [-9, 9] and integer x keep every partial
/// sum below 2^24, so the products are exact in float and double whatever the order of summation, and results are
/// compared exactly.
/// </summary>
public class SpmvPrefetchTests
{
    /// <summary>Triplets (row, column, value) of a test matrix.</summary>
    private sealed record Triplets(int Rows, int Columns, int[] R, int[] C, double[] V);

    /// <summary>The 5-point stencil on a grid x grid mesh (structured, 5 entries per interior row).</summary>
    private static Triplets Stencil(int grid)
    {
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < grid * grid; i++)
        {
            int row = i / grid, col = i % grid;
            void Add(int j, double x) { r.Add(i); c.Add(j); v.Add(x); }
            if (row > 0) Add(i - grid, -1);
            if (col > 0) Add(i - 1, -2);
            Add(i, 4 + i % 3);
            if (col < grid - 1) Add(i + 1, -3);
            if (row < grid - 1) Add(i + grid, -1);
        }
        return new(grid * grid, grid * grid, [.. r], [.. c], [.. v]);
    }

    /// <summary>
    /// A random m x n matrix: every third row empty, every 97th row long (up to 2,000 entries, above the prefetch
    /// distance), the others 0 to 15 entries; columns uniform (x gathered at random).
    /// </summary>
    private static Triplets Random(int m, int n, int seed)
    {
        var rng = new System.Random(seed);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < m; i++)
        {
            int len = i % 3 == 1 ? 0 : i % 97 == 0 ? Math.Min(n, 2000) : rng.Next(0, 16);
            for (int k = 0; k < len; k++) { r.Add(i); c.Add(rng.Next(n)); v.Add(rng.Next(-9, 10)); }
        }
        return new(m, n, [.. r], [.. c], [.. v]);
    }

    /// <summary>One row of <paramref name="n"/> entries (a single run, longer than the prefetch distance).</summary>
    private static Triplets OneRow(int n)
        => new(1, n, new int[n], [.. Enumerable.Range(0, n)], [.. Enumerable.Range(0, n).Select(j => (double)(j % 19 - 9))]);

    private static double[] IntegerVector(int n, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (double)rng.Next(-4, 5))];
    }

    public static TheoryData<string> Cases() => ["stencil", "random", "one_row", "one_column"];

    private static Triplets Build(string name) => name switch
    {
        "stencil" => Stencil(120),                   // 14,400 rows, 71,520 entries
        "random" => Random(9000, 7000, 5),           // ~93,000 entries
        "one_row" => OneRow(50_000),
        "one_column" => Transposed(OneRow(50_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Triplets Transposed(Triplets t) => new(t.Columns, t.Rows, t.C, t.R, t.V);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gather_and_scatter_equal_the_triplet_reference_on_any_thread_count(string name)
    {
        Check<double>(Build(name));
        Check<float>(Build(name));

        static void Check<T>(Triplets t) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var a = Linea.Sparse.Coo<T>(t.Rows, t.Columns, t.R, t.C, [.. t.V.Select(T.CreateChecked)]);
            Assert.True(a.Nnz > 8L * Spmv.PrefetchEntries);
            double[] x = IntegerVector(t.Columns, 1), z = IntegerVector(t.Rows, 2);
            var ax = new double[t.Rows];
            var atz = new double[t.Columns];
            for (int k = 0; k < t.V.Length; k++) { ax[t.R[k]] += t.V[k] * x[t.C[k]]; atz[t.C[k]] += t.V[k] * z[t.R[k]]; }
            T[] xt = [.. x.Select(T.CreateChecked)], zt = [.. z.Select(T.CreateChecked)];
            foreach (int threads in new[] { 1, 2, 3, 8 })
            {
                var par = new Parallelism(threads);
                // CSR: A x is the gather, A^T z the scatter; the CSC view A.T swaps them.
                var y = new T[t.Rows];
                a.Matvec(xt, y, par);
                Assert.Equal(ax, y.Select(double.CreateChecked));
                var w = new T[t.Columns];
                a.Rmatvec(zt, w, par);
                Assert.Equal(atz, w.Select(double.CreateChecked));
                var wt = new T[t.Columns];
                a.T.Matvec(zt, wt, par);
                Assert.Equal(atz, wt.Select(double.CreateChecked));
                foreach (var kernel in new[] { Spmv.Kernel.Scalar, Spmv.Kernel.Avx2Gather, Spmv.Kernel.Auto })
                {
                    var g = new T[t.Rows];
                    Spmv.Gather(a, xt, g, threads, kernel);
                    Assert.Equal(ax, g.Select(double.CreateChecked));
                }
            }
        }
    }

    [Fact]
    public void Real_valued_products_agree_with_the_reference_within_the_summation_bound_and_across_thread_counts()
    {
        // Non-integer data: the order of summation within a row is fixed by the kernel, not by the thread split, so
        // one thread and eight give the same bits. Against the triplet reference (summed in another order), each of
        // the two sums of a row of k products is within gamma_k = k u / (1 - k u) (u = 2^-53) of the exact value,
        // relative to sum_j |a_ij x_j|, so they differ by at most 2 gamma_k, below 2 k 2^-52 for these k.
        var t = Random(6000, 5000, 11);
        var rng = new System.Random(12);
        double[] v = [.. t.V.Select(_ => rng.NextDouble() * 2 - 1)];
        double[] x = [.. Enumerable.Range(0, t.Columns).Select(_ => rng.NextDouble() * 2 - 1)];
        var a = Linea.Sparse.Coo<double>(t.Rows, t.Columns, t.R, t.C, v);
        var reference = new double[t.Rows];
        var magnitude = new double[t.Rows];
        var length = new int[t.Rows];
        for (int k = 0; k < v.Length; k++)
        {
            reference[t.R[k]] += v[k] * x[t.C[k]];
            magnitude[t.R[k]] += Math.Abs(v[k] * x[t.C[k]]);
            length[t.R[k]]++;
        }
        var one = new double[t.Rows];
        var eight = new double[t.Rows];
        a.Matvec(x, one, Parallelism.None);
        a.Matvec(x, eight, new Parallelism(8));
        Assert.Equal(one, eight);
        for (int i = 0; i < t.Rows; i++)
            Assert.True(Math.Abs(one[i] - reference[i]) <= 2 * length[i] * Math.Pow(2, -52) * magnitude[i],
                $"row {i}: {one[i]} against {reference[i]}");
    }

    [Fact]
    public void Empty_matrices_and_rows_leave_zeros()
    {
        // 5 x 4 with no entries at all, and 3 x 3 with only the middle row: y is overwritten with zeros, not left as is.
        var empty = Linea.Sparse.Coo<double>(5, 4, [], [], []);
        var y = new double[] { 7, 7, 7, 7, 7 };
        empty.Matvec([1, 2, 3, 4], y, new Parallelism(4));
        Assert.Equal(new double[5], y);
        var w = new double[] { 7, 7, 7, 7 };
        empty.Rmatvec([1, 2, 3, 4, 5], w, new Parallelism(4));
        Assert.Equal(new double[4], w);
        var middle = Linea.Sparse.Coo<double>(3, 3, [1, 1], [0, 2], [2, 3]);
        var ym = new double[] { 7, 7, 7 };
        middle.Matvec([1, 10, 100], ym);
        Assert.Equal(new double[] { 0, 302, 0 }, ym);
    }
}
