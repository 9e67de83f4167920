using System.IO.Compression;
using Linea.IO;

namespace Linea.Tests.Sparse;

public sealed partial class SparseFileTests
{
    // ---- SciPy-written files ---------------------------------------------------------------------

    [Theory]
    [InlineData("csr_f8", SparseFormat.Csr)]
    [InlineData("csc_f8", SparseFormat.Csc)]
    [InlineData("coo_f8", SparseFormat.Csr)]
    [InlineData("csr_f4", SparseFormat.Csr)]
    [InlineData("csr_f8_stored", SparseFormat.Csr)]
    [InlineData("csr_i8_data", SparseFormat.Csr)]
    [InlineData("csr_bool", SparseFormat.Csr)]
    [InlineData("csr_i8_indices", SparseFormat.Csr)]
    [InlineData("csr_unsorted", SparseFormat.Csr)]
    public void Npz_files_written_by_scipy_load_with_scipys_values(string name, SparseFormat format)
    {
        var expected = Expected(name);
        var a = Linea.Sparse.LoadNpz<double>(Fixture(name + ".npz"));
        Assert.Equal(format, a.Format);
        AssertDenseEqual(expected, a.ToDense());
        using var stream = File.OpenRead(Fixture(name + ".npz"));
        AssertDenseEqual(expected, Linea.Sparse.LoadNpz<double>(stream).ToDense());
    }

