using static Linea.Tests.Sparse.SparseTestData;

namespace Linea.Tests.Sparse;

public class SparseConstructionTests
{
    [Fact]
    public void Diags_places_broadcasts_and_cuts_diagonals_like_scipy()
    {
        // diags([[1, 2, 3], [4], [5, 6, 7, 8]], [-1, 0, 2], shape=(4, 5)): hand-derived.
        var a = Linea.Sparse.Diags<double>([[1, 2, 3], [4], [5, 6, 7, 8]], [-1, 0, 2], (4, 5));
        AssertEqual(new double[,]
        {
            { 4, 0, 5, 0, 0 },
            { 1, 4, 0, 6, 0 },
            { 0, 2, 4, 0, 7 },
            { 0, 0, 3, 4, 0 },
        }, a);
        Assert.True(a.HasCanonicalFormat);
        // Default shape: square of order len + |offset|; repeated offsets add up; CSC on request.
        var b = Linea.Sparse.Diags<float>([[1, 1], [2, 2]], [1, 1], format: SparseFormat.Csc);
        Assert.Equal(SparseFormat.Csc, b.Format);
        AssertEqual(new double[,] { { 0, 3, 0 }, { 0, 0, 3 }, { 0, 0, 0 } }, b);
        // A single diagonal; a zero-length one at the edge of the shape is allowed.
        AssertEqual(new double[,] { { 0, 0 }, { 9, 0 } }, Linea.Sparse.Diags([9.0], -1, (2, 2)));
        Assert.Equal(0, Linea.Sparse.Diags([1.0], 3, (2, 3)).Nnz);
    }

    [Fact]
    public void Diags_rejects_mismatched_counts_offsets_outside_and_short_diagonals()
    {
        var e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Diags<double>([[1, 2]], [0, 1], (2, 2)));
        Assert.Contains("diags: 1 diagonals but 2 offsets", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Diags<double>([[1]], [4], (2, 3)));
        Assert.Contains("offset 4 (diagonal 0) lies outside a matrix of shape (2, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Diags<double>([[1, 2]], [0], (3, 3)));
        Assert.Contains("diagonal 0 has 2 entries, but offset 0 of a (3, 3) matrix needs 3", e.Message);
    }

    [Theory]
    [InlineData(0, 0, 0.5)]
    [InlineData(0, 7, 0.3)]
    [InlineData(40, 30, 0.0)]
    [InlineData(40, 30, 0.02)]
    [InlineData(40, 30, 0.05)]
    [InlineData(8, 8, 0.05)]
    [InlineData(40, 30, 0.3)]
    [InlineData(9, 11, 1.0)]
    [InlineData(500, 400, 0.001)]
    public void Random_has_the_rounded_count_of_distinct_positions_and_uniform_values_and_depends_only_on_the_seed(int m, int n, double density)
    {
        foreach (var format in new[] { SparseFormat.Csr, SparseFormat.Csc })
        {
            var a = Linea.Sparse.Random<double>(m, n, density, seed: 42, format: format);
            Assert.Equal(format, a.Format);
            Assert.Equal((long)Math.Round(density * m * n, MidpointRounding.ToEven), a.Nnz);
            Assert.True(a.HasCanonicalFormat);
            for (int i = 0; i < a.MajorCount; i++)
            {
                var idx = a.IndicesOf(i);
                for (int k = 1; k < idx.Length; k++) Assert.True(idx[k - 1] < idx[k]);   // distinct
            }
            foreach (double v in a.Data) Assert.InRange(v, 0.0, 0.9999999999999999);
            var again = Linea.Sparse.Random<double>(m, n, density, seed: 42, format: format);
            Assert.Equal(a.IndPtr.ToArray(), again.IndPtr.ToArray());
            Assert.Equal(a.Indices.ToArray(), again.Indices.ToArray());
            Assert.Equal(a.Data.ToArray(), again.Data.ToArray());
        }
        if (density is > 0 and < 1 && m * n > 100)
        {
            var other = Linea.Sparse.Random<double>(m, n, density, seed: 43);
            Assert.NotEqual(Linea.Sparse.Random<double>(m, n, density, seed: 42).Indices.ToArray(), other.Indices.ToArray());
        }
    }

    [Fact]
    public void Random_values_average_one_half_and_float_works()
    {
        var a = Linea.Sparse.Random<float>(300, 300, 0.2, seed: 7);
        double mean = a.Sum() / a.Nnz;
        // 18,000 uniforms: standard error sqrt(1/12 / 18000) = 0.0022; allow 5 of them.
        Assert.InRange(mean, 0.5 - 0.011, 0.5 + 0.011);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Random_rejects_densities_outside_zero_one(double density)
    {
        var e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Random<double>(3, 3, density));
        Assert.Contains("sparse random: density must lie in [0, 1]", e.Message);
    }

