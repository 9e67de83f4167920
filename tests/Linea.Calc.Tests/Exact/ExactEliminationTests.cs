using System.Numerics;
using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactEliminationTests
{
    [Fact]
    public void Inv_of_the_course_example_is_exact()
    {
        Assert.Equal(Ex.A("[[-2, 1], [3/2, -1/2]]"), ExactOps.Inv(Ex.A("[[1, 2], [3, 4]]")));
        Assert.Equal(Ex.A("[[1, -1], [-1, 2]]"), ExactOps.Inv(Ex.A("[[2, 1], [1, 1]]")));
        Assert.Equal(new BigRational(-2), ExactOps.Det(Ex.A("[[1, 2], [3, 4]]")));
    }

    private static BigInteger Factorial(int n) => n <= 1 ? BigInteger.One : n * Factorial(n - 1);

    private static BigInteger Binomial(int n, int k) => k < 0 || k > n ? 0 : Factorial(n) / (Factorial(k) * Factorial(n - k));

    [Theory]
    [InlineData(2, "1/12")]
    [InlineData(3, "1/2160")]
    [InlineData(4, "1/6048000")]
    [InlineData(5, "1/266716800000")]
    [InlineData(6, "1/186313420339200000")]
    public void Det_of_Hilbert_matrices_matches_the_known_values(int n, string expected)
    {
        Assert.Equal(Ex.Q(expected), ExactOps.Det(Ex.Hilbert(n)));
    }

    [Fact]
    public void Det_of_Hilbert_matrices_matches_the_closed_form_up_to_14()
    {
        // det H_n = c_n^4 / c_{2n} with c_n = 1! 2! ... (n-1)!
        static BigInteger C(int n)
        {
            var c = BigInteger.One;
            for (int i = 1; i < n; i++) c *= Factorial(i);
            return c;
        }
        for (int n = 1; n <= 14; n++)
            Assert.Equal(new BigRational(BigInteger.Pow(C(n), 4), C(2 * n)), ExactOps.Det(Ex.Hilbert(n)));
    }

    [Fact]
    public void Inv_of_Hilbert_matrices_has_the_known_integer_entries()
    {
        // (H^-1)[i, j] = (-1)^(i+j) (i+j+1) C(n+i, n-j-1) C(n+j, n-i-1) C(i+j, i)^2 (zero-based)
        for (int n = 1; n <= 10; n++)
        {
            var inv = ExactOps.Inv(Ex.Hilbert(n));
            Assert.True(inv.IsIntegral);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    var expected = (i + j + 1) * Binomial(n + i, n - j - 1) * Binomial(n + j, n - i - 1) * BigInteger.Pow(Binomial(i + j, i), 2);
                    if ((i + j) % 2 == 1) expected = -expected;
                    Assert.Equal(new BigRational(expected), inv[i, j]);
                }
        }
    }

    [Property(MaxTest = 60)]
    public void Det_matches_Laplace_expansion_and_Inv_is_an_inverse(ulong seed)
    {
        var rng = new Rng(seed);
        int n = rng.NextInt(5) + 1;
        var a = ExactOps.Divide(Ex.IntMatrix(rng, n, n, 6), ExactArray.Scalar(rng.NextInt(3) + 1));
        var det = ExactOps.Det(a);
        Assert.Equal(Ex.LaplaceDet(a), det);
        if (det.IsZero)
        {
            Assert.Throws<SingularMatrixException>(() => ExactOps.Inv(a));
            return;
        }
        var inv = ExactOps.Inv(a);
        Assert.Equal(ExactArray.Identity(n), ExactOps.MatMul(a, inv));
        Assert.Equal(ExactArray.Identity(n), ExactOps.MatMul(inv, a));
        Assert.Equal(BigRational.One / det, ExactOps.Det(inv));
    }

    [Property(MaxTest = 40)]
    public void Solve_with_rational_entries_satisfies_A_X_equals_B(ulong seed)
    {
        // Fraction-free elimination on row-scaled rationals, with zero entries forcing row exchanges.
        var rng = new Rng(seed);
        int n = rng.NextInt(10) + 1, k = rng.NextInt(3) + 1;
        var a = ExactArray.Matrix(n, n, Enumerable.Range(0, n * n)
            .Select(_ => rng.NextInt(3) == 0 ? BigRational.Zero : new BigRational(rng.NextInt(41) - 20, rng.NextInt(6) + 1)).ToArray());
        var b = ExactArray.Matrix(n, k, Enumerable.Range(0, n * k).Select(_ => Ex.Rational(rng, 30)).ToArray());
        if (ExactOps.Det(a).IsZero)
        {
            Assert.Throws<SingularMatrixException>(() => ExactOps.Solve(a, b));
            return;
        }
        Assert.Equal(b, ExactOps.MatMul(a, ExactOps.Solve(a, b)));
    }

    [Fact]
    public void Det_handles_pivoting_and_edge_sizes()
    {
        Assert.Equal(new BigRational(-1), ExactOps.Det(Ex.A("[[0, 1], [1, 0]]")));
        Assert.Equal(new BigRational(-6), ExactOps.Det(Ex.A("[[0, 0, 1], [0, 2, 0], [3, 0, 0]]")));
        Assert.Equal(BigRational.Zero, ExactOps.Det(Ex.A("[[2, 0, 1], [1, 3, 2], [1, 1, 1]]")));
        Assert.Equal(new BigRational(22), ExactOps.Det(Ex.A("[[1, 2, 3], [0, 4, 5], [1, 0, 6]]")));
        Assert.Equal(BigRational.One, ExactOps.Det(ExactArray.Zeros(0, 0)));
        Assert.Equal(new BigRational(-5, 7), ExactOps.Det(Ex.A("[[-5/7]]")));
        var e = Assert.Throws<ShapeMismatchException>(() => ExactOps.Det(Ex.A("[[1, 2, 3], [4, 5, 6]]")));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Det(Ex.A("[1, 2]")));
    }

    [Fact]
    public void Inv_of_a_singular_matrix_names_its_rank()
    {
        var e = Assert.Throws<SingularMatrixException>(() => ExactOps.Inv(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]")));
        Assert.Contains("rank 2 < 3", e.Message);
        Assert.Equal(2, e.PivotIndex);
        var e2 = Assert.Throws<SingularMatrixException>(() => ExactOps.Inv(ExactArray.Zeros(2, 2)));
        Assert.Contains("rank 0 < 2", e2.Message);
        Assert.Equal(0, e2.PivotIndex);
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Inv(Ex.A("[[1, 2]]")));
    }

    [Fact]
    public void Solve_gives_exact_solutions_for_vector_and_matrix_right_hand_sides()
    {
        // x + y + z = 6, 2y + 5z = -4, 2x + 5y - z = 27  ->  (5, 3, -2)
        var a = Ex.A("[[1, 1, 1], [0, 2, 5], [2, 5, -1]]");
        Assert.Equal(Ex.A("[5, 3, -2]"), ExactOps.Solve(a, Ex.A("[6, -4, 27]")));
        Assert.Equal(Ex.A("[[1/3, 5], [2/3, 3]]"), ExactOps.Solve(Ex.A("[[2, 1], [1, 1]]"), Ex.A("[[4/3, 13], [1, 8]]")));
        // A row exchange is needed in the first column.
        Assert.Equal(Ex.A("[2, 1]"), ExactOps.Solve(Ex.A("[[0, 1], [1, 0]]"), Ex.A("[1, 2]")));
    }

    [Fact]
    public void Solve_errors_name_shapes_and_rank()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ExactOps.Solve(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[1, 2, 3]")));
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("(2, 2)", e.Message);
        var e2 = Assert.Throws<ShapeMismatchException>(() => ExactOps.Solve(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[1, 2]]")));
        Assert.Contains("did you mean b.T?", e2.Message);
        var e3 = Assert.Throws<SingularMatrixException>(() => ExactOps.Solve(Ex.A("[[1, 2], [2, 4]]"), Ex.A("[1, 2]")));
        Assert.Contains("rank 1 < 2", e3.Message);
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Solve(Ex.A("[[1, 2, 3], [4, 5, 6]]"), Ex.A("[1, 2]")));
    }

    [Fact]
    public void Rref_of_a_rank_deficient_matrix()
    {
        var (r, pivots) = ExactOps.Rref(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]"));
        Assert.Equal(Ex.A("[[1, 0, -1], [0, 1, 2], [0, 0, 0]]"), r);
        Assert.Equal([0, 1], pivots);
        var (r2, p2) = ExactOps.Rref(Ex.A("[[0, 2, 4, 2], [0, 1, 2, 3], [0, 0, 0, 0]]"));
        Assert.Equal(Ex.A("[[0, 1, 2, 0], [0, 0, 0, 1], [0, 0, 0, 0]]"), r2);
        Assert.Equal([1, 3], p2);
        Assert.Equal(2, ExactOps.Rank(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]")));
        Assert.Equal(0, ExactOps.Rank(ExactArray.Zeros(3, 2)));
        Assert.Equal(1, ExactOps.Rank(Ex.A("[0, 1/2]")));
        Assert.Equal(0, ExactOps.Rank(ExactArray.Scalar(0)));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Rref(Ex.A("[1, 2]")));
    }

    [Property(MaxTest = 60)]
    public void Rref_is_in_reduced_echelon_form_and_has_the_constructed_rank(ulong seed)
    {
        var rng = new Rng(seed);
        int n = rng.NextInt(5) + 1, rank = rng.NextInt(n + 1);
        var a = Ex.IntMatrixOfRank(rng, n, rank);
        var (r, pivots) = ExactOps.Rref(a);
        Assert.Equal(rank, pivots.Length);
        for (int k = 0; k < pivots.Length; k++)
        {
            for (int i = 0; i < n; i++) Assert.Equal(i == k ? BigRational.One : BigRational.Zero, r[i, pivots[k]]);
            for (int j = 0; j < pivots[k]; j++) Assert.Equal(BigRational.Zero, r[k, j]);
            if (k > 0) Assert.True(pivots[k] > pivots[k - 1]);
        }
        for (int i = rank; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(BigRational.Zero, r[i, j]);
        // Same row space: every row of A is a combination of R's nonzero rows, with the pivot entries as weights.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var sum = BigRational.Zero;
                for (int k = 0; k < rank; k++) sum += a[i, pivots[k]] * r[k, j];
                Assert.Equal(a[i, j], sum);
            }
    }
}