    [Fact]
    public void Npz_keeps_scipys_arrays_and_converts_float32_exactly()
    {
        // The float32 file loads bit for bit as float, and widens exactly to double.
        var f = Linea.Sparse.LoadNpz<float>(Fixture("csr_f4.npz"));
        var expected = Expected("csr_f4");
        AssertDenseEqual(expected, Linea.Sparse.LoadNpz<double>(Fixture("csr_f4.npz")).ToDense());
        for (int i = 0; i < f.Rows; i++)
            for (int j = 0; j < f.Columns; j++) Assert.Equal((float)expected[i, j], f[i, j]);

        // Unsorted indices stay as stored (SciPy's order), flagged as such.
        var unsorted = Linea.Sparse.LoadNpz<double>(Fixture("csr_unsorted.npz"));
        Assert.False(unsorted.HasSortedIndices);
        Assert.Equal([2, 0, 1, 0], unsorted.Indices.ToArray());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], unsorted.Data.ToArray());

        // COO duplicates are summed into CSR: (2, 1) holds 2 + 0.5.
        var coo = Linea.Sparse.LoadNpz<double>(Fixture("coo_f8.npz"));
        Assert.Equal(4, coo.Nnz);
        Assert.Equal(2.5, coo[2, 1]);

        // Booleans read as ones.
        Assert.All(Linea.Sparse.LoadNpz<double>(Fixture("csr_bool.npz")).Data.ToArray(), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Npz_block_sparse_files_are_not_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => Linea.Sparse.LoadNpz<double>(Fixture("bsr_unsupported.npz")));
        Assert.Contains("'bsr'", e.Message, StringComparison.Ordinal);
    }

    // ---- Round trips -----------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(0, 5, 0, false)]
    [InlineData(4, 0, 0, true)]
    [InlineData(1, 1, 1, false)]
    [InlineData(23, 17, 80, true)]
    [InlineData(300, 200, 5000, false)]
    public void Npz_round_trip_is_exact_for_csr_and_csc_in_double_and_float(int m, int n, int count, bool compressed)
    {
        string path = Temp("a.npz");
        var a = RandomMatrix<double>(m, n, count, m + 7 * n, specials: true);
        foreach (var matrix in new[] { a, a.ToCsc(), a.T })
        {
            Linea.Sparse.SaveNpz(path, matrix, compressed);
            AssertIdentical(matrix, Linea.Sparse.LoadNpz<double>(path));
        }
        var f = RandomMatrix<float>(m, n, count, m + 11 * n, specials: true);
        var buffer = new MemoryStream();
        Linea.Sparse.SaveNpz(buffer, f, compressed);
        buffer.Position = 0;
        AssertIdentical(f, Linea.Sparse.LoadNpz<float>(buffer));
    }

    [Fact]
    public void Npz_round_trip_keeps_unsorted_indices_duplicates_and_nan()
    {
        var a = Linea.Sparse.Csr<double>(2, 3, new long[] { 0, 3, 5 }, [2, 0, 2, 1, 0], [1.0, double.NaN, 3.0, double.NegativeInfinity, -0.0]);
        string path = Temp("u.npz");
        Linea.Sparse.SaveNpz(path, a);
        var b = Linea.Sparse.LoadNpz<double>(path);
        AssertIdentical(a, b);
        Assert.False(b.HasSortedIndices);
    }

    [Fact]
    public void Npz_writes_the_members_scipy_writes_with_its_dtypes()
    {
        var a = Linea.Sparse.Coo<double>(3, 4, [0, 2], [1, 3], [1.5, -2.0]).ToCsc();
        var buffer = new MemoryStream();
        Linea.Sparse.SaveNpz(buffer, a);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        Assert.Equal(["indices.npy", "indptr.npy", "format.npy", "shape.npy", "data.npy"], zip.Entries.Select(e => e.FullName));
        string Descr(string member)
        {
            using var s = zip.GetEntry(member)!.Open();
            var h = NpyMember.ReadHeader(s, member, zip.GetEntry(member)!.Length);
            return $"{h.Descr} {Shape.Format(h.Shape)}";
        }
        Assert.Equal("<i4 (2,)", Descr("indices.npy"));
        Assert.Equal("<i4 (5,)", Descr("indptr.npy"));
        Assert.Equal("|S3 ()", Descr("format.npy"));
        Assert.Equal("<i8 (2,)", Descr("shape.npy"));
        Assert.Equal("<f8 (2,)", Descr("data.npy"));
        using var format = zip.GetEntry("format.npy")!.Open();
        Assert.Equal("csc", NpyMember.ReadString(format, NpyMember.ReadHeader(format, "format", 1000)));
    }

    // ---- Bad files -------------------------------------------------------------------------------

    /// <summary>An archive of .npy members built from (name, descr, shape, bytes) for the rejection tests.</summary>
    private static MemoryStream Archive(params (string Name, string Descr, long[] Shape, byte[] Bytes)[] members)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, descr, shape, bytes) in members)
            {
                using var s = zip.CreateEntry(name + ".npy").Open();
                NpyMember.Write<byte>(s, descr, shape, bytes);
            }
        buffer.Position = 0;
        return buffer;
    }

    private static byte[] Ints(params int[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Longs(params long[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static (string, string, long[], byte[]) FormatMember(string f) => ("format", "|S" + f.Length, [], System.Text.Encoding.ASCII.GetBytes(f));

    /// <summary>A valid 2 x 3 CSR archive with entries (0, 1) = 1 and (1, 2) = 2, with one member replaced.</summary>
    private static MemoryStream Csr(string? replace = null, (string, string, long[], byte[]) with = default)
    {
        (string, string, long[], byte[])[] members =
        [
            ("indices", "<i4", [2], Ints(1, 2)),
            ("indptr", "<i4", [3], Ints(0, 1, 2)),
            FormatMember("csr"),
            ("shape", "<i8", [2], Longs(2, 3)),
            ("data", "<f8", [2], Doubles(1, 2)),
        ];
        return Archive(members.Where(m => m.Item1 != replace).Concat(replace is null || with.Item1 is null ? [] : [with]).ToArray());
    }

    [Fact]
    public void Npz_hand_built_archive_loads_and_bad_members_are_named()
    {
        var ok = Linea.Sparse.LoadNpz<double>(Csr());
        Assert.Equal(1.0, ok[0, 1]);
        Assert.Equal(2.0, ok[1, 2]);

        void Bad(Stream archive, string fragment)
        {
            var e = Assert.Throws<TensorFormatException>(() => Linea.Sparse.LoadNpz<double>(archive));
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }
        Bad(new MemoryStream([1, 2, 3, 4, 5]), "not a zip archive");
        Bad(Csr("indptr"), "no 'indptr' array");
        Bad(Csr("indices", ("indices", "<i4", [2], Ints(1, 3))), "load_npz: (stream) member indices.npy: column index 3 at position 1 is out of range for 3 columns");
        Bad(Csr("indices", ("indices", "<i8", [2], Longs(1, 1L << 40))), "column index 1099511627776 at position 1");
        Bad(Csr("indices", ("indices", "<f8", [2], Doubles(1, 2))), "expected an integer array, found dtype '<f8'");
        Bad(Csr("indptr", ("indptr", "<i4", [3], Ints(0, 3, 2))), "load_npz: (stream): indptr decreases at row 1: 3 then 2");
        Bad(Csr("indptr", ("indptr", "<i4", [2], Ints(0, 2))), "indptr must have 3 entries");
        Bad(Csr("data", ("data", "<f8", [3], Doubles(1, 2, 3))), "indices and data must have one length");
        Bad(Csr("data", ("data", "<f8", [3], Doubles(1, 2))), "truncated");
        Bad(Csr("data", ("data", "|S3", [], "abc"u8.ToArray())), "expected a numeric array");
        Bad(Csr("shape", ("shape", "<i8", [3], Longs(2, 3, 4))), "'shape' must hold two lengths");
        Bad(Csr("shape", ("shape", "<i8", [2], Longs(2, -3))), "shape (2, -3) is negative");
        Bad(Csr("format", FormatMember("xyz")), "unknown format 'xyz'");
        Bad(Csr("format", ("format", "<f8", [], Doubles(1))), "expected a string");
        Bad(Archive(FormatMember("coo"), ("shape", "<i8", [2], Longs(2, 2)), ("data", "<f8", [1], Doubles(1)),
            ("row", "<i4", [1], Ints(2)), ("col", "<i4", [1], Ints(0))), "row index 2 at position 0 is out of range for 2 rows");
        Bad(Archive(FormatMember("coo"), ("shape", "<i8", [2], Longs(2, 2)), ("data", "<f8", [1], Doubles(1)),
            ("coords", "<i8", [3, 1], Longs(0, 0, 0))), "'coords' must have shape (2, nnz)");
    }

    [Fact]
    public void Npz_coo_from_a_coords_array_sums_duplicates()
    {
        // Newer SciPy may store COO indices as one (2, nnz) 'coords' array instead of 'row' and 'col'.
        var a = Linea.Sparse.LoadNpz<double>(Archive(FormatMember("coo"), ("shape", "<i8", [2], Longs(2, 3)),
            ("data", "<f4", [3], [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(2f), .. BitConverter.GetBytes(-4f)]),
            ("coords", "<i8", [2, 3], Longs(1, 0, 1, /* columns */ 2, 0, 2))));
        AssertDenseEqual(NDArray.FromArray(new double[,] { { 2, 0, 0 }, { 0, 0, -2.5 } }), a.ToDense());
    }
}
