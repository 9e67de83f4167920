using System.Diagnostics;
using System.Numerics;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

/// <summary>
/// Exact rank, det, inv, solve and rref of matrices large enough that naive rational elimination takes seconds
/// (issue 16, item 9): every result checked against its definition or an independent algorithm.
/// </summary>
public class ExactLargeEliminationTests
{
    private static ExactArray RankR(Rng rng, int m, int n, int r, int range = 9) =>
        ExactOps.MatMul(Ex.IntMatrix(rng, m, r, range), Ex.IntMatrix(rng, r, n, range));

    private static ExactArray RandomRationals(Rng rng, int m, int n, int bits) =>
        ExactArray.Matrix(m, n, Enumerable.Range(0, m * n).Select(_ => Ex.Rational(rng, bits)).ToArray());

    [Theory]
    [InlineData(100, 100, 100)]
    [InlineData(100, 100, 73)]
    [InlineData(60, 90, 40)]
    [InlineData(90, 60, 59)]
    [InlineData(30, 30, 1)]
    [InlineData(25, 40, 0)]
    public void Rank_of_constructed_matrices(int m, int n, int r)
    {
        var rng = new Rng((ulong)(m * 1000 + n * 10 + r));
        var a = r == 0 ? ExactArray.Zeros(m, n) : RankR(rng, m, n, r);
        // a product of random m x r and r x n integer matrices has rank r unless the factors are rank deficient,
        // which the float rank of the factors rules out here
        Assert.Equal(r, ExactOps.Rank(a));
        // row scaling by fractions does not change the rank
        var scaled = ExactOps.Multiply(a, ExactArray.Matrix(m, 1, Enumerable.Range(0, m).Select(i => new BigRational(i + 1, 2 * i + 3)).ToArray()));
        Assert.Equal(r, ExactOps.Rank(scaled));
    }

    [Fact]
    public void Rank_of_a_matrix_whose_rank_drops_modulo_a_large_prime()
    {
        // entries that are multiples of the largest primes used by the multi-modular rank
        var p = (BigInteger.One << 62) - 57; // the largest prime below 2^62
        var a = ExactArray.Matrix(3, 3, [p, 0, 0, 0, p * 3, 0, 0, 0, 1]);
        Assert.Equal(3, ExactOps.Rank(a));
        Assert.Equal(2, ExactOps.Rank(ExactArray.Matrix(2, 3, [p, 0, 0, 0, p * 3, 0])));
        Assert.Equal(ExactArray.Matrix(3, 3, [new BigRational(1, p), 0, 0, 0, new BigRational(1, 3 * p), 0, 0, 0, 1]), ExactOps.Inv(a));
        Assert.Equal(new BigRational(p * p * 3), ExactOps.Det(a));
    }

    [Fact]
    public void Det_agrees_with_bareiss_elimination_on_random_integer_and_rational_matrices()
    {
        var rng = new Rng(16);
        for (int n = 3; n <= 24; n += 3)
        {
            var ints = Ex.IntMatrix(rng, n, n, 1000);
            Assert.Equal(Bareiss.Determinant(ints, "det"), ExactOps.Det(ints));
            var rationals = RandomRationals(rng, n, n, 12);
            Assert.Equal(Bareiss.Determinant(rationals, "det"), ExactOps.Det(rationals));
            var singular = RankR(rng, n, n, n - 1);
            Assert.Equal(BigRational.Zero, ExactOps.Det(singular));
        }
        var small = Ex.IntMatrix(rng, 6, 6, 5);
        Assert.Equal(Ex.LaplaceDet(small), ExactOps.Det(small));
    }

