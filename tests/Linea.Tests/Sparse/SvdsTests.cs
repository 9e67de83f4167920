namespace Linea.Tests.Sparse;

public class SvdsTests
{
    private const double Eps = 2.220446049250313e-16;

    private static SparseMatrix<double> RandomRect(int m, int n, int count, int seed)
    {
        var rng = new System.Random(seed);
        var r = new int[count]; var c = new int[count]; var v = new double[count];
        for (int t = 0; t < count; t++) { r[t] = rng.Next(m); c[t] = rng.Next(n); v[t] = rng.NextDouble() * 2 - 1; }
        return Linea.Sparse.Coo<double>(m, n, r, c, v);
    }

    private static void AssertTriplets(SparseMatrix<double> a, SvdsResult<double> res, double[] expected)
    {
        int m = a.Rows, n = a.Columns, k = expected.Length;
        double norm = Linea.Linalg.Svdvals(a.ToDense()).ToArray().Max();
        double tol = 100 * Math.Max(m, n) * Eps * norm;
        var s = res.S.ToArray();
        for (int j = 0; j < k; j++)
        {
            Assert.True(Math.Abs(s[j] - expected[j]) <= tol, $"s[{j}] = {s[j]} vs {expected[j]}");
            if (j > 0) Assert.True(s[j - 1] <= s[j], "ascending");
        }
        var u = res.U!; var vt = res.Vt!;
        Assert.Equal(new Shape(m, k), u.Shape);
        Assert.Equal(new Shape(k, n), vt.Shape);
        Assert.True(EigenTestMatrices.OrthogonalityError(u) <= 10 * m * Eps);
        var vcols = new double[n, k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) vcols[i, j] = vt[j, i];
        double ov = EigenTestMatrices.OrthogonalityError(NDArray.FromArray(vcols));
        Assert.True(ov <= 10 * n * Eps, $"V orthogonality {ov}");
        // A v_j = s_j u_j and A^T u_j = s_j v_j.
        var x = new double[n]; var y = new double[m];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < n; i++) x[i] = vt[j, i];
            a.Matvec(x, y);
            double e = 0;
            for (int i = 0; i < m; i++) e = Math.Max(e, Math.Abs(y[i] - s[j] * u[i, j]));
            Assert.True(e <= tol, $"A v - s u for {j}: {e}");
            for (int i = 0; i < m; i++) y[i] = u[i, j];
            a.Rmatvec(y, x);
            e = 0;
            for (int i = 0; i < n; i++) e = Math.Max(e, Math.Abs(x[i] - s[j] * vt[j, i]));
            Assert.True(e <= tol, $"A^T u - s v for {j}: {e}");
        }
    }

    [Theory]
    [InlineData(120, 80)]
    [InlineData(70, 110)]
    public void Largest_match_dense_svd_for_tall_and_wide(int m, int n)
    {
        var a = RandomRect(m, n, 4 * (m + n), 5);
        var all = Linea.Linalg.Svdvals(a.ToDense()).ToArray();   // descending
        var res = SparseLinalg.Svds(a, 5, seed: 2);
        AssertTriplets(a, res, all.Take(5).Reverse().ToArray());
    }

    [Fact]
    public void Smallest_of_a_well_conditioned_matrix_match_dense_svd()
    {
        // A = D + small sparse noise with D's diagonal spread in [1, 3]: smallest singular values near 1.
        int m = 90, n = 60;
        var rng = new System.Random(3);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++) { r.Add(i); c.Add(i); v.Add(1 + 2.0 * i / n); }
        for (int t = 0; t < 100; t++) { r.Add(rng.Next(m)); c.Add(rng.Next(n)); v.Add(0.05 * (rng.NextDouble() - 0.5)); }
        var a = Linea.Sparse.Coo<double>(m, n, r.ToArray(), c.ToArray(), v.ToArray());
        var all = Linea.Linalg.Svdvals(a.ToDense()).ToArray();
        var res = SparseLinalg.Svds(a, 3, Which.SmallestMagnitude, maxiter: 5000);
        AssertTriplets(a, res, all.Skip(n - 3).Reverse().ToArray());
    }

    [Fact]
    public void Values_only_and_errors()
    {
        var a = RandomRect(40, 30, 200, 9);
        var full = SparseLinalg.Svds(a, 3);
        var values = SparseLinalg.Svds(a, 3, returnSingularVectors: false);
        Assert.Null(values.U); Assert.Null(values.Vt);
        Assert.Equal(full.S.ToArray(), values.S.ToArray());
        Assert.Throws<ArgumentException>(() => SparseLinalg.Svds(a, 30));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Svds(a, 3, Which.LargestAlgebraic));
        Assert.Throws<NotSupportedException>(() => SparseLinalg.Svds(new NoTranspose(a), 3));
    }

    private sealed class NoTranspose(SparseMatrix<double> a) : ILinearOperator<double>
    {
        public int Rows => a.Rows;
        public int Columns => a.Columns;
        public bool HasRmatvec => false;
        public void Matvec(ReadOnlySpan<double> x, Span<double> y) => a.Matvec(x, y);
        public void Rmatvec(ReadOnlySpan<double> x, Span<double> y) => throw new NotSupportedException();
    }
}
