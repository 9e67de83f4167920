namespace Linea.Tests.IO;

/// <summary>Row-block passes over an in-memory tensor: block boundaries, views, progress and errors.</summary>
public class RowBlocksTests
{
    [Fact]
    public void APassCoversEveryRowOnceInOrderAndEachBlockIsAView()
    {
        var m = NDArray.Arange(21.0).Reshape(7, 3);
        var source = RowBlocks.FromTensor(m);
        Assert.Equal(7, source.Rows);
        Assert.Equal(3, source.Columns);
        var reports = new List<RowBlockProgress>();
        var blocks = source.Blocks(3, new SyncProgress(reports)).ToList();
        Assert.Equal([0L, 3L, 6L], blocks.Select(b => b.Start));
        Assert.Equal([3, 3, 1], blocks.Select(b => b.Count));
        Assert.Equal([3L, 6L, 7L], reports.Select(r => r.RowsRead));
        Assert.Equal(1.0, reports[^1].Fraction);
        for (int b = 0; b < blocks.Count; b++)
            for (int i = 0; i < blocks[b].Count; i++)
                for (int j = 0; j < 3; j++)
                    Assert.Equal((blocks[b].Start + i) * 3 + j, blocks[b].Values[i, j]);
        blocks[0].Values[0, 0] = -1;   // a view: writes reach the matrix
        Assert.Equal(-1, m[0, 0]);
        Assert.Equal(blocks.Count, source.Blocks(3).Count());   // re-readable
    }

    [Fact]
    public void AnEmptyMatrixHasNoBlocksAndBadArgumentsAreNamed()
    {
        Assert.Empty(RowBlocks.FromTensor(NDArray.Zeros<double>(0, 4)).Blocks(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowBlocks.FromTensor(NDArray.Zeros<double>(2, 2)).Blocks(0));
        var e = Assert.Throws<ShapeMismatchException>(() => RowBlocks.FromTensor(NDArray.Zeros<double>(2, 2, 2)));
        Assert.Contains("2-d", e.Message);
    }

    private sealed class SyncProgress(List<RowBlockProgress> into) : IProgress<RowBlockProgress>
    {
        public void Report(RowBlockProgress value) => into.Add(value);
    }
}
