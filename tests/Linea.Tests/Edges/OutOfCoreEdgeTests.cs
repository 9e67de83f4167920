namespace Linea.Tests.Edges;

using OutOfCore = global::Linea.OutOfCore;
using Sparse = global::Linea.Sparse;

/// <summary>
/// Edges of the row-block readers and the out-of-core algorithms: truncated or non-numeric .npy files, empty and
/// ragged CSV files, nan/inf text, block size 0 and sources with zero rows. A file problem is a
/// <see cref="TensorFormatException"/> naming the file (and line); an algorithm refuses empty or non-finite data with a
/// specific exception; nothing is silently read as zero.
/// </summary>
public sealed class OutOfCoreEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-edges-ooc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static List<double[]> ReadAll(IRowBlockSource<double> source, int blockRows)
    {
        var rows = new List<double[]>();
        foreach (var block in source.Blocks(blockRows))
            for (int i = 0; i < block.Count; i++) rows.Add(block.Values[i, ..].ToArray());
        return rows;
    }

    private static byte[] NpyOf(NDArray<double> a)
    {
        var ms = new MemoryStream();
        Npy.Save(ms, a);
        return ms.ToArray();
    }

    [Fact]
    public void Truncated_npy_is_named_with_declared_and_actual_bytes()
    {
        var bytes = NpyOf(NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }));
        string path = WriteBytes("t.npy", bytes[..^8]);
        var e = Assert.Throws<TensorFormatException>(() => RowBlocks.Npy<double>(path));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("t.npy", e.Message, StringComparison.Ordinal);
        foreach (int keep in new[] { 0, 5, 20, 60 })
        {
            string p = WriteBytes($"t{keep}.npy", bytes[..Math.Min(keep, bytes.Length)]);
            Assert.Throws<TensorFormatException>(() => RowBlocks.Npy<double>(p));
        }
    }

    [Fact]
    public void Npy_of_an_unsupported_dtype_or_rank_is_refused()
    {
        var bytes = NpyOf(NDArray.FromArray(new double[] { 1, 2 }));
        string header = System.Text.Encoding.ASCII.GetString(bytes, 0, 128);
        // '<f8' -> '<i8': int64 is supported and converted, so the bits of 1.0 and 2.0 read as those integers.
        string asInt = WriteBytes("i.npy", Patch(bytes, "<f8", "<i8"));
        Assert.Equal(new[] { new[] { (double)BitConverter.DoubleToInt64Bits(1) }, new[] { (double)BitConverter.DoubleToInt64Bits(2) } },
            ReadAll(RowBlocks.Npy<double>(asInt), 2));
        // '|O8' (Python objects, a pickle) is refused.
        string asObj = WriteBytes("o.npy", Patch(bytes, "<f8", "|O8"));
        var e = Assert.ThrowsAny<Exception>(() => ReadAll(RowBlocks.Npy<double>(asObj), 2));
        Assert.True(e is TensorFormatException or NotSupportedException, e.GetType().Name + ": " + e.Message);
        string cube = Path.Combine(_dir, "c.npy");
        Npy.Save(cube, NDArray.Zeros<double>(2, 2, 2));
        Assert.Throws<ShapeMismatchException>(() => RowBlocks.Npy<double>(cube));
        Assert.Contains("<f8", header, StringComparison.Ordinal);
    }

    private static byte[] Patch(byte[] bytes, string from, string to)
    {
        var copy = (byte[])bytes.Clone();
        var f = System.Text.Encoding.ASCII.GetBytes(from);
        int at = copy.AsSpan().IndexOf(f);
        Assert.True(at > 0);
        System.Text.Encoding.ASCII.GetBytes(to).CopyTo(copy, at);
        return copy;
    }

    [Fact]
    public void Npy_float32_reads_as_double_exactly()
    {
        string path = Path.Combine(_dir, "f.npy");
        Npy.Save(path, NDArray.FromArray(new float[,] { { 0.5f, -1.25f }, { 3, 4 } }));
        Assert.Equal(new[] { new[] { 0.5, -1.25 }, new[] { 3.0, 4.0 } }, ReadAll(RowBlocks.Npy<double>(path), 1));
    }

    [Fact]
    public void Block_size_zero_or_negative_is_named()
    {
        string path = Write("a.csv", "1,2\n3,4\n");
        foreach (var source in new[] { RowBlocks.Csv<double>(path), RowBlocks.FromTensor(NDArray.Zeros<double>(2, 2)) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => source.Blocks(0));
            Assert.Contains("at least 1 row", e.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => source.Blocks(-3));
        }
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Gram(RowBlocks.Csv<double>(path), blockRows: 0));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Lstsq(RowBlocks.Csv<double>(path), RowBlocks.Csv<double>(path), blockRows: -1));
    }

    [Fact]
    public void Empty_csv_is_named()
    {
        var e = Assert.Throws<TensorFormatException>(() => RowBlocks.Csv<double>(Write("e.csv", "")));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Throws<TensorFormatException>(() => RowBlocks.Csv<double>(Write("b.csv", "\n  \n\n")));
    }

    [Fact]
    public void Ragged_csv_row_is_named_by_line()
    {
        var source = RowBlocks.Csv<double>(Write("r.csv", "1,2,3\n4,5,6\n7,8\n"));
        var e = Assert.Throws<TensorFormatException>(() => ReadAll(source, 10));
        Assert.Contains("line 3 has 2 fields", e.Message, StringComparison.Ordinal);
        source = RowBlocks.Csv<double>(Write("r2.csv", "1,2\n4,5,6\n"));
        e = Assert.Throws<TensorFormatException>(() => ReadAll(source, 1));
        Assert.Contains("line 2 has 3 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_nan_and_inf_text_are_read_but_algorithms_refuse_them()
    {
        string path = Write("n.csv", "1,nan\ninf,-inf\n2,3\n");
        var rows = ReadAll(RowBlocks.Csv<double>(path), 2);
        Assert.True(double.IsNaN(rows[0][1]));
        Assert.True(double.IsPositiveInfinity(rows[1][0]));
        Assert.True(double.IsNegativeInfinity(rows[1][1]));
        var e = Assert.Throws<NonFiniteException>(() => OutOfCore.Gram(RowBlocks.Csv<double>(path)));
        Assert.Contains("row", e.Message, StringComparison.Ordinal);
        Assert.Throws<NonFiniteException>(() => OutOfCore.Cov(RowBlocks.Csv<double>(path)));
        var x = RowBlocks.Csv<double>(path);
        Assert.Throws<NonFiniteException>(() => OutOfCore.Lstsq(x, RowBlocks.Csv<double>(Write("y.csv", "1\n2\n3\n"))));
    }

    [Fact]
    public void Csv_text_that_is_not_a_number_is_named_by_line_and_column()
    {
        var source = RowBlocks.Csv<double>(Write("x.csv", "1,2\n3,abc\n"));
        var e = Assert.Throws<TensorFormatException>(() => ReadAll(source, 5));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("abc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_only_csv_has_zero_rows_and_algorithms_refuse_it()
    {
        string path = Write("h.csv", "a,b\n");
        var source = RowBlocks.Csv<double>(path, hasHeader: true);
        Assert.Empty(ReadAll(source, 4));
        Assert.Equal(0, source.Rows);
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Gram(RowBlocks.Csv<double>(path, hasHeader: true)));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Cov(RowBlocks.Csv<double>(path, hasHeader: true)));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.MeanAndCovariance(RowBlocks.Csv<double>(path, hasHeader: true)));
    }

    [Fact]
    public void Zero_row_sources_are_refused_by_every_algorithm()
    {
        var empty = RowBlocks.FromTensor(NDArray.Zeros<double>(0, 3));
        Assert.Empty(ReadAll(empty, 2));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Gram(empty));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Cov(empty));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Lstsq(empty, RowBlocks.FromTensor(NDArray.Zeros<double>(0, 1))));
        var (r, rows) = OutOfCore.QrR(empty); // the low-level factor reports the count; callers refuse 0
        Assert.Equal(0, rows);
        Assert.All(r.ToArray(), v => Assert.Equal(0.0, v));
        string npy = Path.Combine(_dir, "z.npy");
        Npy.Save(npy, NDArray.Zeros<double>(0, 3));
        Assert.Empty(ReadAll(RowBlocks.Npy<double>(npy), 3));
        Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Gram(RowBlocks.Npy<double>(npy)));
        var result = OutOfCore.MatMul(empty, NDArray.Zeros<double>(3, 2), Path.Combine(_dir, "mm.npy"));
        Assert.Equal(new long[] { 0, 2 }, result.Shape.ToArray());
    }

    [Fact]
    public void Cov_with_too_few_rows_for_ddof_is_named()
    {
        var one = RowBlocks.FromTensor(NDArray.FromArray(new double[,] { { 1, 2 } }));
        var e = Assert.ThrowsAny<ArgumentException>(() => OutOfCore.Cov(one));
        Assert.Contains("ddof", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => OutOfCore.Cov(one, ddof: -1));
    }

    [Fact]
    public void MatMul_inner_dimension_mismatch_is_named()
    {
        var a = RowBlocks.FromTensor(NDArray.Zeros<double>(4, 3));
        Assert.Throws<ShapeMismatchException>(() => OutOfCore.MatMul(a, NDArray.Zeros<double>(2, 2), Path.Combine(_dir, "x.npy")));
        Assert.Throws<ShapeMismatchException>(() => OutOfCore.Lstsq(a, RowBlocks.FromTensor(NDArray.Zeros<double>(5, 1))));
    }

    [Fact]
    public void Sparse_file_source_of_a_truncated_file_is_a_format_error()
    {
        string path = Write("s.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1.0\n");
        Assert.ThrowsAny<FormatException>(() => RowBlocks.SparseFile<double>(path));
        string npz = WriteBytes("s.npz", [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        var e = Record.Exception(() => RowBlocks.SparseFile<double>(npz));
        Assert.True(e is FormatException or InvalidDataException, e?.GetType().Name + ": " + e?.Message);
    }

    [Fact]
    public void Sparse_file_with_zero_rows_reads_nothing()
    {
        string path = Write("z.mtx", "%%MatrixMarket matrix coordinate real general\n0 4 0\n");
        var source = RowBlocks.SparseFile<double>(path);
        Assert.Equal(0, source.Rows);
        Assert.Equal(4, source.Columns);
        Assert.Empty(ReadAll(source, 3));
    }
}

/// <summary>Headers that lie about enormous sizes, and results too large to hold.</summary>
public sealed class OversizeEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-edges-big-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string NpyWithShape(string name, string shape)
    {
        var ms = new MemoryStream();
        Npy.Save(ms, NDArray.FromArray(new double[] { 1, 2 }));
        string text = System.Text.Encoding.ASCII.GetString(ms.ToArray());
        int start = text.IndexOf("'shape': (", StringComparison.Ordinal) + 10;
        int stop = text.IndexOf(')', start);
        string header = text[..start] + shape + text[stop..text.IndexOf('\n', StringComparison.Ordinal)];
        // Re-pad the header to a multiple of 64 bytes, as the format requires.
        int total = header.Length + 1;
        int pad = (64 - total % 64) % 64;
        header = header.Insert(header.Length, new string(' ', pad)) + "\n";
        var bytes = System.Text.Encoding.ASCII.GetBytes(header).ToList();
        int headerLen = bytes.Count - 10;
        bytes[8] = (byte)(headerLen & 0xff);
        bytes[9] = (byte)(headerLen >> 8);
        bytes.AddRange(new byte[16]);
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    [Theory]
    [InlineData("4611686018427387904, 4")]     // 2^62 x 4: the byte count overflows 64 bits
    [InlineData("1000000000000, 1000000000000")]
    [InlineData("-1, 2")]
    [InlineData("3000000000, 3000000000")]
    public void Npy_header_with_absurd_shape_is_refused(string shape)
    {
        string path = NpyWithShape($"big{shape.GetHashCode(StringComparison.Ordinal)}.npy", shape);
        var e = Record.Exception(() => RowBlocks.Npy<double>(path));
        Assert.True(e is TensorFormatException or ShapeMismatchException, e?.GetType().Name + ": " + e?.Message);
        e = Record.Exception(() => Npy.Load<double>(path));
        Assert.True(e is TensorFormatException or ShapeMismatchException or TensorTooLargeException, e?.GetType().Name + ": " + e?.Message);
    }

    [Fact]
    public void Einsum_outer_product_too_large_to_hold_is_refused_before_allocating()
    {
        var v = NDArray.Zeros<double>(1L << 21);
        Assert.ThrowsAny<OutOfMemoryException>(() => NDArray.Einsum("i,j->ij", v, v));
        Assert.ThrowsAny<OutOfMemoryException>(() => NDArray.Kron(v, v));
    }

    [Fact]
    public void Csv_empty_field_is_named()
    {
        string path = Path.Combine(_dir, "e.csv");
        File.WriteAllText(path, "1,2\n3,\n");
        var e = Assert.Throws<TensorFormatException>(() => { foreach (var _ in RowBlocks.Csv<double>(path).Blocks(4)) { } });
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }
}