    [Fact]
    public void Det_and_inv_of_a_100_by_100_integer_matrix_are_exact()
    {
        var a = Ex.IntMatrix(new Rng(100), 100, 100, 100);
        var clock = Stopwatch.StartNew();
        var det = ExactOps.Det(a);
        var inv = ExactOps.Inv(a);
        clock.Stop();
        Assert.NotEqual(BigRational.Zero, det);
        // det * inv is the adjugate, an integer matrix, and A @ adj(A) = det(A) I exactly
        var adj = ExactOps.Multiply(inv, ExactArray.Scalar(det));
        Assert.True(adj.IsIntegral);
        Assert.Equal(ExactOps.Multiply(ExactArray.Identity(100), ExactArray.Scalar(det)), ExactOps.MatMul(a, adj));
        Assert.Equal(det, Bareiss.Determinant(a, "det"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}"); // generous: about 0.3 s in Debug
    }

    [Fact]
    public void Inv_of_a_rational_matrix_times_the_matrix_is_the_identity()
    {
        var rng = new Rng(7);
        foreach (int n in new[] { 3, 12, 30 })
        {
            var a = RandomRationals(rng, n, n, 10);
            var inv = ExactOps.Inv(a);
            Assert.Equal(ExactArray.Identity(n), ExactOps.MatMul(a, inv));
            Assert.Equal(ExactArray.Identity(n), ExactOps.MatMul(inv, a));
        }
    }

    [Fact]
    public void Solve_with_rational_right_hand_sides_satisfies_the_system()
    {
        var rng = new Rng(8);
        var a = RandomRationals(rng, 20, 20, 8);
        var b = RandomRationals(rng, 20, 3, 8);
        var x = ExactOps.Solve(a, b);
        Assert.Equal(b, ExactOps.MatMul(a, x));
        var v = ExactArray.Vector(Enumerable.Range(0, 20).Select(i => new BigRational(i, 7)).ToArray());
        Assert.Equal(v, ExactOps.MatMul(a, ExactOps.Solve(a, v)));
    }

    [Fact]
    public void Singular_inv_names_the_rank_and_the_first_column_without_a_pivot()
    {
        var rng = new Rng(9);
        var basis = RankR(rng, 40, 30, 30);
        // columns 0..29 independent, column 30 = column 3 + column 5, then more independent columns
        var cols = new BigRational[40 * 40];
        var extra = Ex.IntMatrix(rng, 40, 9, 9);
        for (int i = 0; i < 40; i++)
        {
            for (int j = 0; j < 30; j++) cols[i * 40 + j] = basis[i, j];
            cols[i * 40 + 30] = basis[i, 3] + basis[i, 5];
            for (int j = 0; j < 9; j++) cols[i * 40 + 31 + j] = extra[i, j];
        }
        var a = ExactArray.Matrix(40, 40, cols);
        var e = Assert.Throws<SingularMatrixException>(() => ExactOps.Inv(a));
        Assert.Equal(30, e.PivotIndex);
        Assert.Contains("rank 39 < 40", e.Message);
    }

    [Fact]
    public void Rref_agrees_with_rational_gauss_jordan_on_rank_deficient_matrices()
    {
        var rng = new Rng(10);
        foreach (var (m, n, r) in new[] { (8, 12, 5), (12, 8, 5), (15, 15, 9), (6, 6, 6), (10, 4, 4), (4, 10, 4), (7, 7, 0) })
        {
            var a = r == 0 ? ExactArray.Zeros(m, n) : RankR(rng, m, n, r, 5);
            // divide rows by different integers so that denominators are involved
            a = ExactOps.Divide(a, ExactArray.Matrix(m, 1, Enumerable.Range(0, m).Select(i => (BigRational)(i % 4 + 1)).ToArray()));
            var expected = a.ToArray();
            var pivots = GaussJordan.Reduce(expected, m, n, n, "rref");
            var (rref, cols) = ExactOps.Rref(a);
            Assert.Equal(ExactArray.Wrap([m, n], expected), rref);
            Assert.Equal(pivots, cols);
        }
    }

    [Fact]
    public void Rref_is_right_when_the_largest_prime_picks_other_pivots()
    {
        // modulo the first prime used, column 0 vanishes and column 1 would be taken as the pivot
        var p = (BigInteger.One << 62) - 57;
        var a = ExactArray.Matrix(3, 3, [p, 1, 2, 2 * p, 2, 4, 0, 0, 0]);
        var (r, pivots) = ExactOps.Rref(a);
        Assert.Equal([0], pivots);
        Assert.Equal(ExactArray.Matrix(3, 3, [1, new BigRational(1, p), new BigRational(2, p), 0, 0, 0, 0, 0, 0]), r);
    }

    [Fact]
    public void Rref_of_a_100_by_100_matrix_of_rank_60()
    {
        var rng = new Rng(14);
        var a = RankR(rng, 100, 100, 60, 20);
        var (r, pivots) = ExactOps.Rref(a);
        Assert.Equal(60, pivots.Length);
        // R's nonzero rows span A's row space: A = A[:, P] @ R[:60, :] with the pivot columns P
        var basis = ExactArray.Matrix(100, 60, Enumerable.Range(0, 100 * 60).Select(e => a[e / 60, pivots[e % 60]]).ToArray());
        var top = ExactArray.Matrix(60, 100, Enumerable.Range(0, 60 * 100).Select(e => r[e / 100, e % 100]).ToArray());
        Assert.Equal(a, ExactOps.MatMul(basis, top));
        for (int t = 0; t < 60; t++)
        {
            Assert.Equal(BigRational.One, r[t, pivots[t]]);
            for (int j = 0; j < pivots[t]; j++) Assert.Equal(BigRational.Zero, r[t, j]);
        }
        for (int t = 60; t < 100; t++)
            for (int j = 0; j < 100; j++) Assert.Equal(BigRational.Zero, r[t, j]);
    }

    [Fact]
    public void Products_of_rational_matrices_agree_with_the_definition()
    {
        var rng = new Rng(13);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (3, 4, 5), (7, 2, 6), (12, 12, 12) })
        {
            var a = RandomRationals(rng, m, k, 9);
            var b = RandomRationals(rng, k, n, 9);
            var c = ExactOps.MatMul(a, b);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    var sum = BigRational.Zero;
                    for (int p = 0; p < k; p++) sum += a[i, p] * b[p, j];
                    Assert.Equal(sum, c[i, j]);
                }
        }
        // A @ inv(A) == I for a 60 x 60 integer matrix: the product of an integer and a rational matrix
        var big = Ex.IntMatrix(rng, 60, 60, 100);
        Assert.Equal(ExactArray.Identity(60), ExactOps.MatMul(big, ExactOps.Inv(big)));
    }

    [Fact]
    public void Rank_det_inv_and_rref_stop_when_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var a = Ex.IntMatrix(new Rng(11), 30, 30, 50);
        var deficient = RankR(new Rng(12), 30, 30, 20);
        using (ExactLimits.Override(cancellation: cts.Token))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.Rank(a));
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.Det(a));
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.Inv(a));
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.Rref(deficient));
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.MatMul(a, a));
            Assert.ThrowsAny<OperationCanceledException>(() => ExactOps.MatrixPower(a, 5));
        }
    }
}
