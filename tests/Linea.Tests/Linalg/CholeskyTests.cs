using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class CholeskyTests
{
    public static IEnumerable<object[]> SizeData() => LuTests.Sizes.Select(n => new object[] { n });

    private static double Ratio<T>(NDArray<T> a, NDArray<T> l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ld = Checks.ToDouble(l);
        double na = Checks.Fro(a), n = Math.Max(1, a.Dims[0]);
        double r = Checks.Fro(Checks.ToDouble(a) - ld.MatMul(ld.T));
        return na == 0 ? r : r / (na * n * NumAssert.Eps<T>());
    }

    private static void SpdCase<T>(int n, CholeskyParams? p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = MatrixGenerators.Spd<T>(n, 1e3, (ulong)n + 3);
        var chol = a.Cholesky(p);
        Assert.True(chol.IsPositiveDefinite);
        var l = chol.L;
        for (int i = 0; i < n; i++)
        {
            Assert.True(l[i, i] > T.Zero);
            for (int j = i + 1; j < n; j++) Assert.Equal(T.Zero, l[i, j]);
        }
        Checks.Below(Ratio(a, l), $"{typeof(T).Name} n={n} ||A - LL^T||");
        if (n == 0) return;
        var b = Generators.Normal<T>([n, 2], 4);
        Checks.Below(Checks.SolveRatio(a, chol.Solve(b), b), $"{typeof(T).Name} n={n} cholesky solve");
        // log det agrees with LU's
        double lu = double.CreateTruncating(a.Lu().LogAbsDeterminant), ch = double.CreateTruncating(chol.LogDeterminant);
        Assert.True(Math.Abs(lu - ch) <= 100 * n * NumAssert.Eps<T>() * Math.Max(1, Math.Abs(lu)), $"{lu} vs {ch}");
    }

    [Theory, MemberData(nameof(SizeData))]
    public void Spd_double(int n) => SpdCase<double>(n, null);

    [Theory, MemberData(nameof(SizeData))]
    public void Spd_float(int n) => SpdCase<float>(n, null);

    [Theory, MemberData(nameof(SizeData))]
    public void Spd_double_recursion_forced(int n) => SpdCase<double>(n, new CholeskyParams(1));

    [Theory, MemberData(nameof(SizeData))]
    public void Spd_float_recursion_threshold_3(int n) => SpdCase<float>(n, new CholeskyParams(3));

    [Theory]
    [InlineData(320)]
    [InlineData(451)]
    public void Large_enough_to_split_trsm_and_syrk_across_threads(int n)
    {
        SpdCase<double>(n, null);
        SpdCase<float>(n, null);
    }

    [Fact]
    public void Front_door_reads_only_the_lower_triangle()
    {
        var a = MatrixGenerators.Spd<double>(40, 100, 1);
        var garbage = a.Copy();
        for (int i = 0; i < 40; i++)
            for (int j = i + 1; j < 40; j++) garbage[i, j] = 1e6 * (i - j);
        NumAssert.Equal(Linea.Linalg.Cholesky(a), Linea.Linalg.Cholesky(garbage));
    }

    [Fact]
    public void Non_contiguous_views()
    {
        foreach (var (layout, view) in Checks.Layouts(MatrixGenerators.Spd<double>(37, 1e4, 2)))
            Checks.Below(Ratio(view, Linea.Linalg.Cholesky(view)), layout);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(50)]
    public void Not_positive_definite_names_the_leading_minor(int minor)
    {
        // SPD except that the leading minor of order `minor` is made indefinite by a negative eigen-direction.
        int n = 60;
        var a = MatrixGenerators.Spd<double>(n, 10, 5);
        var d = NDArray.Eye<double>(n);
        // Replace row/column minor-1 so that A[minor-1, minor-1] is far too small: the Schur complement turns negative there.
        a[minor - 1, minor - 1] = -1;
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => Linea.Linalg.Cholesky(a));
        Assert.Equal(minor, ex.MinorOrder);
        Assert.Contains($"order {minor}", ex.Message);
        foreach (var p in new[] { new CholeskyParams(1), new CholeskyParams(4), CholeskyParams.Auto })
        {
            Assert.False(CholeskyDecomposition<double>.TryFactor(a, out var chol, p));
            Assert.Equal(minor, chol.FailedMinorOrder);
            Assert.Equal(0.0, chol.RCond);
            Assert.Throws<NotPositiveDefiniteException>(() => chol.Solve(NDArray.Ones<double>(n)));
        }
        _ = d;
    }

    [Fact]
    public void Indefinite_and_semidefinite()
    {
        var indefinite = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 1 } });
        Assert.Equal(2, Assert.Throws<NotPositiveDefiniteException>(() => Linea.Linalg.Cholesky(indefinite)).MinorOrder);
        var singular = NDArray.FromArray(new double[,] { { 1, 1 }, { 1, 1 } });
        Assert.Equal(2, Assert.Throws<NotPositiveDefiniteException>(() => Linea.Linalg.Cholesky(singular)).MinorOrder);
        Assert.Equal(1, Assert.Throws<NotPositiveDefiniteException>(() => Linea.Linalg.Cholesky(NDArray.Zeros<float>(3, 3))).MinorOrder);
    }

    [Fact]
    public void Nan_and_shape_errors()
    {
        var a = NDArray.Eye<double>(3);
        a[2, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cholesky(a));
        var ex = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Cholesky(NDArray.Zeros<double>(3, 4)));
        Assert.Contains("(3, 4)", ex.Message);
    }

    [Fact]
    public void Stacks_and_empty()
    {
        var a = NDArray.Zeros<double>(3, 5, 5);
        for (int t = 0; t < 3; t++) a[t, .., ..].Assign(MatrixGenerators.Spd<double>(5, 10, (ulong)t));
        var l = Linea.Linalg.Cholesky(a);
        for (int t = 0; t < 3; t++) NumAssert.Equal(Linea.Linalg.Cholesky(a[t, .., ..]), l[t, .., ..]);
        Assert.Equal(new Shape(0, 0), Linea.Linalg.Cholesky(NDArray.Zeros<double>(0, 0)).Shape);
        Assert.Equal(1.0, NDArray.Zeros<double>(0, 0).Cholesky().Determinant);
    }

    [Fact]
    public void Determinant_and_rcond()
    {
        var a = NDArray.FromArray(new double[,] { { 4, 2 }, { 2, 3 } });
        var c = a.Cholesky();
        Assert.Equal(8.0, c.Determinant, 13);
        Assert.Equal(Math.Log(8), c.LogDeterminant, 14);
        var inv = a.Lu().Inverse();
        double truth = 1 / (LuTests.Norm1(a) * LuTests.Norm1(inv));
        Assert.InRange(c.RCond, truth / 1.0001, truth * 10);
        Checks.Below(Checks.Fro(c.Reconstruct() - a) / (Checks.Fro(a) * 2 * NumAssert.Eps<double>()), "reconstruct");
    }
}
