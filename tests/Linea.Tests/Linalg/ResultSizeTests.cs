using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The front doors check the sizes of their results before any work (#16 item 10): a complete Q, full U and Vh, and
/// P of a tall LU are m x m, far larger than a tall input. The inputs are broadcast views that store one element.
/// </summary>
public class ResultSizeTests
{
    private static NDArray<double> Tall(long m, long n) => NDArray.Ones<double>(1, 1).BroadcastTo(m, n);

    [Fact]
    public void CompleteQOfATallMatrixIsRefusedBeforeAllocating()
    {
        var e = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Qr(Tall(50_000, 3), QrMode.Complete));
        Assert.Equal("qr", e.Operation);
        Assert.StartsWith("qr: Q of shape (50000, 50000) for the input (50000, 3) would have 2,500,000,000 elements (20 GB (20,000,000,000 bytes))", e.Message, StringComparison.Ordinal);
        Assert.Contains("one .NET array", e.Message, StringComparison.Ordinal);
        // the reduced Q of the same matrix is fine
        var (q, r) = Linea.Linalg.Qr(Tall(50_000, 3));
        Assert.Equal(new Shape(50_000, 3), q.Shape);
        Assert.Equal(new Shape(3, 3), r.Shape);
    }

    [Fact]
    public void StackedCompleteQCountsTheBatch()
    {
        // each Q is 40000 x 40000 = 1.6e9 elements (fits one array); two of them stacked do not
        var a = NDArray.Ones<double>(1, 1, 1).BroadcastTo(2, 40_000, 2);
        var e = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Qr(a, QrMode.Complete));
        Assert.StartsWith("qr: Q of shape (2, 40000, 40000) for the input (2, 40000, 2) would have 3,200,000,000 elements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullSvdOfATallOrWideMatrixIsRefusedBeforeAllocating()
    {
        var e = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Svd(Tall(50_000, 2)));
        Assert.StartsWith("svd: U of shape (50000, 50000) for the input (50000, 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("20 GB", e.Message, StringComparison.Ordinal);
        var w = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Svd(Tall(2, 50_000)));
        Assert.StartsWith("svd: Vh of shape (50000, 50000) for the input (2, 50000)", w.Message, StringComparison.Ordinal);
        var (u, s, vh) = Linea.Linalg.Svd(Tall(50_000, 2), fullMatrices: false);
        Assert.Equal(new Shape(50_000, 2), u.Shape);
        Assert.Equal(2, s.Size);
        Assert.Equal(new Shape(2, 2), vh.Shape);
    }

    [Fact]
    public void AnInputMatrixTooLargeToCopyIsRefusedWithItsBytes()
    {
        var e = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Svdvals(Tall(50_000, 50_000)));
        Assert.StartsWith("svdvals: each matrix of the input (50000, 50000) (50000 x 50000), copied to work on, would have 2,500,000,000 elements (20 GB", e.Message, StringComparison.Ordinal);
        Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Det(Tall(50_000, 50_000)));
    }

    [Fact]
    public void PermutationMatrixOfATallLuIsRefused()
    {
        var lu = Tall(50_000, 2).Lu();
        Assert.Equal(50_000, lu.Permutation.Length);
        var e = Assert.Throws<TensorTooLargeException>(() => lu.P);
        Assert.StartsWith("lu: P of shape (50000, 50000) for the matrix (50000, 2) would have 2,500,000,000 elements (20 GB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StackedSolveWhoseBatchesBroadcastToAHugeXIsRefused()
    {
        var a = NDArray.Eye<double>(2).BroadcastTo(40_000, 1, 2, 2);
        var b = NDArray.Ones<double>(1, 1, 2, 1).BroadcastTo(1, 40_000, 2, 1);
        var e = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Solve(a, b));
        Assert.StartsWith("solve: x of shape (40000, 40000, 2, 1) for A (40000, 1, 2, 2) and b (1, 40000, 2, 1) would have 3,200,000,000 elements (25.6 GB", e.Message, StringComparison.Ordinal);
    }
}