    [Theory]
    [InlineData(SparseFormat.Csr, SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc, SparseFormat.Csr)]
    [InlineData(SparseFormat.Csr, SparseFormat.Csc)]
    public void Kron_matches_the_dense_kronecker_product(SparseFormat fa, SparseFormat fb)
    {
        foreach (var (m, n, p, q) in new[] { (3, 4, 2, 5), (0, 3, 2, 2), (4, 2, 3, 0), (1, 1, 6, 7) })
        {
            var (a, da) = Make<double>(m, n, 6, 1 + m, fa);
            var (b, db) = Make<double>(p, q, 9, 2 + p, fb);
            var expected = new double[m * p, n * q];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++)
                for (int r = 0; r < p; r++) for (int s = 0; s < q; s++)
                    expected[i * p + r, j * q + s] = da[i, j] * db[r, s];
            var k = Linea.Sparse.Kron(a, b);
            AssertEqual(expected, k);
            Assert.Equal(a.Nnz * b.Nnz, k.Nnz);
        }
        // Canonical inputs give a canonical result (sorted rows).
        var canon = Linea.Sparse.Kron(Linea.Sparse.Eye<float>(3), Linea.Sparse.Diags<float>([[1], [2]], [0, 1], (2, 3)));
        Assert.True(canon.HasCanonicalFormat);
        AssertEqual(Kron(Eye(3), new double[,] { { 1, 2, 0 }, { 0, 1, 2 } }), canon);
    }

    [Fact]
    public void Vstack_Hstack_and_BlockDiag_match_the_dense_layout_for_mixed_formats()
    {
        var (a, da) = Make<double>(4, 5, 12, 1, SparseFormat.Csr);
        var (b, db) = Make<double>(3, 5, 10, 2, SparseFormat.Csc);
        var (c, dc) = Make<double>(0, 5, 0, 3, SparseFormat.Csr);
        var v = Linea.Sparse.Vstack(a, b, c);
        var ev = new double[7, 5];
        for (int j = 0; j < 5; j++) { for (int i = 0; i < 4; i++) ev[i, j] = da[i, j]; for (int i = 0; i < 3; i++) ev[4 + i, j] = db[i, j]; }
        AssertEqual(ev, v);

        var (d, dd) = Make<double>(4, 3, 7, 4, SparseFormat.Csc);
        var (e, de) = Make<double>(4, 0, 0, 5, SparseFormat.Csr);
        var h = Linea.Sparse.Hstack(a, d, e);
        var eh = new double[4, 8];
        for (int i = 0; i < 4; i++) { for (int j = 0; j < 5; j++) eh[i, j] = da[i, j]; for (int j = 0; j < 3; j++) eh[i, 5 + j] = dd[i, j]; }
        AssertEqual(eh, h);

        var bd = Linea.Sparse.BlockDiag(a, c, d);
        var eb = new double[8, 13];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) eb[i, j] = da[i, j];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) eb[4 + i, 10 + j] = dd[i, j];
        AssertEqual(eb, bd);
    }

    [Fact]
    public void Stacking_names_the_mismatched_shapes()
    {
        var a = Linea.Sparse.Eye<double>(2, 3);
        var b = Linea.Sparse.Eye<double>(3, 2);
        var v = Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Vstack(a, b));
        Assert.Contains("vstack: blocks of shapes (2, 3), (3, 2) differ in their number of columns", v.Message);
        var h = Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Hstack(a, b));
        Assert.Contains("hstack: blocks of shapes (2, 3), (3, 2) differ in their number of rows", h.Message);
        var none = Assert.Throws<ArgumentException>(() => Linea.Sparse.BlockDiag<double>());
        Assert.Contains("block_diag: needs at least one block", none.Message);
    }

    [Theory]
    [InlineData(SparseFormat.Csr)]
    [InlineData(SparseFormat.Csc)]
    public void SliceRows_and_SelectRows_pick_the_dense_rows(SparseFormat format)
    {
        var (a, d) = Make<float>(12, 7, 40, 9, format);
        foreach (var (start, stop) in new[] { (0, 12), (3, 8), (5, 5), (11, 12), (12, 12) })
        {
            var s = a.SliceRows(start, stop);
            Assert.Equal(SparseFormat.Csr, s.Format);
            var e = new double[stop - start, 7];
            for (int i = start; i < stop; i++) for (int j = 0; j < 7; j++) e[i - start, j] = d[i, j];
            AssertEqual(e, s);
        }
        int[] rows = [11, 0, 2, 2, 7];
        var sel = a.SelectRows(rows);
        var es = new double[rows.Length, 7];
        for (int t = 0; t < rows.Length; t++) for (int j = 0; j < 7; j++) es[t, j] = d[rows[t], j];
        AssertEqual(es, sel);
        Assert.Equal(0, a.SelectRows([]).Rows);
    }

    [Fact]
    public void Row_slices_reject_ranges_and_indices_outside_the_matrix()
    {
        var a = Linea.Sparse.Eye<double>(4, 3);
        var e = Assert.Throws<TensorIndexOutOfRangeException>(() => a.SliceRows(2, 5));
        Assert.Contains("rows [2, 5) are not a range within the 4 rows of a matrix of shape (4, 3)", e.Message);
        Assert.Throws<TensorIndexOutOfRangeException>(() => a.SliceRows(3, 2));
        Assert.Throws<TensorIndexOutOfRangeException>(() => a.SliceRows(-1, 2));
        e = Assert.Throws<TensorIndexOutOfRangeException>(() => a.SelectRows([0, 4]));
        Assert.Contains("row index 4 at position 1 is out of range for a matrix of shape (4, 3)", e.Message);
    }

    private static double[,] Eye(int n)
    {
        var e = new double[n, n];
        for (int i = 0; i < n; i++) e[i, i] = 1;
        return e;
    }

    private static double[,] Kron(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1), p = b.GetLength(0), q = b.GetLength(1);
        var k = new double[m * p, n * q];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) for (int r = 0; r < p; r++) for (int s = 0; s < q; s++)
            k[i * p + r, j * q + s] = a[i, j] * b[r, s];
        return k;
    }
}
