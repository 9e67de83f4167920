using Linea.TestKit;

namespace Linea.Tests.OutOfCore;

/// <summary>
/// The panel-by-panel product of mapped files against the in-memory product: exact on small integers (every partial
/// sum is an exactly representable integer, so any summation order gives the same bits), and within k eps |A| |B| on
/// random data; uneven panels, 1-row blocks, blocks larger than the matrix, and shape errors.
/// </summary>
public sealed class OutOfCoreMatMulTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-ooc-matmul-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]        // 50 rows = 7 * 7 + 1, 11 columns = 3 * 3 + 2: short last block and panel
    [InlineData(1000, 1000)]  // one block, one panel
    [InlineData(0, 0)]        // automatic sizes
    public void ProductOfFilesEqualsTheInMemoryProductExactlyOnIntegers(int blockRows, int blockColumns)
    {
        var a = Generators.SmallIntegers<double>([50, 13], 9, 1);
        var b = Generators.SmallIntegers<double>([13, 11], 9, 2);
        Npy.Save(PathOf("a.npy"), a);
        Npy.Save(PathOf("b.npy"), b);
        using var c = Linea.OutOfCore.MatMul<double>(PathOf("a.npy"), PathOf("b.npy"), PathOf("c.npy"), blockRows, blockColumns);
        NumAssert.Equal(a.MatMul(b), c);
        NumAssert.Equal(a.MatMul(b), Npy.Load<double>(PathOf("c.npy")));   // the file itself holds the product
    }

    [Fact]
    public void MappedTensorOperandsGiveTheProductWithinRounding()
    {
        var a = Generators.Normal<float>([40, 30], 3);
        var b = Generators.Normal<float>([30, 20], 4);
        Npy.Save(PathOf("a.npy"), a);
        Npy.Save(PathOf("b.npy"), b);
        using var am = Npy.Load<float>(PathOf("a.npy"), MmapMode.ReadOnly);
        using var bm = Npy.Load<float>(PathOf("b.npy"), MmapMode.ReadOnly);
        using var c = Linea.OutOfCore.MatMul(am, bm, PathOf("c.npy"), blockRows: 6, blockColumns: 7);
        var expected = a.MatMul(b);
        var bound = NDArray.Abs(a).MatMul(NDArray.Abs(b)) * (float)(2 * 30 * NumAssert.Eps<float>());
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 20; j++)
                Assert.True(Math.Abs(expected[i, j] - c[i, j]) <= bound[i, j], $"C[{i}, {j}] = {c[i, j]} vs {expected[i, j]}");
    }

    [Fact]
    public void ShapeErrorsAreNamed()
    {
        var a = NDArray.Zeros<double>(4, 3);
        var e = Assert.Throws<ShapeMismatchException>(() => Linea.OutOfCore.MatMul(a, NDArray.Zeros<double>(4, 2), PathOf("c.npy")));
        Assert.Contains("(4, 3) @ (4, 2)", e.Message);
        File.WriteAllText(PathOf("a.csv"), "1,2,3\n");
        e = Assert.Throws<ShapeMismatchException>(() => Linea.OutOfCore.MatMul(RowBlocks.Csv<double>(PathOf("a.csv")), NDArray.Zeros<double>(3, 2), PathOf("c.npy")));
        Assert.Contains("unknown", e.Message);
        Assert.Throws<FileNotFoundException>(() => Linea.OutOfCore.MatMul<double>(PathOf("none.npy"), PathOf("none.npy"), PathOf("c.npy")));
    }
}
