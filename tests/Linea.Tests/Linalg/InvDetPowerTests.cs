using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class InvDetPowerTests
{
    public static IEnumerable<object[]> SizeData() => LuTests.Sizes.Select(n => new object[] { n });

    private static void InvCase<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Generators.Normal<T>([n, n], (ulong)n + 9);
        var inv = Linea.Linalg.Inv(a);
        Assert.Equal(new Shape(n, n), inv.Shape);
        if (n == 0) return;
        // LAPACK's getri test ratio: ||A A^-1 - I|| / (n ||A|| ||A^-1|| eps)
        var ad = Checks.ToDouble(a);
        var id = Checks.ToDouble(inv);
        double r = Checks.Fro(ad.MatMul(id) - NDArray.Eye<double>(n)) / (n * Checks.Fro(ad) * Checks.Fro(id) * NumAssert.Eps<T>());
        Checks.Below(r, $"{typeof(T).Name} n={n} inverse");
    }

    [Theory, MemberData(nameof(SizeData))]
    public void Inverse_double(int n) => InvCase<double>(n);

    [Theory, MemberData(nameof(SizeData))]
    public void Inverse_float(int n) => InvCase<float>(n);

    [Fact]
    public void Inverse_of_stacks_views_and_singular()
    {
        var a = Generators.Normal<double>([3, 2, 6, 6], 1);
        var inv = Linea.Linalg.Inv(a);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) NumAssert.Close(Linea.Linalg.Inv(a[i, j, .., ..]), inv[i, j, .., ..], 0.5);
        foreach (var (layout, v) in Checks.Layouts(Generators.Normal<double>([7, 7], 3)))
            NumAssert.Close(Linea.Linalg.Inv(v.Copy()), Linea.Linalg.Inv(v), 0.5);
        var ex = Assert.Throws<SingularMatrixException>(() => Linea.Linalg.Inv(NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 4 } })));
        Assert.Equal(1, ex.PivotIndex);
        Assert.Equal(new Shape(0, 0), Linea.Linalg.Inv(NDArray.Zeros<double>(0, 0)).Shape);
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Inv(NDArray.Zeros<double>(2, 3)));
    }

    [Fact]
    public void Det_and_slogdet()
    {
        Assert.Equal(1.0, Linea.Linalg.Det(NDArray.Zeros<double>(0, 0)));
        Assert.Equal((1.0, 0.0), Linea.Linalg.Slogdet(NDArray.Zeros<double>(0, 0)));
        Assert.Equal(0.0, Linea.Linalg.Det(NDArray.Zeros<double>(3, 3)));
        Assert.Equal((0.0, double.NegativeInfinity), Linea.Linalg.Slogdet(NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 4 } })));
        Assert.Equal(-2.0, Linea.Linalg.Det(NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } })), 14);
        Assert.Equal(7f, Linea.Linalg.Det(NDArray.FromArray(new float[,] { { 7f } })));
        // A diagonal matrix with a known determinant, through a transposed view: det(A^T) = det(A).
        var d = NDArray.Diag(NDArray.FromArray(new double[] { 2, -3, 0.5, 4 }));
        Assert.Equal(-12.0, Linea.Linalg.Det(d.T), 14);
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Det(NDArray.Full([2, 2], double.NaN)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Det(NDArray.Zeros<double>(2, 2, 2)));
    }

    [Fact]
    public void Slogdet_does_not_overflow_at_n_1000()
    {
        int n = 1000;
        var a = Generators.Normal<double>([n, n], 77) * 10.0; // |det| ~ 10^(1000 + 1284): far beyond double
        Assert.True(double.IsInfinity(Linea.Linalg.Det(a)));
        var (sign, logdet) = Linea.Linalg.Slogdet(a);
        Assert.True(sign == 1 || sign == -1);
        // log|det(10 G)| = n log 10 + log|det G|; E log|det G| for Gaussian G is about (n log n - n) / 2 + ...
        Assert.True(double.IsFinite(logdet) && logdet > 4000 && logdet < 6000, $"{logdet}");
        // Scaling by 10 shifts the log-determinant by exactly n log 10.
        var (sign2, logdet2) = Linea.Linalg.Slogdet(a * 0.1);
        Assert.Equal(sign, sign2);
        Assert.Equal(logdet - n * Math.Log(10), logdet2, 8);
    }

    [Fact]
    public void Matrix_power()
    {
        var fib = NDArray.FromArray(new double[,] { { 1, 1 }, { 1, 0 } });
        var f70 = Linea.Linalg.MatrixPower(fib, 70); // [[F71, F70], [F70, F69]], all below 2^53: exact
        Assert.Equal(308061521170129.0, f70[0, 0]);
        Assert.Equal(190392490709135.0, f70[0, 1]);
        Assert.Equal(117669030460994.0, f70[1, 1]);
        NumAssert.Equal(NDArray.Eye<double>(2), Linea.Linalg.MatrixPower(NDArray.Zeros<double>(2, 2), 0));
        var a = Generators.Normal<double>([4, 4], 5);
        var one = Linea.Linalg.MatrixPower(a, 1);
        NumAssert.Equal(a, one);
        Assert.NotSame(a, one);
        var five = Linea.Linalg.MatrixPower(a, 5);
        NumAssert.Close(a.MatMul(a).MatMul(a).MatMul(a).MatMul(a), five, 1e4);
        var inv = Linea.Linalg.Inv(a);
        NumAssert.Close(inv.MatMul(inv), Linea.Linalg.MatrixPower(a, -2), 1e4);
        // Fibonacci inverse: [[0, 1], [1, -1]], integer powers exact
        var fm3 = Linea.Linalg.MatrixPower(fib, -3);
        NumAssert.Close(NDArray.FromArray(new double[,] { { -1, 2 }, { 2, -3 } }), fm3, 8);
        // stacks
        var s = Generators.Normal<double>([3, 3, 3], 6);
        var s2 = Linea.Linalg.MatrixPower(s, 2);
        NumAssert.Close(s.MatMul(s), s2, 1);
        Assert.Equal(new Shape(3, 3, 3), Linea.Linalg.MatrixPower(s, 0).Shape);
        Assert.Throws<SingularMatrixException>(() => Linea.Linalg.MatrixPower(NDArray.Zeros<double>(2, 2), -1));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.MatrixPower(NDArray.Zeros<double>(2, 3), 2));
    }
}
