using Linea.TestKit;

namespace Linea.Tests.Sparse;

public class SparseCoreTests
{
    /// <summary>A random m x n matrix with about density * m * n entries, some duplicated, some explicit zeros.</summary>
    internal static (int[] r, int[] c, double[] v) RandomTriplets(int m, int n, int count, ulong seed)
    {
        var rng = new System.Random((int)seed);
        var r = new int[count]; var c = new int[count]; var v = new double[count];
        for (int k = 0; k < count; k++)
        {
            r[k] = rng.Next(m); c[k] = rng.Next(n);
            v[k] = k % 7 == 3 ? 0 : rng.Next(-9, 10);
        }
        return (r, c, v);
    }

    private static double[,] DenseOf(int m, int n, int[] r, int[] c, double[] v)
    {
        var d = new double[m, n];
        for (int k = 0; k < v.Length; k++) d[r[k], c[k]] += v[k];
        return d;
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(4, 0, 0)]
    [InlineData(1, 1, 3)]
    [InlineData(7, 5, 20)]
    [InlineData(30, 40, 300)]
    public void Coo_sums_duplicates_in_both_formats_and_matches_the_dense_sum(int m, int n, int count)
    {
        var (r, c, v) = RandomTriplets(m, n, count, 11);
        var expected = NDArray.FromArray(DenseOf(m, n, r, c, v));
        foreach (var format in new[] { SparseFormat.Csr, SparseFormat.Csc })
        {
            var s = Linea.Sparse.Coo<double>(m, n, r, c, v, format);
            Assert.Equal(format, s.Format);
            Assert.True(s.HasCanonicalFormat);
            Assert.Equal(new Shape(m, n), s.Shape);
            NumAssert.Equal(expected, s.ToDense());
            for (int i = 0; i < s.MajorCount; i++)
            {
                var idx = s.IndicesOf(i);
                for (int k = 1; k < idx.Length; k++) Assert.True(idx[k - 1] < idx[k]);
            }
            // Distinct coordinates, and nothing else, are stored.
            Assert.Equal(r.Zip(c).Distinct().Count(), s.Nnz);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) Assert.Equal(expected[i, j], s[i, j]);
        }
    }

    [Fact]
    public void Transpose_is_a_view_in_the_other_format_and_conversion_round_trips()
    {
        var (r, c, v) = RandomTriplets(9, 6, 25, 3);
        var s = Linea.Sparse.Coo<double>(9, 6, r, c, v);
        var t = s.T;
        Assert.Equal(SparseFormat.Csc, t.Format);
        Assert.Equal(new Shape(6, 9), t.Shape);
        NumAssert.Equal(s.ToDense().T.Contiguous(), t.ToDense());
        s.Data[0] = 100;                       // shares the arrays
        Assert.Equal(100.0, t.Data[0]);
        var csc = s.ToCsc();
        Assert.Equal(SparseFormat.Csc, csc.Format);
        NumAssert.Equal(s.ToDense(), csc.ToDense());
        NumAssert.Equal(s.ToDense(), csc.ToCsr().ToDense());
        Assert.Same(s, s.ToCsr());
    }

    [Fact]
    public void FromDense_keeps_nonzeros_and_NaN_of_strided_views()
    {
        var d = NDArray.FromArray(new double[,] { { 0, 1, 0 }, { 2, 0, double.NaN }, { 0, 0, 0 } });
        var s = Linea.Sparse.FromDense(d.T);           // a transposed view
        Assert.Equal(3, s.Nnz);
        Assert.Equal(2.0, s[0, 1]);
        Assert.True(double.IsNaN(s[2, 1]));
        var back = s.ToDense();
        Assert.Equal(1.0, back[1, 0]);
        var csc = Linea.Sparse.FromDense(d, SparseFormat.Csc);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, csc.IndPtr.ToArray());
        Assert.Equal(new[] { 1, 0, 1 }, csc.Indices.ToArray());
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void Matvec_and_rmatvec_match_the_dense_products(SparseFormat format)
    {
        var (r, c, v) = RandomTriplets(13, 8, 40, 5);
        var s = Linea.Sparse.Coo<double>(13, 8, r, c, v, format);
        var dense = s.ToDense();
        var x = Generators.Normal<double>([8], 1);
        var y = new double[13];
        s.Matvec(x.AsReadOnlySpan(), y);
        AssertProduct(dense, x, y);
        var z = Generators.Normal<double>([13], 2);
        var w = new double[8];
        s.Rmatvec(z.AsReadOnlySpan(), w);
        AssertProduct(dense.T.Contiguous(), z, w);
        AssertProduct(dense, x, s.Dot(x).ToArray());
    }

    /// <summary>|y - A x|_i &lt;= n eps (|A| |x|)_i: the forward error bound of a dot product in any summation order.</summary>
    internal static void AssertProduct(NDArray<double> a, NDArray<double> x, double[] y)
    {
        int m = (int)a.Shape[0], n = (int)a.Shape[1];
        for (int i = 0; i < m; i++)
        {
            double exact = 0, abs = 0;
            for (int j = 0; j < n; j++) { exact += a[i, j] * x[j]; abs += Math.Abs(a[i, j] * x[j]); }
            Assert.True(Math.Abs(y[i] - exact) <= 2 * n * 1.1e-16 * abs, $"row {i}: {y[i]} vs {exact}");
        }
    }

    [Fact]
    public void Eye_places_ones_on_the_kth_diagonal()
    {
        foreach (var f in new[] { SparseFormat.Csr, SparseFormat.Csc })
            for (int k = -3; k <= 4; k++)
                NumAssert.Equal(NDArray.Eye<double>(3, 4, k), Linea.Sparse.Eye<double>(3, 4, k, f).ToDense());
    }

    [Fact]
    public void Compressed_input_is_validated_with_specific_messages()
    {
        var e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Csr<double>(2, 2, new long[] { 0, 1 }, [0], [1.0]));
        Assert.Contains("indptr must have 3 entries", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Csr<double>(2, 2, new long[] { 0, 2, 1 }, [0], [1.0]));
        Assert.Contains("indptr decreases at row 1: 2 then 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Csr<double>(2, 2, new long[] { 0, 1, 1 }, [0, 1], [1.0, 2]));
        Assert.Contains("indptr must end at the number of stored entries 2, got 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Csr<double>(2, 2, new long[] { 0, 2, 2 }, [0, 1], [1.0]));
        Assert.Contains("indices and data must have one length, got 2 and 1", e.Message);
        var idx = Assert.Throws<TensorIndexOutOfRangeException>(() => Linea.Sparse.Csr<double>(2, 2, new long[] { 0, 1, 2 }, [0, 2], [1.0, 2]));
        Assert.Contains("index 2 at position 1 (row 1) is out of range for 2 columns", idx.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Coo<double>(2, 2, [0, 1], [0], [1.0, 2]));
        Assert.Contains("must have one length, got 2, 1 and 2", e.Message);
        idx = Assert.Throws<TensorIndexOutOfRangeException>(() => Linea.Sparse.Coo<double>(2, 2, [0, -1], [0, 0], [1.0, 2]));
        Assert.Contains("row index -1 at position 1", idx.Message);
        var sm = Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Eye<double>(3).Matvec(new double[2], new double[3]));
        Assert.Contains("x of length 3", sm.Message);
    }

    [Fact]
    public void Unsorted_input_with_duplicates_reads_as_the_sum()
    {
        var s = Linea.Sparse.Csr<double>(1, 3, new long[] { 0, 3 }, [2, 0, 2], [1.0, 5, 2]);
        Assert.False(s.HasSortedIndices);
        Assert.Equal(3.0, s[0, 2]);
        Assert.Equal(5.0, s[0, 0]);
        var csc = s.ToCsc();
        Assert.True(csc.HasSortedIndices);
        NumAssert.Equal(s.ToDense(), csc.ToDense());
    }
}
