namespace Linea.Tests.Gemm;

/// <summary>NDArray.MatMulInto: the product written into a caller's tensor equals MatMul's (the same GEMM, so the same
/// bits) for contiguous, transposed and offset views, and misuse is refused with the shapes named.</summary>
public class MatMulIntoTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(256, 64, 128)]
    [InlineData(33, 257, 10)]
    public void Equals_MatMul_for_plain_and_transposed_operands(int m, int k, int n)
    {
        var rng = new Rng((ulong)(m * 1000 + k * 10 + n));
        var a = rng.Normal([m, k], 0.0, 1.0);
        var b = rng.Normal([k, n], 0.0, 1.0);
        var c = NDArray.Full(new[] { m, n }, double.NaN); // every element must be overwritten
        NDArray.MatMulInto(a, b, c);
        Assert.Equal(a.MatMul(b).ToArray(), c.ToArray());

        var at = rng.Normal([k, m], 0.0, 1.0);
        var ct = NDArray.Zeros<double>(m, n);
        NDArray.MatMulInto(at.T, b, ct);
        Assert.Equal(at.T.MatMul(b).ToArray(), ct.ToArray());
    }

    [Fact]
    public void Writes_into_an_offset_view_and_leaves_the_rest()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = NDArray.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        var big = NDArray.Zeros<double>(3, 3);
        NDArray.MatMulInto(a, b, big[1.., 1..]);
        Assert.Equal(new double[] { 0, 0, 0, 0, 19, 22, 0, 43, 50 }, big.ToArray());
    }

    [Fact]
    public void Refuses_wrong_shapes_aliasing_and_read_only_destinations()
    {
        var a = NDArray.Ones<double>(3, 4);
        var b = NDArray.Ones<double>(4, 2);
        Assert.Throws<ShapeMismatchException>(() => NDArray.MatMulInto(a, b, NDArray.Zeros<double>(3, 3)));
        Assert.Throws<ShapeMismatchException>(() => NDArray.MatMulInto(a, a, NDArray.Zeros<double>(3, 4)));
        Assert.Throws<ArgumentException>(() => NDArray.MatMulInto(NDArray.Ones<double>(4), b, NDArray.Zeros<double>(2)));
        var square = NDArray.Ones<double>(3, 3);
        Assert.Throws<ArgumentException>(() => NDArray.MatMulInto(square, NDArray.Ones<double>(3, 3), square));
        Assert.Throws<ArgumentException>(() => NDArray.MatMulInto(a, b, NDArray.Zeros<double>(1, 2).BroadcastTo(3L, 2L)));
    }
}
