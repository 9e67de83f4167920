using Linea.TestKit;
using System.Numerics;
using static Linea.Tests.Sparse.SparseTestData;

namespace Linea.Tests.Sparse;

public class SparseProductTests
{
    public static IEnumerable<object[]> ShapesAndFormats() =>
        from s in Shapes()
        from f in new[] { SparseFormat.Csr, SparseFormat.Csc }
        select new object[] { s[0], s[1], f };

    private static double[] Vector(int n, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (double)rng.Next(-4, 5))];
    }

    private static double[] Times(double[,] a, double[] x)
    {
        var y = new double[a.GetLength(0)];
        for (int i = 0; i < y.Length; i++) for (int j = 0; j < x.Length; j++) y[i] += a[i, j] * x[j];
        return y;
    }

    [Theory]
    [MemberData(nameof(ShapesAndFormats))]
    public void Matvec_Rmatvec_and_MatMul_of_a_vector_match_the_dense_product(int m, int n, SparseFormat format)
    {
        Check<double>(m, n, format);
        Check<float>(m, n, format);

        static void Check<T>(int m, int n, SparseFormat format) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (a, d) = Make<T>(m, n, 3 * (m + n), 5 + m, format);
            double[] x = Vector(n, 1), z = Vector(m, 2);
            var ax = Times(d, x);
            var atz = Times(Transpose(d), z);
            foreach (var par in new[] { Parallelism.None, new Parallelism(4) })
            {
                var y = new T[m];
                a.Matvec(ToTensor<T>(x).AsReadOnlySpan(), y, par);
                AssertEqual(ax, NDArray.FromArray(y));
                var w = new T[n];
                a.Rmatvec(ToTensor<T>(z).AsReadOnlySpan(), w, par);
                AssertEqual(atz, NDArray.FromArray(w));
                AssertEqual(ax, a.MatMul(ToTensor<T>(x), par));
                AssertEqual(atz, Linea.Sparse.MatMul(ToTensor<T>(z), a, par));
            }
            AssertEqual(ax, a.Dot(ToTensor<T>(x)));
        }
    }

    [Theory]
    [InlineData(SparseFormat.Csr, 1)]
    [InlineData(SparseFormat.Csr, 4)]
    [InlineData(SparseFormat.Csc, 1)]
    [InlineData(SparseFormat.Csc, 4)]
    public void Threaded_and_vectorised_SpMV_on_matrices_big_enough_to_split(SparseFormat format, int threads)
    {
        // 3,000 x 2,000 with ~60,000 entries (above the 2^15 threading threshold), rows of very uneven length: every
        // 100th row is dense, so a split by row count would be badly balanced while the split by work is not.
        var rng = new System.Random(3);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < 3000; i++)
        {
            int len = i % 100 == 0 ? 1500 : rng.Next(0, 15);
            for (int k = 0; k < len; k++) { r.Add(i); c.Add(rng.Next(2000)); v.Add(rng.Next(-9, 10)); }
        }
        var a = Linea.Sparse.Coo<double>(3000, 2000, [.. r], [.. c], [.. v], format);
        var af = Linea.Sparse.Coo<float>(3000, 2000, [.. r], [.. c], [.. v.Select(x => (float)x)], format);
        Assert.True(a.Nnz > 1 << 15);
        var x = Vector(2000, 4); var z = Vector(3000, 5);
        // Truth by the triplets themselves (duplicates add up), independent of the compressed form.
        var ax = new double[3000]; var atz = new double[2000];
        for (int k = 0; k < v.Count; k++) { ax[r[k]] += v[k] * x[c[k]]; atz[c[k]] += v[k] * z[r[k]]; }
        var par = new Parallelism(threads);
        // Integer data with |partial sums| < 2^24: exact in float too, whatever the order of summation.
        var y = new double[3000];
        a.Matvec(x, y, par);
        Assert.Equal(ax, y);
        var w = new double[2000];
        a.Rmatvec(z, w, par);
        Assert.Equal(atz, w);
        var yf = new float[3000];
        af.Matvec([.. x.Select(t => (float)t)], yf, par);
        Assert.Equal(ax, yf.Select(t => (double)t));
        // Both inner loops of the gather: the portable scalar one and the AVX2 gather (scalar when unsupported).
        foreach (var kernel in new[] { Spmv.Kernel.Scalar, Spmv.Kernel.Avx2Gather })
        {
            var g = format == SparseFormat.Csr ? a : a.T;
            var gin = format == SparseFormat.Csr ? x : z;
            var expected = format == SparseFormat.Csr ? ax : atz;
            var outp = new double[expected.Length];
            Spmv.Gather(g, gin, outp, threads, kernel);
            Assert.Equal(expected, outp);
            var gf = format == SparseFormat.Csr ? af : af.T;
            var outf = new float[expected.Length];
            Spmv.Gather(gf, [.. gin.Select(t => (float)t)], outf, threads, kernel);
            Assert.Equal(expected, outf.Select(t => (double)t));
        }
    }

    [Fact]
    public void Work_split_balances_entries_not_row_counts()
    {
        // 1,000 rows: row 0 holds 10,000 entries, the others 10 each (20,000 in all).
        var ptr = new long[1001];
        for (int i = 0; i < 1000; i++) ptr[i + 1] = ptr[i] + (i == 0 ? 10_000 : 10);
        long total = ptr[1000] + 1000;
        foreach (int threads in new[] { 1, 2, 3, 7 })
        {
            int previous = 0;
            for (int t = 1; t <= threads; t++)
            {
                int bound = Spmv.WorkBound(ptr, 1000, t, threads);
                Assert.True(bound >= previous);
                long work = ptr[bound] + bound - (ptr[previous] + previous);
                // Each share is within one run (at most 10,001 units) of an equal share.
                Assert.True(work <= total / threads + 10_001, $"threads {threads}, part {t}: {work}");
                previous = bound;
            }
            Assert.Equal(1000, previous);
        }
        // Two threads: half of the 20,990 units is row 0 (10,001) and 45 short rows (11 each), not 500 rows.
        Assert.Equal(46, Spmv.WorkBound(ptr, 1000, 1, 2));
    }

    [Fact]
    public void The_gather_kernels_handle_every_run_length_and_the_tail_masks()
    {
        // Rows of length 0..20 cover the full vector steps and every masked tail of both widths.
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < 21; i++) for (int k = 0; k < i; k++) { r.Add(i); c.Add((7 * k + i) % 25); v.Add(k - 3); }
        var x = Vector(25, 8);
        var expected = new double[21];
        for (int k = 0; k < v.Count; k++) expected[r[k]] += v[k] * x[c[k]];
        var a = Linea.Sparse.Coo<double>(21, 25, [.. r], [.. c], [.. v]);
        var af = Linea.Sparse.Coo<float>(21, 25, [.. r], [.. c], [.. v.Select(t => (float)t)]);
        foreach (var kernel in new[] { Spmv.Kernel.Scalar, Spmv.Kernel.Avx2Gather, Spmv.Kernel.Auto })
        {
            var y = new double[21];
            Spmv.Gather(a, x, y, 1, kernel);
            Assert.Equal(expected, y);
            var yf = new float[21];
            Spmv.Gather(af, [.. x.Select(t => (float)t)], yf, 1, kernel);
            Assert.Equal(expected, yf.Select(t => (double)t));
        }
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void Sparse_times_dense_and_dense_times_sparse_match_the_dense_product(SparseFormat format)
    {
        foreach (var (m, n, k) in new[] { (0, 3, 2), (4, 0, 3), (5, 4, 0), (7, 6, 1), (9, 8, 5), (60, 70, 40) })
        {
            var (a, d) = Make<double>(m, n, 3 * (m + n), m + n, format);
            var bd = RandomDense(n, k, 3);
            var dd = RandomDense(k, m, 4);
            var ab = MatMul(d, bd);
            var da = MatMul(dd, d);
            foreach (var par in new[] { Parallelism.None, new Parallelism(4) })
            {
                AssertEqual(ab, a.MatMul(ToTensor<double>(bd), par));
                AssertEqual(ab, a.MatMul(ToTensor<double>(Transpose(bd)).T, par));     // a strided operand
                AssertEqual(da, Linea.Sparse.MatMul(ToTensor<double>(dd), a, par));
                AssertEqual(da, Linea.Sparse.MatMul(ToTensor<double>(Transpose(dd)).T, a, par));
            }
            var (af, _) = Make<float>(m, n, 3 * (m + n), m + n, format);
            AssertEqual(ab, af.MatMul(ToTensor<float>(bd)));
            AssertEqual(da, Linea.Sparse.MatMul(ToTensor<float>(dd), af));
        }
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void Threaded_sparse_dense_products_on_operands_big_enough_to_split(SparseFormat format)
    {
        // ~5,000 entries times 9 columns: above the 2^15 work threshold, so Parallelism(4) really splits the rows.
        var (a, d) = Make<double>(400, 300, 6000, 77, format);
        var bd = RandomDense(300, 9, 5);
        var dd = RandomDense(9, 400, 6);
        Assert.True((a.Nnz + 400) * 9 > 1 << 15);
        AssertEqual(MatMul(d, bd), a.MatMul(ToTensor<double>(bd), new Parallelism(4)));
        AssertEqual(MatMul(dd, d), Linea.Sparse.MatMul(ToTensor<double>(dd), a, new Parallelism(4)));
    }

    [Theory]
    [InlineData(SparseFormat.Csr, SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc, SparseFormat.Csc)]
    [InlineData(SparseFormat.Csr, SparseFormat.Csc)]
    [InlineData(SparseFormat.Csc, SparseFormat.Csr)]
    public void Sparse_times_sparse_matches_the_dense_product_and_is_canonical(SparseFormat fa, SparseFormat fb)
    {
        foreach (var (m, n, k) in new[] { (0, 3, 2), (4, 0, 3), (5, 4, 0), (1, 1, 1), (9, 8, 7), (30, 25, 35) })
        {
            var (a, da) = Make<double>(m, n, 3 * (m + n), 7 * m + n, fa);
            var (b, db) = Make<double>(n, k, 3 * (n + k), 5 * n + k, fb);
            var expected = MatMul(da, db);
            foreach (var par in new[] { Parallelism.None, new Parallelism(4) })
            {
                var c = a.MatMul(b, par);
                Assert.True(c.HasCanonicalFormat);
                Assert.Equal(fa == SparseFormat.Csc && fb == SparseFormat.Csc ? SparseFormat.Csc : SparseFormat.Csr, c.Format);
                AssertEqual(expected, c);
            }
            var (af, _) = Make<float>(m, n, 3 * (m + n), 7 * m + n, fa);
            var (bf, _) = Make<float>(n, k, 3 * (n + k), 5 * n + k, fb);
            AssertEqual(expected, Linea.Sparse.MatMul(af, bf));
        }
    }

    [Fact]
    public void Threaded_Gustavson_on_a_product_big_enough_to_split()
    {
        var a = Linea.Sparse.Random<double>(400, 300, 0.05, seed: 1);
        var b = Linea.Sparse.Random<double>(300, 500, 0.05, seed: 2);
        var serial = a.MatMul(b, Parallelism.None);
        var threaded = a.MatMul(b, new Parallelism(4));
        Assert.Equal(serial.IndPtr.ToArray(), threaded.IndPtr.ToArray());
        Assert.Equal(serial.Indices.ToArray(), threaded.Indices.ToArray());
        Assert.Equal(serial.Data.ToArray(), threaded.Data.ToArray());
        // Against the dense product: |error| <= n eps sum |a||b| per entry, here with values in [0, 1).
        var dense = a.ToDense().MatMul(b.ToDense());
        var got = threaded.ToDense();
        double bound = 300 * NumAssert.Eps<double>() * 300;
        for (int i = 0; i < 400; i++) for (int j = 0; j < 500; j++) Assert.True(Math.Abs(dense[i, j] - got[i, j]) <= bound);
    }

    [Fact]
    public void Poisson_matrix_from_kron_and_diags_has_the_five_point_stencil()
    {
        int g = 6;
        var t = Linea.Sparse.Diags<double>([[-1.0], [2.0], [-1.0]], [-1, 0, 1], (g, g));
        var eye = Linea.Sparse.Eye<double>(g);
        var p = Linea.Sparse.Kron(eye, t) + Linea.Sparse.Kron(t, eye);
        Assert.Equal(5 * g * g - 4 * g, p.Nnz);
        var ones = NDArray.Ones<double>(g * g);
        var row = p.MatMul(ones);
        // Row sums: 0 inside, 1 on an edge, 2 at a corner (the missing neighbours).
        for (int i = 0; i < g; i++)
            for (int j = 0; j < g; j++)
                Assert.Equal((i == 0 || i == g - 1 ? 1 : 0) + (j == 0 || j == g - 1 ? 1 : 0), row[i * g + j]);
    }

    [Fact]
    public void Product_shape_mismatches_name_both_shapes()
    {
        var a = Linea.Sparse.Eye<double>(3, 4);
        var e = Assert.Throws<ShapeMismatchException>(() => a.MatMul(Linea.Sparse.Eye<double>(3)));
        Assert.Contains("sparse matmul: (3, 4) @ (3, 3): inner dimensions 4 and 3 differ", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a.MatMul(NDArray.Zeros<double>(3, 2)));
        Assert.Contains("sparse matmul: (3, 4) @ (3, 2): inner dimensions 4 and 3 differ", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a.MatMul(NDArray.Zeros<double>(4, 2, 2)));
        Assert.Contains("the dense operand must be 1-D or 2-D", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.MatMul(NDArray.Zeros<double>(2, 4), a));
        Assert.Contains("sparse matmul: (2, 4) @ (3, 4): inner dimensions 4 and 3 differ", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a.Rmatvec(new double[4], new double[4]));
        Assert.Contains("needs x of length 3 and y of length 4, got 4 and 4", e.Message);
    }
}
