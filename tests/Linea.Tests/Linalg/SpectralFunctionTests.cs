using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>Pinv, MatrixRank, Cond and the SVD-based norms (2, -2, "nuc").</summary>
public class SpectralFunctionTests(ITestOutputHelper output)
{
    private static void MoorePenrose(NDArray<double> a, NDArray<double> x, double tol)
    {
        double na = Math.Max(Checks.Fro(a), 1e-300), nx = Math.Max(Checks.Fro(x), 1e-300);
        Assert.True(Checks.Fro(a.MatMul(x).MatMul(a) - a) <= tol * na, "A X A = A");
        Assert.True(Checks.Fro(x.MatMul(a).MatMul(x) - x) <= tol * nx, "X A X = X");
        var ax = a.MatMul(x);
        var xa = x.MatMul(a);
        Assert.True(Checks.Fro(ax - ax.T) <= tol, "(A X)^T = A X");
        Assert.True(Checks.Fro(xa - xa.T) <= tol, "(X A)^T = X A");
    }

    [Theory]
    [InlineData(8, 8)] [InlineData(20, 7)] [InlineData(6, 15)] [InlineData(1, 1)]
    public void Pinv_satisfies_the_Moore_Penrose_conditions(int m, int n)
    {
        var a = Generators.Normal<double>([m, n], (ulong)(m * 31 + n));
        var x = Linea.Linalg.Pinv(a);
        Assert.Equal([n, m], x.Shape.ToIntArray());
        double cond = double.CreateTruncating(Linea.Linalg.Cond(a));
        MoorePenrose(a, x, 100 * Math.Max(m, n) * NumAssert.Eps<double>() * cond);
        if (m == n)
        {
            var inv = Linea.Linalg.Inv(a);
            Assert.True(Checks.Fro(inv - x) <= 1e3 * n * NumAssert.Eps<double>() * cond * Checks.Fro(inv));
        }
    }

    [Fact]
    public void Pinv_of_rank_deficient_zero_empty_and_hermitian()
    {
        var r = MatrixGenerators.RankDeficient<double>(12, 9, 3, 7);
        var x = Linea.Linalg.Pinv(r, rcond: 1e-10);
        MoorePenrose(r, x, 1e-10);
        Assert.Equal(3, Linea.Linalg.MatrixRank(x));
        NumAssert.Equal(NDArray.Zeros<double>(4, 3), Linea.Linalg.Pinv(NDArray.Zeros<double>(3, 4)));
        Assert.Equal([0, 5], Linea.Linalg.Pinv(NDArray.Zeros<double>(5, 0)).Shape.ToIntArray());
        var s = r.MatMul(r.T); // symmetric PSD, rank 3
        s = (s + s.T) * 0.5;
        var xh = Linea.Linalg.Pinv(s, 1e-10, hermitian: true);
        var xs = Linea.Linalg.Pinv(s, 1e-10);
        Assert.True(Checks.Fro(xh - xs) <= 1e-8 * Checks.Fro(xs), "hermitian pinv matches the SVD one");
        var indefinite = NDArray.FromArray(new double[,] { { 2, 1 }, { 1, -3 } });
        var xi = Linea.Linalg.Pinv(indefinite, hermitian: true);
        Assert.True(Checks.Fro(xi - Linea.Linalg.Inv(indefinite)) <= 1e-14 * 10, "indefinite hermitian pinv = inverse");
        var f = Linea.Linalg.Pinv(MatrixGenerators.Cast<float>(Generators.Normal<double>([7, 4], 3)));
        Assert.Equal([4, 7], f.Shape.ToIntArray());
    }

    [Fact]
    public void Matrix_rank()
    {
        Assert.Equal(5, Linea.Linalg.MatrixRank(MatrixGenerators.RankDeficient<double>(40, 30, 5, 11)));
        Assert.Equal(7, Linea.Linalg.MatrixRank(MatrixGenerators.RankDeficient<double>(30, 40, 7, 12)));
        Assert.Equal(4, Linea.Linalg.MatrixRank(MatrixGenerators.RankDeficient<float>(20, 20, 4, 13)));
        Assert.Equal(10, Linea.Linalg.MatrixRank(Generators.Normal<double>([10, 10], 1)));
        Assert.Equal(0, Linea.Linalg.MatrixRank(NDArray.Zeros<double>(4, 6)));
        Assert.Equal(0, Linea.Linalg.MatrixRank(NDArray.Zeros<double>(0, 6)));
        Assert.Equal(1, Linea.Linalg.MatrixRank(NDArray.FromArray([0.0, 2, 0])));
        Assert.Equal(0, Linea.Linalg.MatrixRank(NDArray.Zeros<double>(3)));
        // Kahan 30: full rank (sigma_min 3e-5), which column-pivoted QR famously misjudges; a user tolerance cuts it.
        var k = TestMatrices.Entries("kahan30_theta1.2");
        Assert.Equal(30, Linea.Linalg.MatrixRank(k));
        Assert.Equal(29, Linea.Linalg.MatrixRank(k, tol: 1e-4));
        // Hilbert 12 (cond 1.7e16): numerically rank deficient at numpy's default tolerance, as numpy finds (11).
        output.WriteLine($"rank hilbert12 = {Linea.Linalg.MatrixRank(MatrixGenerators.Hilbert<double>(12))}");
    }

