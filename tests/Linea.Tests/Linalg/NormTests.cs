using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class NormTests
{
    private static readonly NDArray<double> V = NDArray.FromArray(new double[] { 3, -4, 0, 12 });
    private static readonly NDArray<double> A = NDArray.FromArray(new double[,] { { 1, -2, 3 }, { -4, 5, -6 } });

    [Fact]
    public void Vector_orders_by_hand()
    {
        Assert.Equal(13, Linea.Linalg.Norm(V));
        Assert.Equal(13, Linea.Linalg.Norm(V, 2));
        Assert.Equal(19, Linea.Linalg.Norm(V, 1));
        Assert.Equal(12, Linea.Linalg.Norm(V, double.PositiveInfinity));
        Assert.Equal(0, Linea.Linalg.Norm(V, double.NegativeInfinity));
        Assert.Equal(3, Linea.Linalg.Norm(V, 0));
        Assert.Equal(Math.Pow(27 + 64 + 1728, 1.0 / 3), Linea.Linalg.Norm(V, 3), 12);
        Assert.Equal(0, Linea.Linalg.Norm(V, -1)); // a zero entry makes the harmonic-type norm zero, as numpy
        var w = NDArray.FromArray(new double[] { 1, 2, 4 });
        Assert.Equal(1 / (1 + 0.5 + 0.25), Linea.Linalg.Norm(w, -1), 14);
        Assert.Equal(1f, Linea.Linalg.Norm(NDArray.FromArray(new float[] { 0.6f, 0.8f })), 6);
    }

    [Fact]
    public void Matrix_orders_by_hand()
    {
        Assert.Equal(9, Linea.Linalg.Norm(A, 1));          // max column sum |3| + |-6|
        Assert.Equal(5, Linea.Linalg.Norm(A, -1));         // min column sum
        Assert.Equal(15, Linea.Linalg.Norm(A, double.PositiveInfinity));
        Assert.Equal(6, Linea.Linalg.Norm(A, double.NegativeInfinity));
        Assert.Equal(Math.Sqrt(91), Linea.Linalg.Norm(A, "fro"), 14);
        Assert.Equal(Math.Sqrt(91), Linea.Linalg.Norm(A), 14);
        Assert.Equal(15, Linea.Linalg.Norm(A.T, 1));       // views
    }

    [Fact]
    public void Overflow_and_underflow_safe()
    {
        var big = NDArray.Full([4], 1e200);
        Assert.Equal(2e200, Linea.Linalg.Norm(big), 1e186);
        Assert.Equal(2e200, Linea.Linalg.Norm(big, 2), 1e186);
        Assert.Equal(Math.Pow(4, 1.0 / 3) * 1e200, Linea.Linalg.Norm(big, 3), 1e187);
        var bigM = NDArray.Full([3, 3], 1e200);
        Assert.Equal(3e200, Linea.Linalg.Norm(bigM, "fro"), 1e187);
        var tiny = NDArray.Full([4], 1e-200);
        Assert.Equal(2e-200, Linea.Linalg.Norm(tiny), 1e-214);
        var bigF = NDArray.Full([4], 1e30f);
        Assert.Equal(2e30f, Linea.Linalg.Norm(bigF), 1e24f);
        Assert.True(double.IsNaN(Linea.Linalg.Norm(NDArray.FromArray(new[] { 1.0, double.NaN }))));
    }

    [Fact]
    public void Axis_and_keepdims()
    {
        var rows = Linea.Linalg.Norm(A, 2, axis: 1);
        Assert.Equal(new Shape([2]), rows.Shape);
        NumAssert.Close(NDArray.FromArray(new[] { Math.Sqrt(14), Math.Sqrt(77) }), rows, 4);
        var cols = Linea.Linalg.Norm(A, 1, axis: 0, keepdims: true);
        Assert.Equal(new Shape([1, 3]), cols.Shape);
        NumAssert.Equal(new double[] { 5, 7, 9 }, cols);
        var last = Linea.Linalg.Norm(A, double.PositiveInfinity, axis: -1, keepdims: true);
        Assert.Equal(new Shape([2, 1]), last.Shape);
        NumAssert.Equal(new double[] { 3, 6 }, last);
        var cube = NDArray.Ones<double>(2, 3, 4);
        Assert.Equal(new Shape([2, 4]), Linea.Linalg.Norm(cube, 2, axis: 1).Shape);
        NumAssert.Close(NDArray.Full([2, 4], Math.Sqrt(3)), Linea.Linalg.Norm(cube, 2, axis: 1), 4);
    }

    [Fact]
    public void Errors()
    {
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(NDArray.Zeros<double>(0, 3), -2));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(A, 3));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(A, "bogus"));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(V, "fro"));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(NDArray.Ones<double>(2, 2, 2), 1));
        Assert.Throws<AxisOutOfRangeException>(() => Linea.Linalg.Norm(A, 2, axis: 2));
    }
}
