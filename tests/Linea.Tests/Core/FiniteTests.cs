namespace Linea.Tests.Core;

/// <summary>The shared finite check: the first NaN or infinity in C order, on contiguous and strided tensors.</summary>
public class FiniteTests
{
    [Fact]
    public void Finds_the_first_non_finite_element_in_C_order()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, double.PositiveInfinity, double.NaN } });
        Assert.Equal(4, NDArray.IndexOfNonFinite(a));
        Assert.False(NDArray.AllFinite(a));
        Assert.Equal([1L, 1L], NDArray.UnravelIndex(4, a.Shape));
        // The transpose is a strided view: its C order visits a[0, 0], a[1, 0], a[0, 1], a[1, 1], ...
        Assert.Equal(3, NDArray.IndexOfNonFinite(a.T));
        Assert.Equal(-1, NDArray.IndexOfNonFinite(NDArray.Ones<float>(5, 7)));
        Assert.True(NDArray.AllFinite(NDArray.Zeros<double>(0, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NDArray.UnravelIndex(6, a.Shape));
    }

    [Fact]
    public void The_three_front_doors_keep_their_wording()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { double.NaN, 4 } });
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Inv(a));
        Assert.Equal("inv: the input of shape (2, 2) contains NaN at [1, 0]; linear algebra needs finite numbers", e.Message);
    }
}
