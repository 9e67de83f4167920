using System.Text;
using Linea.TestKit;

namespace Linea.Tests.IO;

/// <summary>
/// The file readers behind out-of-core passes: every pass over a .npy (C and Fortran order, converted dtype, 1-d),
/// CSV or sparse file yields exactly the rows an in-memory read gives, for block sizes of 1 row, a short last block and
/// a block larger than the file; progress ends at the file's size; bad files are named.
/// </summary>
public sealed class RowBlockReadersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-rowblocks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Concatenates one pass's blocks (copied, since a block is valid only until the pass moves on).</summary>
    internal static NDArray<T> Gather<T>(IRowBlockSource<T> source, int blockRows, List<RowBlockProgress>? reports = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rows = new List<T>();
        long expectedStart = 0;
        foreach (var block in source.Blocks(blockRows, reports is null ? null : new SyncProgress(reports)))
        {
            Assert.Equal(expectedStart, block.Start);
            Assert.InRange(block.Count, 1, blockRows);
            Assert.Equal(source.Columns, (int)block.Values.Shape[1]);
            rows.AddRange(block.Values.Copy().ToArray());
            expectedStart += block.Count;
        }
        return NDArray.Wrap(rows.ToArray(), expectedStart, source.Columns);
    }

    private static NDArray<double> Matrix(int rows, int columns, ulong seed) => Generators.Normal<double>([rows, columns], seed);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]      // 300 = 42 * 7 + 6: a short last block
    [InlineData(300)]    // exactly one block
    [InlineData(5000)]   // a block larger than the file
    public void NpyCOrderBlocksAreTheFileRows(int blockRows)
    {
        var m = Matrix(300, 5, 1);
        string path = PathOf("c.npy");
        Npy.Save(path, m);
        var source = RowBlocks.Npy<double>(path);
        Assert.Equal(300, source.Rows);
        Assert.Equal(5, source.Columns);
        var reports = new List<RowBlockProgress>();
        NumAssert.Equal(m, Gather(source, blockRows, reports));
        Assert.Equal(new FileInfo(path).Length, reports[^1].BytesRead);
        Assert.Equal(new FileInfo(path).Length, reports[^1].TotalBytes);
        Assert.Equal(1.0, reports[^1].Fraction);
        NumAssert.Equal(m, Gather(source, blockRows));   // a second pass reads the same rows
    }

    [Fact]
    public void NpyCOrderBlocksAreReadOnlyMappedViewsReleasedWhenThePassMovesOn()
    {
        var m = Matrix(10, 3, 2);
        string path = PathOf("v.npy");
        Npy.Save(path, m);
        var blocks = new List<NDArray<double>>();
        foreach (var block in RowBlocks.Npy<double>(path).Blocks(4))
        {
            Assert.Throws<InvalidOperationException>(() => block.Values[0, 0] = 1);
            blocks.Add(block.Values);
        }
        Assert.Throws<ObjectDisposedException>(() => blocks[0][0, 0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public void NpyFortranOrderIsCopiedIntoCOrderBlocks(int blockRows)
    {
        var m = Matrix(37, 6, 3);
        string path = PathOf("f.npy");
        WriteFortranNpy(path, m);
        Assert.Equal(m.ToArray(), Npy.Load<double>(path).ToArray());   // the hand-written file is what NumPy's loader reads
        var reports = new List<RowBlockProgress>();
        NumAssert.Equal(m, Gather(RowBlocks.Npy<double>(path), blockRows, reports));
        Assert.Equal(37, reports[^1].RowsRead);
    }

    [Fact]
    public void NpyFortranFixtureFromNumPyAndConvertedDtypesRead()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "Data", "npy", "f8_fortran_3x4.npy");
        NumAssert.Equal(Npy.Load<double>(fixture), Gather(RowBlocks.Npy<double>(fixture), 2));
        var f = Generators.Normal<float>([50, 3], 4);
        string path = PathOf("f4.npy");
        Npy.Save(path, f);
        NumAssert.Equal(Npy.Load<double>(path), Gather(RowBlocks.Npy<double>(path), 8));   // float32 widened exactly
        NumAssert.Equal(f, Gather(RowBlocks.Npy<float>(path), 8));
    }

    [Fact]
    public void OneDimensionalNpyReadsAsOneColumn()
    {
        var v = NDArray.Arange(11.0);
        string path = PathOf("v1.npy");
        Npy.Save(path, v);
        var source = RowBlocks.Npy<double>(path);
        Assert.Equal(1, source.Columns);
        NumAssert.Equal(v.Reshape(11, 1), Gather(source, 3));
    }

    [Fact]
    public void BadNpyInputsAreNamed()
    {
        string missing = PathOf("missing.npy");
        Assert.Throws<FileNotFoundException>(() => RowBlocks.Npy<double>(missing));
        string cube = PathOf("cube.npy");
        Npy.Save(cube, NDArray.Zeros<double>(2, 2, 2));
        Assert.Contains("(2, 2, 2)", Assert.Throws<ShapeMismatchException>(() => RowBlocks.Npy<double>(cube)).Message);
        string truncated = PathOf("t.npy");
        Npy.Save(truncated, Matrix(20, 2, 5));
        using (var f = new FileStream(truncated, FileMode.Open)) f.SetLength(f.Length - 8);
        Assert.Contains("truncated", Assert.Throws<TensorFormatException>(() => RowBlocks.Npy<double>(truncated)).Message);
        string ok = PathOf("ok.npy");
        Npy.Save(ok, Matrix(3, 2, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowBlocks.Npy<double>(ok).Blocks(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(100)]
    public void CsvWithHeaderStreamsTheRowsAndCountsThemAfterAPass(int blockRows)
    {
        var m = Matrix(23, 3, 6);
        string path = PathOf("h.csv");
        Csv.Write(path, m, header: ["a", "b", "c"]);
        File.AppendAllText(path, "\n\n");   // trailing blank lines are skipped
        var source = RowBlocks.Csv<double>(path, hasHeader: true);
        Assert.Equal(-1, source.Rows);
        Assert.Equal(3, source.Columns);
        var reports = new List<RowBlockProgress>();
        NumAssert.Equal(m, Gather(source, blockRows, reports));   // Csv.Write's shortest round-trip text reads back exactly
        Assert.Equal(23, source.Rows);
        Assert.Equal(new FileInfo(path).Length, reports[^1].BytesRead);
        NumAssert.Equal(m, Gather(source, blockRows));
    }

    [Fact]
    public void CsvErrorsNameTheLine()
    {
        string ragged = PathOf("r.csv");
        File.WriteAllText(ragged, "x,y\n1,2\n\n3,4\n5\n");
        var e = Assert.Throws<TensorFormatException>(() => Gather(RowBlocks.Csv<double>(ragged, hasHeader: true), 2));
        Assert.Contains("line 5 has 1 fields", e.Message);
        Assert.Contains("header (line 1)", e.Message);
        string text = PathOf("t.csv");
        File.WriteAllText(text, "1,2\n3,abc\n");
        e = Assert.Throws<TensorFormatException>(() => Gather(RowBlocks.Csv<double>(text), 10));
        Assert.Contains("line 2, column 2", e.Message);
        string empty = PathOf("e.csv");
        File.WriteAllText(empty, "\n \n");
        Assert.Contains("empty", Assert.Throws<TensorFormatException>(() => RowBlocks.Csv<double>(empty)).Message);
        Assert.Throws<FileNotFoundException>(() => RowBlocks.Csv<double>(PathOf("none.csv")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void SparseSourcesYieldDenseRows(int blockRows)
    {
        var coo = new List<(int, int, double)> { (0, 1, 2.5), (3, 0, -1), (3, 3, 4), (11, 2, 7), (11, 2, 1) };
        var dense = NDArray.Zeros<double>(12, 4);
        foreach (var (i, j, v) in coo) dense[i, j] += v;
        var sparse = Linea.Sparse.FromDense(dense);
        NumAssert.Equal(dense, Gather(RowBlocks.FromSparse(sparse), blockRows));
        NumAssert.Equal(dense, Gather(RowBlocks.FromSparse(sparse.ToCsc()), blockRows));
        string mtx = PathOf("s.mtx");
        Linea.Sparse.MmWrite(mtx, sparse);
        var reports = new List<RowBlockProgress>();
        NumAssert.Equal(dense, Gather(RowBlocks.SparseFile<double>(mtx), blockRows, reports));
        Assert.Equal(new FileInfo(mtx).Length, reports[^1].BytesRead);
        string npz = PathOf("s.npz");
        Linea.Sparse.SaveNpz(npz, sparse);
        NumAssert.Equal(dense, Gather(RowBlocks.SparseFile<double>(npz), blockRows));
        Assert.Throws<FileNotFoundException>(() => RowBlocks.SparseFile<double>(PathOf("none.mtx")));
    }

    /// <summary>A version 1.0 .npy with fortran_order True, as np.save(np.asfortranarray(m)) writes it.</summary>
    internal static void WriteFortranNpy(string path, NDArray<double> m)
    {
        int rows = (int)m.Shape[0], columns = (int)m.Shape[1];
        string dict = $"{{'descr': '<f8', 'fortran_order': True, 'shape': ({rows}, {columns}), }}";
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - 10 - 1) + "\n";
        using var file = new FileStream(path, FileMode.Create);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        for (int j = 0; j < columns; j++)
            for (int i = 0; i < rows; i++) file.Write(BitConverter.GetBytes(m[i, j]));
    }

    private sealed class SyncProgress(List<RowBlockProgress> into) : IProgress<RowBlockProgress>
    {
        public void Report(RowBlockProgress value) => into.Add(value);
    }
}
