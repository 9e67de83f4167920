using System.Diagnostics;

namespace Linea.Tests.Sparse;

public sealed partial class SparseFileTests
{
    // ---- SciPy-written files ---------------------------------------------------------------------

    [Theory]
    [InlineData("general_real")]
    [InlineData("symmetric_real")]
    [InlineData("skew_integer")]
    [InlineData("pattern_general")]
    [InlineData("integer_general")]
    [InlineData("array_real")]
    [InlineData("array_symmetric")]
    [InlineData("handwritten")]
    public void MatrixMarket_files_written_by_scipy_read_as_scipy_reads_them(string name)
    {
        var expected = Expected(name);
        string path = Fixture(name + ".mtx");
        var csr = Linea.Sparse.MmRead<double>(path);
        Assert.Equal(SparseFormat.Csr, csr.Format);
        Assert.True(csr.HasCanonicalFormat);
        AssertDenseEqual(expected, csr.ToDense());
        var csc = Linea.Sparse.MmRead<double>(path, SparseFormat.Csc);
        Assert.Equal(SparseFormat.Csc, csc.Format);
        AssertDenseEqual(expected, csc.ToDense());
        AssertDenseEqual(expected, MatrixMarket.ReadDense<double>(path));

        // float: each value parsed straight to float, so within half an ulp of float of the double value.
        var single = Linea.Sparse.MmRead<float>(path).ToDense();
        for (int i = 0; i < expected.Shape[0]; i++)
            for (int j = 0; j < expected.Shape[1]; j++)
            {
                double e = expected[i, j];
                float a = single[i, j];
                if (double.IsNaN(e)) Assert.True(float.IsNaN(a));
                else if (double.IsInfinity(e)) Assert.Equal((float)e, a);
                else Assert.True(Math.Abs(a - e) <= 0.5 * float.Epsilon + Math.Abs(e) * Math.Pow(2, -24), $"({i}, {j}): {a} vs {e}");
            }
    }