    [Theory]
    [InlineData("hilbert4")] [InlineData("hilbert5")] [InlineData("hilbert8")] [InlineData("wilson4")] [InlineData("pascal4")] [InlineData("pascal6")] [InlineData("kahan30_theta1.2")]
    public void Cond_2_matches_the_reference(string name)
    {
        var a = TestMatrices.Entries(name);
        double exact = TestMatrices.Parse(TestMatrices.Get(name).GetProperty("cond2").GetProperty("decimal"));
        double c = Linea.Linalg.Cond(a), eps = NumAssert.Eps<double>();
        output.WriteLine($"{name}: cond {c:R}, exact {exact:R}, relative error {Math.Abs(c - exact) / exact:E2}");
        // s_min carries an absolute error of about n eps s_max, so cond a relative error of about n eps cond.
        Assert.True(Math.Abs(c - exact) <= 10 * a.Dims[0] * eps * exact * exact, $"{name}: cond {c:R} vs {exact:R}");
        Assert.Equal(1 / c, Linea.Linalg.Cond(a, -2), 1e-13 / c);
    }

    [Fact]
    public void Cond_other_orders_follow_numpy()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 0, -1 }, { 0, 1, 0 }, { 1, 0, 1 } });
        // numpy: cond(a, 1) = 2, cond(a, inf) = 2, cond(a, 'fro') = 3.1622776601683795 (sqrt(10)... = ||a||_F ||a^-1||_F = 2 * sqrt(2.5)).
        Assert.Equal(2, Linea.Linalg.Cond(a, 1), 14);
        Assert.Equal(2, Linea.Linalg.Cond(a, double.PositiveInfinity), 14);
        Assert.Equal(2 * Math.Sqrt(2.5), Linea.Linalg.Cond(a, "fro"), 14);
        Assert.Equal(Math.Sqrt(2), Linea.Linalg.Cond(a), 14);
        Assert.Equal(1 / Math.Sqrt(2), Linea.Linalg.Cond(a, -2), 14);
        // -1 and -inf: min column / row sums; ||a||_-1 = 1 (column 1), ||a^-1||_-1 = 1 -> 1.
        Assert.Equal(1, Linea.Linalg.Cond(a, -1), 14);
        Assert.Equal(1, Linea.Linalg.Cond(a, double.NegativeInfinity), 14);
        // nuclear: sum s(a) = sqrt2+1+sqrt2, sum s(a^-1) = 1/sqrt2 + 1 + 1/sqrt2.
        Assert.Equal((2 * Math.Sqrt(2) + 1) * (Math.Sqrt(2) + 1), Linea.Linalg.Cond(a, "nuc"), 13);
        var singular = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.Equal(double.PositiveInfinity, Linea.Linalg.Cond(singular, 1));
        Assert.True(Linea.Linalg.Cond(singular) > 1e15);
        Assert.Equal(double.PositiveInfinity, Linea.Linalg.Cond(NDArray.Zeros<double>(3, 3)));
        Assert.True(Linea.Linalg.Cond(Generators.Normal<double>([8, 3], 2)) >= 1);
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Cond(Generators.Normal<double>([8, 3], 2), 1));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Cond(a, 3));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Cond(a, "bogus"));
        var nan = a.Copy(); nan[1, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cond(nan));
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cond(nan, 1));
    }

    [Fact]
    public void Norm_2_is_the_largest_singular_value()
    {
        var a = NDArray.FromArray(new double[,] { { 1, -2, 3 }, { -4, 5, -6 } });
        var s = Linea.Linalg.Svdvals(a).ToArray();
        Assert.Equal(s[0], Linea.Linalg.Norm(a, 2));
        Assert.Equal(s[1], Linea.Linalg.Norm(a, -2));
        Assert.Equal(s[0] + s[1], Linea.Linalg.Norm(a, "nuc"), 14);
        // numpy.linalg.norm([[1,-2,3],[-4,5,-6]], 2) = 9.508032000695724, 'nuc' = 10.280901636369208
        Assert.Equal(9.508032000695724, Linea.Linalg.Norm(a, 2), 13);
        Assert.Equal(10.280901636369208, Linea.Linalg.Norm(a, "nuc"), 13);
        var w = MatrixGenerators.WithSingularValues<float>(9, 5, [7, 3, 2, 1, 0.5], 4);
        Assert.Equal(7f, Linea.Linalg.Norm(w, 2), 4);
        Assert.Equal(13.5f, Linea.Linalg.Norm(w, "nuc"), 4);
        Assert.Equal(0.0, Linea.Linalg.Norm(NDArray.Zeros<double>(0, 4), 2));
        // ||A||_2 <= ||A||_F <= sqrt(rank) ||A||_2
        var g = Generators.Normal<double>([30, 20], 8);
        double n2 = Linea.Linalg.Norm(g, 2), nf = Linea.Linalg.Norm(g, "fro");
        Assert.True(n2 <= nf && nf <= Math.Sqrt(20) * n2);
    }
}
