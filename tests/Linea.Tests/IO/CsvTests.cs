namespace Linea.Tests.IO;

/// <summary>CSV reading (quoting, special values, line endings), exact round trips and every error path.</summary>
public class CsvTests
{
    private static NDArray<double> Parse(string text, bool hasHeader = false, char delimiter = ',') =>
        Csv.Read<double>(new StringReader(text), hasHeader, delimiter);

    private static string Write<T>(NDArray<T> t, string[]? header = null, char delimiter = ',') where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var w = new StringWriter { NewLine = "\n" };
        Csv.Write(w, t, header, delimiter);
        return w.ToString();
    }

    private static TensorFormatException Reject(string text, bool hasHeader = false) =>
        Assert.Throws<TensorFormatException>(() => Parse(text, hasHeader));

    // ---- reading -----------------------------------------------------------------------------

    [Fact]
    public void ReadsAMatrix()
    {
        var t = Parse("1,2,3\n4,5.5,-6e-3\n");
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.True(t.IsContiguous);
        Assert.Equal([1, 2, 3, 4, 5.5, -6e-3], t.ToArray());
    }

    [Fact]
    public void ReadsSpecialValuesInAnyCase()
    {
        var t = Parse("nan,NaN,NAN,-nan\ninf,-inf,+Inf,INF\ninfinity,-Infinity,1,2");
        double[] v = t.ToArray();
        Assert.All(v[..4], x => Assert.True(double.IsNaN(x)));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.PositiveInfinity,
                      double.PositiveInfinity, double.NegativeInfinity, 1, 2], v[4..]);
    }

    [Fact]
    public void ReadsQuotedFieldsAndIgnoresSurroundingWhitespace()
    {
        var t = Parse("\"1.5\", \"2\" ,  3  \n  \"-4\",5,\t6\t\n");
        Assert.Equal([1.5, 2, 3, -4, 5, 6], t.ToArray());
    }

    [Fact]
    public void AcceptsCrlfBlankLinesAndAByteOrderMark()
    {
        var t = Parse("\uFEFF1,2\r\n\r\n3,4\r\n\r\n   \r\n\n");
        Assert.Equal(new Shape(2, 2), t.Shape);
        Assert.Equal([1.0, 2, 3, 4], t.ToArray());
        Assert.Equal([7.0, 8], Parse("7;8\r", delimiter: ';').ToArray());
    }

    [Fact]
    public void ReadsOtherDelimiters()
    {
        Assert.Equal([1.5, 2, 3, 4], Parse("1.5;2\n3;4", delimiter: ';').ToArray());
        Assert.Equal([1.5, 2, 3, 4], Parse("1.5\t2\n 3 \t 4 ", delimiter: '\t').ToArray());
    }

    [Fact]
    public void ReadsASingleColumnAsAVectorUnlessNdminIsTwo()
    {
        // NumPy's loadtxt: one column gives a 1-d array; ndmin=2 keeps (rows, 1).
        Assert.Equal(new Shape(3), Parse("1\n2\n3\n").Shape);
        Assert.Equal([1.0, 2, 3], Parse("1\n2\n3\n").ToArray());
        Assert.Equal(new Shape(3, 1), Csv.Read<double>(new StringReader("1\n2\n3\n"), ndmin: 2).Shape);
        Assert.Equal(new Shape(1), Parse("7").Shape);
        Assert.Equal(new Shape(1, 1), Csv.Read<double>(new StringReader("7"), ndmin: 2).Shape);
        var (data, header) = Csv.ReadWithHeader<double>(new StringReader("y\n1\n2\n"));
        Assert.Equal(new Shape(2), data.Shape);
        Assert.Equal(["y"], header);
        Assert.Equal(new Shape(2, 1), Csv.ReadWithHeader<double>(new StringReader("y\n1\n2\n"), ndmin: 2).Data.Shape);
        Assert.Equal(new Shape(0), Csv.ReadWithHeader<double>(new StringReader("y\n")).Data.Shape);
        // A single row stays a (1, columns) matrix: that is how Write writes one.
        Assert.Equal(new Shape(1, 3), Parse("1,2,3").Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => Csv.Read<double>(new StringReader("1"), ndmin: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Csv.Read<double>("no-such-file.csv", ndmin: 3));
    }

    [Fact]
    public void ReadsFloatWithoutDoubleRounding()
    {
        // Parsed straight to float: the nearest float to the decimal, not the float nearest to the nearest double.
        var t = Csv.Read<float>(new StringReader("0.1,16777217,3.4028235e38"));
        Assert.Equal([0.1f, 16777216f, float.MaxValue], t.ToArray());
    }

    [Fact]
    public void ReadsTheHeader()
    {
        var (data, header) = Csv.ReadWithHeader<double>(new StringReader("x, \"y, in m\" ,\"say \"\"hi\"\"\"\n1,2,3\n4,5,6\n"));
        Assert.Equal(["x", "y, in m", "say \"hi\""], header);
        Assert.Equal(new Shape(2, 3), data.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], Parse("a,b,c\n1,2,3\n4,5,6", hasHeader: true).ToArray());
    }

    [Fact]
    public void AHeaderWithoutRowsGivesZeroRows()
    {
        var (data, header) = Csv.ReadWithHeader<double>(new StringReader("a;b\n\n"), ';');
        Assert.Equal(new Shape(0, 2), data.Shape);
        Assert.Equal(["a", "b"], header);
    }

    // ---- writing and round trips ----------------------------------------------------------------

    [Fact]
    public void WritesShortestRoundTripText()
    {
        var t = NDArray.FromArray(new double[,] { { 1, 0.5, 0.1 }, { -2, double.NaN, double.NegativeInfinity }, { 1e300, -0.0, double.PositiveInfinity } });
        Assert.Equal("1,0.5,0.1\n-2,nan,-inf\n1E+300,-0,inf\n", Write(t));
        Assert.Equal("0.1\n", Write(NDArray.FromArray([0.1f])));
    }

    [Fact]
    public void RoundTripsDoublesBitExactly()
    {
        double[] special = [double.NaN, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1.0 / 3, 0.1, 2.0 / 3 * 1e-310,
                            double.PositiveInfinity, double.NegativeInfinity, 123456789012345678, Math.PI];
        var t = NDArray.FromArray(special.Concat(NDArray.Normal([36], 0.0, 1e5, seed: 3).ToArray()).ToArray(), 6, 8);
        var back = Parse(Write(t));
        Assert.Equal(t.Shape, back.Shape);
        Assert.Equal(t.ToArray().Select(BitConverter.DoubleToInt64Bits), back.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void RoundTripsFloatsBitExactly()
    {
        var t = NDArray.Normal([10, 3], 0f, 1e3f, seed: 4);
        t[0, 0] = float.Epsilon;
        t[0, 1] = float.MaxValue;
        t[0, 2] = -0.0f;
        var back = Csv.Read<float>(new StringReader(Write(t)));
        Assert.Equal(t.ToArray().Select(BitConverter.SingleToInt32Bits), back.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void WritesAVectorAsOneColumn()
    {
        Assert.Equal("1\n2\n3\n", Write(NDArray.FromArray([1.0, 2, 3])));
        Assert.Equal("v\n1\n", Write(NDArray.FromArray([1.0]), ["v"]));
    }

    [Fact]
    public void RoundTripsAVectorAsAVector()
    {
        // #16 item 13: a 1-d tensor written and read back keeps its shape (3,), in memory and through a file, float too.
        var v = NDArray.FromArray([1.5, -2, 1e-300]);
        var back = Parse(Write(v));
        Assert.Equal(new Shape(3), back.Shape);
        Assert.Equal(v.ToArray(), back.ToArray());
        var f = NDArray.FromArray([0.1f, 2f]);
        Assert.Equal(new Shape(2), Csv.Read<float>(new StringReader(Write(f))).Shape);
        string path = Path.Combine(Path.GetTempPath(), $"linea-csv-{Guid.NewGuid():N}.csv");
        try
        {
            Csv.Write(path, v, ["v"]);
            Assert.Equal(new Shape(3), Csv.Read<double>(path, hasHeader: true).Shape);
            var (data, header) = Csv.ReadWithHeader<double>(path);
            Assert.Equal(new Shape(3), data.Shape);
            Assert.Equal(["v"], header);
            Assert.Equal(new Shape(3, 1), Csv.ReadWithHeader<double>(path, ndmin: 2).Data.Shape);
            // A column matrix (n, 1) is written the same way; ndmin: 2 reads it back as a matrix.
            var column = v.Reshape(3, 1);
            Csv.Write(path, column);
            Assert.Equal(new Shape(3, 1), Csv.Read<double>(path, ndmin: 2).Shape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WritesStridedAndTransposedViews()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal("1,4\n2,5\n3,6\n", Write(a.T));
        Assert.Equal("6,4\n3,1\n", Write(a["::-1, ::-2"]));
    }

    [Fact]
    public void RoundTripsTheHeaderQuotingWhereNeeded()
    {
        string[] names = ["plain", "with,comma", "with \"quote\"", " padded ", ""];
        var t = NDArray.FromArray(new double[,] { { 1, 2, 3, 4, 5 } });
        string text = Write(t, names);
        Assert.Equal("plain,\"with,comma\",\"with \"\"quote\"\"\",\" padded \",\"\"\n1,2,3,4,5\n", text);
        var (data, header) = Csv.ReadWithHeader<double>(new StringReader(text));
        Assert.Equal(names, header);
        Assert.Equal(t.ToArray(), data.ToArray());
        Assert.Equal("a;b,c\n1;2\n", Write(NDArray.FromArray(new double[,] { { 1, 2 } }), ["a", "b,c"], ';'));
    }

    [Fact]
    public void WritesAndReadsAFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"linea-csv-{Guid.NewGuid():N}.csv");
        try
        {
            var t = NDArray.FromArray(new double[,] { { 1.25, -3 }, { 1e-20, 7 } });
            Csv.Write(path, t, ["a", "b"]);
            Assert.Equal("a,b\n1.25,-3\n1E-20,7\n", File.ReadAllText(path));
            Assert.Equal(t.ToArray(), Csv.Read<double>(path, hasHeader: true).ToArray());
            var (data, header) = Csv.ReadWithHeader<double>(path);
            Assert.Equal(["a", "b"], header);
            Assert.Equal(t.ToArray(), data.ToArray());

            File.WriteAllText(path, "1,2\n3,x\n");
            var e = Assert.Throws<TensorFormatException>(() => Csv.Read<double>(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // ---- errors ---------------------------------------------------------------------------------

    [Fact]
    public void RejectsRaggedRowsNamingLineAndCounts()
    {
        var e = Reject("1,2,3\n4,5,6\n\n7,8\n");
        Assert.Contains("line 4 has 2 fields but line 1 has 3", e.Message);
        var h = Reject("a,b\n1,2,3\n", hasHeader: true);
        Assert.Contains("line 2 has 3 fields but the header (line 1) has 2", h.Message);
    }

    [Fact]
    public void RejectsNonNumericFieldsNamingLineColumnAndText()
    {
        var e = Reject("1,2\n3,abc\n");
        Assert.Contains("line 2, column 2", e.Message);
        Assert.Contains("'abc'", e.Message);
        Assert.Contains("line 1, column 1: cannot read 'x'", Reject("x,y\n1,2\n").Message); // a header not declared
        Assert.Contains("'1,5'", Assert.Throws<TensorFormatException>(() => Parse("\"1,5\";2", delimiter: ';')).Message);
        Assert.Contains("line 1, column 2: an empty field", Reject("1,,3").Message);
        Assert.Contains("line 1, column 3: an empty field", Reject("1,2,").Message);
    }

    [Fact]
    public void RejectsEmptyInput()
    {
        Assert.Contains("empty", Reject("").Message);
        Assert.Contains("empty", Reject("\n  \r\n\n").Message);
        Assert.Contains("empty", Reject("", hasHeader: true).Message);
    }

    [Fact]
    public void RejectsBrokenQuotes()
    {
        Assert.Contains("line 2, column 2: the quote opened at character 3 is never closed", Reject("1,2\n3,\"4\n").Message);
        Assert.Contains("line 1, column 1: unexpected text after the closing quote", Reject("\"1\"2,3").Message);
    }

    [Fact]
    public void RejectsMisuseOnWrite()
    {
        var e = Assert.Throws<ArgumentException>(() => Write(NDArray.Zeros<double>(2, 2, 2)));
        Assert.Contains("(2, 2, 2)", e.Message);
        Assert.Throws<ArgumentException>(() => Write(NDArray.Scalar(1.0)));
        Assert.Contains("1 header names for 2 columns", Assert.Throws<ArgumentException>(() => Write(NDArray.Zeros<double>(1, 2), ["a"])).Message);
        Assert.Contains("line break", Assert.Throws<ArgumentException>(() => Write(NDArray.Zeros<double>(1, 1), ["a\nb"])).Message);
        Assert.Throws<ArgumentException>(() => Write(NDArray.Zeros<double>(1, 1), delimiter: '"'));
        Assert.Throws<ArgumentException>(() => Parse("1", delimiter: '\n'));
    }

    [Fact]
    public void MisuseLeavesNoFileBehind()
    {
        string path = Path.Combine(Path.GetTempPath(), $"linea-csv-{Guid.NewGuid():N}.csv");
        Assert.Throws<ArgumentException>(() => Csv.Write(path, NDArray.Zeros<double>(2, 2, 2)));
        Assert.False(File.Exists(path));
    }
}