    [Fact]
    public void MatrixMarket_symmetric_storage_is_mirrored_and_skew_storage_negated()
    {
        var sym = Linea.Sparse.MmRead<double>(Fixture("symmetric_real.mtx")).ToDense();
        var skew = Linea.Sparse.MmRead<double>(Fixture("skew_integer.mtx")).ToDense();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) Assert.Equal(sym[i, j], sym[j, i]);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0.0, skew[i, i]);
            for (int j = 0; j < 5; j++) Assert.Equal(skew[i, j], -skew[j, i]);
        }
        // Pattern entries read as one.
        var pattern = Linea.Sparse.MmRead<double>(Fixture("pattern_general.mtx"));
        Assert.Equal(12, pattern.Nnz);
        Assert.All(pattern.Data.ToArray(), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void MatrixMarket_info_reports_the_header()
    {
        Assert.Equal(new MatrixMarketInfo(7, 5, 14, MatrixMarketFormat.Coordinate, MatrixMarketField.Real, MatrixMarketSymmetry.General),
            Linea.Sparse.MmInfo(Fixture("general_real.mtx")));
        Assert.Equal(new MatrixMarketInfo(5, 5, 10, MatrixMarketFormat.Coordinate, MatrixMarketField.Integer, MatrixMarketSymmetry.SkewSymmetric),
            Linea.Sparse.MmInfo(Fixture("skew_integer.mtx")));
        Assert.Equal(new MatrixMarketInfo(8, 6, 12, MatrixMarketFormat.Coordinate, MatrixMarketField.Pattern, MatrixMarketSymmetry.General),
            Linea.Sparse.MmInfo(Fixture("pattern_general.mtx")));
        // An array file stores n(n+1)/2 elements when symmetric.
        Assert.Equal(new MatrixMarketInfo(4, 4, 10, MatrixMarketFormat.Array, MatrixMarketField.Real, MatrixMarketSymmetry.Symmetric),
            MatrixMarket.Info(Fixture("array_symmetric.mtx")));
    }

    // ---- Round trips -----------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 4, 0)]
    [InlineData(3, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(17, 9, 40)]
    [InlineData(60, 80, 900)]
    public void MatrixMarket_round_trip_is_exact_in_double_and_float(int m, int n, int count)
    {
        var a = RandomMatrix<double>(m, n, count, m * 31 + n, specials: true);
        string path = Temp("a.mtx");
        Linea.Sparse.MmWrite(path, a, comment: "round trip\nof a random matrix");
        AssertIdentical(a, Linea.Sparse.MmRead<double>(path));
        Assert.Equal(new MatrixMarketInfo(m, n, a.Nnz, MatrixMarketFormat.Coordinate, MatrixMarketField.Real, MatrixMarketSymmetry.General),
            Linea.Sparse.MmInfo(path));

        var f = RandomMatrix<float>(m, n, count, m * 37 + n, specials: true);
        Linea.Sparse.MmWrite(path, f);
        AssertIdentical(f, Linea.Sparse.MmRead<float>(path));

        // CSC input is written in column order and reads back as the same matrix, in either format.
        var csc = a.ToCsc();
        Linea.Sparse.MmWrite(path, csc);
        AssertIdentical(csc, Linea.Sparse.MmRead<double>(path, SparseFormat.Csc));
    }

    [Fact]
    public void MatrixMarket_round_trips_nan_infinities_and_extremes_through_text_streams()
    {
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, -double.MinValue, 0.1, 1.0 / 3];
        var a = Linea.Sparse.Coo<double>(3, 3, [0, 0, 1, 1, 2, 2, 0, 2], [0, 1, 1, 2, 2, 0, 2, 1], values);
        var text = new StringWriter();
        Linea.Sparse.MmWrite(text, a);
        string written = text.ToString();
        Assert.Contains(" nan\n", written, StringComparison.Ordinal);
        Assert.Contains(" -inf\n", written, StringComparison.Ordinal);
        AssertIdentical(a, Linea.Sparse.MmRead<double>(new StringReader(written)));
    }

    [Fact]
    public void MatrixMarket_symmetric_and_skew_output_store_the_lower_triangle_and_read_back_exactly()
    {
        var b = RandomMatrix<double>(30, 30, 200, 5);
        var bt = b.T.ToCsr();
        // A = B + B^T is exactly symmetric (addition commutes); K = B - B^T is exactly skew.
        var sym = Linea.Sparse.FromDense(b.ToDense() + bt.ToDense());
        var skew = Linea.Sparse.FromDense(b.ToDense() - bt.ToDense());
        foreach (var (matrix, symmetry) in new[] { (sym, MatrixMarketSymmetry.Symmetric), (skew, MatrixMarketSymmetry.SkewSymmetric) })
        {
            string path = Temp("s.mtx");
            Linea.Sparse.MmWrite(path, matrix, symmetry: symmetry);
            var info = Linea.Sparse.MmInfo(path);
            Assert.Equal(symmetry, info.Symmetry);
            long lower = 0;
            for (int i = 0; i < matrix.Rows; i++)
                foreach (int j in matrix.IndicesOf(i)) if (j < i || (j == i && symmetry == MatrixMarketSymmetry.Symmetric)) lower++;
            Assert.Equal(lower, info.Entries);
            AssertIdentical(matrix, Linea.Sparse.MmRead<double>(path));
        }
    }

    [Fact]
    public void MatrixMarket_pattern_and_integer_fields_round_trip()
    {
        var a = RandomMatrix<double>(12, 7, 30, 9);
        string path = Temp("p.mtx");
        Linea.Sparse.MmWrite(path, a, field: MatrixMarketField.Pattern);
        var p = Linea.Sparse.MmRead<double>(path);
        Assert.Equal(a.IndPtr.ToArray(), p.IndPtr.ToArray());
        Assert.Equal(a.Indices.ToArray(), p.Indices.ToArray());
        Assert.All(p.Data.ToArray(), v => Assert.Equal(1.0, v));

        // A symmetric pattern needs symmetric positions only, not values.
        var positions = Linea.Sparse.Coo<double>(3, 3, [0, 1, 2, 2], [1, 0, 2, 0], [5.0, -1.0, 2.0, 0.0]);
        var refused = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(path, positions, field: MatrixMarketField.Pattern, symmetry: MatrixMarketSymmetry.Symmetric));
        Assert.Contains("A[0, 2] = 0 but A[2, 0] = 1", refused.Message, StringComparison.Ordinal);
        positions = Linea.Sparse.Coo<double>(3, 3, [0, 1, 2], [1, 0, 2], [5.0, -1.0, 2.0]);
        Linea.Sparse.MmWrite(path, positions, field: MatrixMarketField.Pattern, symmetry: MatrixMarketSymmetry.Symmetric);
        Assert.Equal(2, Linea.Sparse.MmInfo(path).Entries);
        AssertDenseEqual(NDArray.FromArray(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } }), Linea.Sparse.MmRead<double>(path).ToDense());
        refused = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(path, positions, field: MatrixMarketField.Pattern, symmetry: MatrixMarketSymmetry.SkewSymmetric));
        Assert.Contains("cannot be skew-symmetric", refused.Message, StringComparison.Ordinal);

        var ints = Linea.Sparse.Coo<double>(3, 4, [0, 1, 2, 2], [0, 3, 1, 2], [-7, 9007199254740992, 0, 123456789]);
        Linea.Sparse.MmWrite(path, ints, field: MatrixMarketField.Integer);
        Assert.Contains("2 4 9007199254740992\n", File.ReadAllText(path), StringComparison.Ordinal);
        AssertIdentical(ints, Linea.Sparse.MmRead<double>(path));
    }

    [Theory]
    [InlineData(MatrixMarketSymmetry.General)]
    [InlineData(MatrixMarketSymmetry.Symmetric)]
    [InlineData(MatrixMarketSymmetry.SkewSymmetric)]
    public void MatrixMarket_array_format_round_trips_dense_tensors_and_strided_views(MatrixMarketSymmetry symmetry)
    {
        var rng = new System.Random(3);
        var b = NDArray.FromArray(Enumerable.Range(0, 25).Select(_ => rng.NextDouble() * 1e3 - 500).ToArray(), 5, 5);
        var a = symmetry switch
        {
            MatrixMarketSymmetry.General => b.T,             // a strided view
            MatrixMarketSymmetry.Symmetric => b + b.T,
            _ => b - b.T,
        };
        string path = Temp("d.mtx.gz");                        // through gzip
        MatrixMarket.WriteDense(path, a, comment: "dense", symmetry: symmetry);
        var info = MatrixMarket.Info(path);
        Assert.Equal(MatrixMarketFormat.Array, info.Format);
        Assert.Equal(symmetry switch { MatrixMarketSymmetry.General => 25, MatrixMarketSymmetry.Symmetric => 15, _ => 10 }, info.Entries);
        AssertDenseEqual(a.Contiguous(), MatrixMarket.ReadDense<double>(path));
        // As a sparse matrix, the nonzeros of the same dense matrix.
        AssertDenseEqual(a.Contiguous(), Linea.Sparse.MmRead<double>(path).ToDense());

        var wide = NDArray.FromArray(new float[] { 1.5f, -2, 0, 3e-8f, float.MaxValue, 7 }, 2, 3);
        var text = new StringWriter();
        MatrixMarket.WriteDense(text, wide);
        AssertDenseEqual(wide, MatrixMarket.ReadDense<float>(new StringReader(text.ToString())));
    }

    [Fact]
    public void MatrixMarket_writing_refuses_a_missing_symmetry_naming_the_pair()
    {
        var a = Linea.Sparse.Coo<double>(3, 3, [0, 1, 2], [1, 0, 0], [2.0, 2.0, 5.0]);
        var e = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(new StringWriter(), a, symmetry: MatrixMarketSymmetry.Symmetric));
        Assert.Contains("not symmetric: A[0, 2] = 0 but A[2, 0] = 5", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("mmwrite:", e.Message, StringComparison.Ordinal);

        var skewDiag = Linea.Sparse.Coo<double>(2, 2, [0, 1, 1], [1, 0, 1], [1.0, -1.0, 3.0]);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(new StringWriter(), skewDiag, symmetry: MatrixMarketSymmetry.SkewSymmetric));
        Assert.Contains("zero diagonal, but A[1, 1] = 3", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(new StringWriter(), Linea.Sparse.Eye<double>(2, 3), symmetry: MatrixMarketSymmetry.Symmetric));
        Assert.Contains("must be square, got shape (2, 3)", e.Message, StringComparison.Ordinal);

        var half = Linea.Sparse.Coo<double>(2, 2, [1], [0], [0.5]);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(new StringWriter(), half, field: MatrixMarketField.Integer));
        Assert.Contains("A[1, 0] = 0.5", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => MatrixMarket.WriteDense(new StringWriter(), NDArray.Zeros<double>(2, 2), field: MatrixMarketField.Pattern));
        Assert.Contains("pattern", e.Message, StringComparison.Ordinal);

        // A refused file is not left behind half-written.
        string path = Temp("refused.mtx");
        Assert.Throws<ArgumentException>(() => Linea.Sparse.MmWrite(path, a, symmetry: MatrixMarketSymmetry.Symmetric));
        Assert.False(File.Exists(path));
    }

    // ---- Bad files -------------------------------------------------------------------------------

    private const string Coord = "%%MatrixMarket matrix coordinate real general\n";

    [Theory]
    [InlineData("", 1, "the input is empty")]
    [InlineData("%MatrixMarket matrix coordinate real general\n1 1 0\n", 1, "this is not a Matrix Market file")]
    [InlineData("%%MatrixMarket matrix coordinate real\n1 1 0\n", 1, "needs four words")]
    [InlineData("%%MatrixMarket matrix coordinate real general extra\n", 1, "more than the four words")]
    [InlineData("%%MatrixMarket matrix sparse real general\n", 1, "unknown format 'sparse'")]
    [InlineData("%%MatrixMarket matrix coordinate quaternion general\n", 1, "unknown field 'quaternion'")]
    [InlineData("%%MatrixMarket matrix coordinate real diagonal\n", 1, "unknown symmetry 'diagonal'")]
    [InlineData("%%MatrixMarket matrix array pattern general\n", 1, "only defined for the 'coordinate' format")]
    [InlineData(Coord + "% no size line\n", 3, "the file ends before the size line")]
    [InlineData(Coord + "%c\n3 3\n", 3, "has 3 numbers")]
    [InlineData(Coord + "3 3 1 4\n", 2, "found more")]
    [InlineData(Coord + "3 -3 1\n", 2, "non-negative integers")]
    [InlineData(Coord + "3 3000000000 1\n", 2, "more than 2147483647 rows or columns")]
    [InlineData("%%MatrixMarket matrix coordinate real symmetric\n3 4 1\n1 1 1\n", 2, "must be square")]
    [InlineData(Coord + "3 3 1\n4 1 1.0\n", 3, "row index 4 is out of range 1..3")]
    [InlineData(Coord + "3 3 1\n1 0 1.0\n", 3, "column index 0 is out of range 1..3")]
    [InlineData(Coord + "3 3 1\n1 99999999999 1.0\n", 3, "column index 99999999999 is out of range")]
    [InlineData(Coord + "3 3 1\n1 x 1.0\n", 3, "cannot read 'x' as a column index")]
    [InlineData(Coord + "3 3 1\n1 1 1.2.3\n", 3, "cannot read '1.2.3' as a number")]
    [InlineData(Coord + "3 3 1\n1 1\n", 3, "has no value")]
    [InlineData(Coord + "3 3 1\n1\n", 3, "missing the column index")]
    [InlineData(Coord + "3 3 1\n1 1 2.0 3.0\n", 3, "unexpected '3.0' after the value")]
    [InlineData(Coord + "3 3 2\n1 1 2.0\n% trailing comment\n", 4, "the file ends after 1 entries, but the size line (line 2) declares 2")]
    [InlineData(Coord + "3 3 1\n1 1 2.0\n\n2 2 1.0\n", 5, "more entries than the 1 declared")]
    [InlineData("%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 2 1.0\n", 3, "zero diagonal")]
    [InlineData("%%MatrixMarket matrix coordinate pattern general\n3 3 1\n2 2 1.0\n", 3, "without a value")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 3 1\n2 2 1.5\n", 3, "as an integer")]
    [InlineData("%%MatrixMarket matrix array real general\n2 2\n1\n2 3\n", 4, "ends after 3 values")]
    [InlineData("%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n4\n", 6, "more values than the 3")]
    public void MatrixMarket_bad_files_name_the_line_and_the_problem(string text, int line, string fragment)
    {
        var e = Assert.Throws<TensorFormatException>(() => Linea.Sparse.MmRead<double>(new StringReader(text)));
        Assert.Contains($"line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("mmread: (reader): ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 2\n", "'complex'")]
    [InlineData("%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n", "'hermitian'")]
    [InlineData("%%MatrixMarket vector coordinate real general\n1 1\n1 1\n", "'vector'")]
    public void MatrixMarket_complex_hermitian_and_vector_files_are_not_supported(string text, string fragment)
    {
        var e = Assert.Throws<NotSupportedException>(() => Linea.Sparse.MmRead<double>(new StringReader(text)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatrixMarket_file_errors_name_the_file()
    {
        string path = Temp("bad.mtx");
        File.WriteAllText(path, Coord + "2 2 1\n3 1 1\n");
        var e = Assert.Throws<TensorFormatException>(() => Linea.Sparse.MmRead<double>(path));
        Assert.Contains($"'{path}': line 3: row index 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => Linea.Sparse.MmRead<double>(Temp("missing.mtx")));
    }

    // ---- Size ------------------------------------------------------------------------------------

    [Fact]
    public void MatrixMarket_reads_a_file_of_200k_entries_exactly()
    {
        var a = RandomMatrix<double>(20_000, 15_000, 200_000, 42);
        string path = Temp("large.mtx");
        Linea.Sparse.MmWrite(path, a);
        var watch = Stopwatch.StartNew();
        var b = Linea.Sparse.MmRead<double>(path);
        watch.Stop();
        AssertIdentical(a, b);
        // Generous: about 0.05 s on one core; the bound only catches a per-line allocation or quadratic growth gone wrong.
        Assert.True(watch.Elapsed.TotalSeconds < 5, $"reading 200k entries took {watch.Elapsed.TotalSeconds:F2} s");
    }
}
