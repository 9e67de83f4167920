using System.Numerics;
using static Linea.Tests.Sparse.SparseTestData;

namespace Linea.Tests.Sparse;

public class SparseArithmeticTests
{
    public static IEnumerable<object[]> ShapesAndFormats() =>
        from s in Shapes()
        from fa in new[] { SparseFormat.Csr, SparseFormat.Csc }
        from fb in new[] { SparseFormat.Csr, SparseFormat.Csc }
        select new object[] { s[0], s[1], fa, fb };

    [Theory]
    [MemberData(nameof(ShapesAndFormats))]
    public void Add_subtract_and_Hadamard_multiply_match_the_dense_result(int m, int n, SparseFormat fa, SparseFormat fb)
    {
        Check<double>(m, n, fa, fb);
        Check<float>(m, n, fa, fb);

        static void Check<T>(int m, int n, SparseFormat fa, SparseFormat fb) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (a, da) = Make<T>(m, n, 2 * (m + n), 17 + m, fa);
            var (b, db) = Make<T>(m, n, 2 * (m + n), 91 + n, fb);
            var sum = new double[m, n]; var diff = new double[m, n]; var prod = new double[m, n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) { sum[i, j] = da[i, j] + db[i, j]; diff[i, j] = da[i, j] - db[i, j]; prod[i, j] = da[i, j] * db[i, j]; }
            foreach (var (result, expected) in new[] { (a + b, sum), (a - b, diff), (a.Multiply(b), prod), (a.Add(b), sum), (a.Subtract(b), diff) })
            {
                Assert.Equal(fa, result.Format);
                Assert.True(result.HasCanonicalFormat);
                AssertEqual(expected, result);
                foreach (var v in result.Data) Assert.NotEqual(T.Zero, v);   // zero results are not stored
            }
            // A - A is empty.
            Assert.Equal(0, (a - a).Nnz);
        }
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void Sparse_and_dense_combine_with_broadcasting(SparseFormat format)
    {
        var (a, da) = Make<double>(6, 5, 20, 3, format);
        var dd = RandomDense(6, 5, 4);
        var d = ToTensor<double>(dd);
        var plus = new double[6, 5]; var minus = new double[6, 5]; var rminus = new double[6, 5]; var times = new double[6, 5];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 5; j++)
            {
                plus[i, j] = da[i, j] + dd[i, j]; minus[i, j] = da[i, j] - dd[i, j];
                rminus[i, j] = dd[i, j] - da[i, j]; times[i, j] = da[i, j] * dd[i, j];
            }
        AssertEqual(plus, a + d);
        AssertEqual(plus, d + a);
        AssertEqual(minus, a - d);
        AssertEqual(rminus, d - a);
        AssertEqual(times, a.Multiply(d));
        AssertEqual(times, a.Multiply(d.T.Contiguous().T));           // a strided view
        // A row vector (5,) and a column (6, 1) broadcast.
        var row = ToTensor<double>(new double[] { 1, -2, 0, 3, 5 });
        var col = ToTensor<double>(new double[,] { { 2 }, { 0 }, { -1 }, { 4 }, { 1 }, { 3 } });
        var byRow = new double[6, 5]; var byCol = new double[6, 5];
        for (int i = 0; i < 6; i++) for (int j = 0; j < 5; j++) { byRow[i, j] = da[i, j] * row[j]; byCol[i, j] = da[i, j] + col[i, 0]; }
        AssertEqual(byRow, a.Multiply(row));
        AssertEqual(byCol, a + col);
    }

    [Fact]
    public void Sparse_dense_shape_mismatches_name_both_shapes()
    {
        var a = Linea.Sparse.Eye<double>(3, 4);
        var e = Assert.Throws<ShapeMismatchException>(() => a + Linea.Sparse.Eye<double>(4, 3));
        Assert.Contains("sparse add: shapes (3, 4) and (4, 3) differ", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a.Multiply(Linea.Sparse.Eye<double>(3)));
        Assert.Contains("sparse multiply: shapes (3, 4) and (3, 3) differ", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a - NDArray.Zeros<double>(3, 3));
        Assert.Contains("sparse subtract: (3, 4) and (3, 3): the dense operand does not broadcast to the sparse shape", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => a.Multiply(NDArray.Zeros<double>(2, 3, 4)));
        Assert.Contains("at most 2 axes", e.Message);
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void Scalar_products_quotients_negation_and_abs_keep_the_pattern(SparseFormat format)
    {
        var (a, da) = Make<double>(7, 6, 25, 5, format);
        Map(x => 2.5 * x, a * 2.5);
        Map(x => 2.5 * x, 2.5 * a);
        Map(x => x / 4, a / 4);
        Map(x => -x, -a);
        Map(Math.Abs, a.SumDuplicates().Abs());
        Assert.Equal(a.Nnz, (a * 0.0).Nnz);       // explicit zeros kept, as SciPy

        void Map(Func<double, double> f, SparseMatrix<double> r)
        {
            Assert.Equal(a.Nnz, r.Nnz);
            var e = new double[7, 6];
            for (int i = 0; i < 7; i++) for (int j = 0; j < 6; j++) e[i, j] = f(da[i, j]);
            AssertEqual(e, r);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes), MemberType = typeof(SparseTestData))]
    public void Sums_along_axes_and_diagonals_match_the_dense_matrix(int m, int n)
    {
        foreach (var format in new[] { SparseFormat.Csr, SparseFormat.Csc })
        {
            var (a, d) = Make<double>(m, n, 3 * (m + n), 29, format);
            double total = 0;
            var rows = new double[m]; var cols = new double[n];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) { total += d[i, j]; rows[i] += d[i, j]; cols[j] += d[i, j]; }
            Assert.Equal(total, a.Sum());
            AssertEqual(cols, a.Sum(0));
            AssertEqual(rows, a.Sum(1));
            AssertEqual(rows, a.Sum(-1));
            AssertEqual(cols, a.Sum(-2));
            foreach (var s in new[] { a, a.SumDuplicates() })
                for (int k = -m - 1; k <= n + 1; k++)
                {
                    int r0 = k >= 0 ? 0 : -k, c0 = k >= 0 ? k : 0;
                    int len = Math.Max(0, Math.Min(m - r0, n - c0));
                    var e = new double[len];
                    for (int t = 0; t < len; t++) e[t] = d[r0 + t, c0 + t];
                    AssertEqual(e, s.Diagonal(k));
                }
        }
        var ax = Assert.Throws<AxisOutOfRangeException>(() => Linea.Sparse.Eye<double>(2).Sum(2));
        Assert.Contains("sparse sum: axis 2 is out of range", ax.Message);
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void SortIndices_SumDuplicates_EliminateZeros_and_Copy_return_new_matrices(SparseFormat format)
    {
        var (a, d) = Make<double>(9, 8, 40, 12, format);
        Assert.False(a.HasSortedIndices);
        var before = a.Indices.ToArray();

        var sorted = a.SortIndices();
        Assert.True(sorted.HasSortedIndices);
        Assert.Equal(a.Nnz, sorted.Nnz);
        AssertEqual(d, sorted);
        for (int i = 0; i < sorted.MajorCount; i++)
        {
            var idx = sorted.IndicesOf(i);
            for (int k = 1; k < idx.Length; k++) Assert.True(idx[k - 1] <= idx[k]);
        }

        var canon = a.SumDuplicates();
        Assert.True(canon.HasCanonicalFormat);
        AssertEqual(d, canon);
        for (int i = 0; i < canon.MajorCount; i++)
        {
            var idx = canon.IndicesOf(i);
            for (int k = 1; k < idx.Length; k++) Assert.True(idx[k - 1] < idx[k]);
        }
        Assert.Same(canon, canon.SumDuplicates());

        var noZeros = canon.EliminateZeros();
        AssertEqual(d, noZeros);
        int nonzero = 0;
        for (int i = 0; i < 9; i++) for (int j = 0; j < 8; j++) if (d[i, j] != 0) nonzero++;
        Assert.Equal(nonzero, noZeros.Nnz);
        Assert.True(noZeros.HasCanonicalFormat);
        Assert.DoesNotContain(0.0, a.EliminateZeros().Data.ToArray());

        Assert.Equal(before, a.Indices.ToArray());           // the input is untouched
        var copy = a.Copy();
        copy.Data[0] += 100;
        Assert.NotEqual(copy.Data[0], a.Data[0]);
        AssertEqual(d, a);
    }
}
