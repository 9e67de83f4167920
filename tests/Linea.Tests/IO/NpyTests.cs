using System.Buffers.Binary;
using System.Text;
using Linea.IO;

namespace Linea.Tests.IO;

/// <summary>
/// .npy reading against files written by NumPy 1.24 (Data/npy, see make_fixtures.py there), writing
/// byte-for-byte as np.save does, round trips, and every rejection path.
/// </summary>
public class NpyTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "npy", name);

    /// <summary>np.arange(12).reshape(3, 4) * 0.5, the base array of most fixtures.</summary>
    private static readonly double[] Base = Enumerable.Range(0, 12).Select(i => i * 0.5).ToArray();

    private static void AssertTensor<T>(NDArray<T> t, int[] shape, T[] expected) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(new Shape(shape), t.Shape);
        Assert.True(t.IsContiguous);
        Assert.Equal(expected, t.ToArray());
    }

    // ---- NumPy fixtures ------------------------------------------------------------------

    [Fact]
    public void LoadsFloat64COrder() => AssertTensor(Npy.Load<double>(Fixture("f8_c_3x4.npy")), [3, 4], Base);

    [Fact]
    public void LoadsFloat64FortranOrderAsCContiguous()
    {
        var t = Npy.Load<double>(Fixture("f8_fortran_3x4.npy"));
        AssertTensor(t, [3, 4], Base);
        Assert.Equal(1.5, t[0, 3]);
        Assert.Equal(2.0, t[1, 0]);
    }

    [Fact]
    public void LoadsThreeDimensionalFortranOrder() =>
        AssertTensor(Npy.Load<double>(Fixture("f8_fortran_2x3x4.npy")), [2, 3, 4], Enumerable.Range(0, 24).Select(i => (double)i).ToArray());

    [Fact]
    public void LoadsFloat32AsFloatAndDoubleExactly()
    {
        float[] expected = [1.5f, -2.25f, 3.0e-3f, 1e30f, float.PositiveInfinity];
        AssertTensor(Npy.Load<float>(Fixture("f4_1d.npy")), [5], expected);
        AssertTensor(Npy.Load<double>(Fixture("f4_1d.npy")), [5], expected.Select(v => (double)v).ToArray());
    }

    [Fact]
    public void LoadsInt32Exactly() =>
        AssertTensor(Npy.Load<double>(Fixture("i4_2x3.npy")), [2, 3], [1, -2, 3, int.MaxValue, int.MinValue, 0]);

    [Fact]
    public void LoadsInt32AsFloatRoundingToNearest() =>
        AssertTensor(Npy.Load<float>(Fixture("i4_2x3.npy")), [2, 3], [1, -2, 3, 2147483648f, -2147483648f, 0]);

    [Fact]
    public void LoadsInt64ExactlyUpTo2Pow53AndRoundsBeyond()
    {
        double p53 = Math.Pow(2, 53);
        // 2^53 + 1 is not a double: it rounds to nearest (even), 2^53, as np.float64(2**53 + 1) does.
        AssertTensor(Npy.Load<double>(Fixture("i8_1d.npy")), [5], [0, -1, p53, -p53, p53]);
    }

    [Fact]
    public void LoadsZeroDimensionalScalar()
    {
        var t = Npy.Load<double>(Fixture("f8_scalar.npy"));
        Assert.Equal(0, t.Rank);
        Assert.Equal(3.25, t.Item());
    }

    [Fact]
    public void LoadsEmptyArray() => AssertTensor(Npy.Load<double>(Fixture("f8_empty_0x3.npy")), [0, 3], []);

    [Fact]
    public void LoadsBigEndianBySwappingBytes() => AssertTensor(Npy.Load<double>(Fixture("f8_big_endian.npy")), [3, 4], Base);

    [Fact]
    public void LoadsVersion2()
    {
        Assert.Equal(2, File.ReadAllBytes(Fixture("f8_v2.npy"))[6]);
        AssertTensor(Npy.Load<double>(Fixture("f8_v2.npy")), [3, 4], Base);
    }

    [Fact]
    public void LoadsSpecialValuesBitExactly()
    {
        var t = Npy.Load<double>(Fixture("f8_nan_inf.npy"));
        // np.nan is the positive quiet NaN 0x7FF8...; .NET's double.NaN is 0xFFF8...: the file's bits are kept.
        double[] expected = [BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000), double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon];
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), t.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData("c16_unsupported.npy", "'<c16'", "complex")]
    [InlineData("structured_unsupported.npy", "[('x', '<f8'), ('y', '<i4')]", "structured")]
    public void RejectsUnsupportedNumPyDtypes(string file, string descr, string reason)
    {
        var e = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(Fixture(file)));
        Assert.Contains(file, e.Message);
        Assert.Contains(descr, e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Contains("'<f8'", e.Message); // lists what is supported
    }

    // ---- writing exactly what np.save writes ---------------------------------------------

    [Theory]
    [InlineData("f8_c_3x4.npy")]
    [InlineData("f8_empty_0x3.npy")]
    [InlineData("f8_scalar.npy")]
    [InlineData("f8_nan_inf.npy")]
    [InlineData("f4_1d.npy")]
    public void SaveIsByteIdenticalToNumPy(string file)
    {
        byte[] numpy = File.ReadAllBytes(Fixture(file));
        var ms = new MemoryStream();
        if (file.StartsWith("f4")) Npy.Save(ms, Npy.Load<float>(new MemoryStream(numpy)));
        else Npy.Save(ms, Npy.Load<double>(new MemoryStream(numpy)));
        Assert.Equal(numpy, ms.ToArray());
    }

    [Fact]
    public void SaveOfFortranLoadedArrayMatchesNumPyCOrderFile()
    {
        var ms = new MemoryStream();
        Npy.Save(ms, Npy.Load<double>(Fixture("f8_fortran_3x4.npy")));
        Assert.Equal(File.ReadAllBytes(Fixture("f8_c_3x4.npy")), ms.ToArray());
    }

    [Fact]
    public void HeaderIsPaddedTo64BytesAndEndsInNewline()
    {
        foreach (int[] shape in new[] { Array.Empty<int>(), [7], [2, 3], [1, 2, 3, 4, 5, 6, 7, 8], [123456789, 0] })
        {
            byte[] bytes = Save(NDArray.Zeros<double>(shape));
            int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            int dataStart = 10 + headerLength;
            Assert.Equal(0, dataStart % 64);
            Assert.Equal((byte)'\n', bytes[dataStart - 1]);
            Assert.Equal(1, bytes[6]);
            Assert.Equal(dataStart + 8 * new Shape(shape).Size, bytes.Length);
        }
    }

    [Fact]
    public void WritesVersion2WhenTheHeaderDoesNotFitIn64KiB()
    {
        int[] shape = Enumerable.Repeat(1, 25_000).ToArray(); // "1, " x 25,000 > 65,535 bytes
        var t = NDArray.Full(shape, 2.5);
        byte[] bytes = Save(t);
        Assert.Equal(2, bytes[6]);
        long headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        Assert.True(headerLength > ushort.MaxValue);
        Assert.Equal(0, (12 + headerLength) % 64);
        var back = Npy.Load<double>(new MemoryStream(bytes));
        Assert.Equal(t.Shape, back.Shape);
        Assert.Equal(2.5, back.Item());
    }

    // ---- round trips -----------------------------------------------------------------------

    private static byte[] Save<T>(NDArray<T> t) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var ms = new MemoryStream();
        Npy.Save(ms, t);
        return ms.ToArray();
    }

    private static NDArray<T> RoundTrip<T>(NDArray<T> t) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        Npy.Load<T>(new MemoryStream(Save(t)));

    [Fact]
    public void RoundTripsDoubleNd()
    {
        var t = NDArray.Normal([2, 3, 4, 5], 0.0, 1.0, seed: 7);
        AssertTensor(RoundTrip(t), [2, 3, 4, 5], t.ToArray());
    }

    [Fact]
    public void RoundTripsFloat()
    {
        var t = NDArray.Normal([6, 7], 0f, 1f, seed: 8);
        byte[] bytes = Save(t);
        Assert.Contains("'descr': '<f4'", Encoding.ASCII.GetString(bytes));
        AssertTensor(Npy.Load<float>(new MemoryStream(bytes)), [6, 7], t.ToArray());
    }

    [Fact]
    public void RoundTripsTransposedAndStridedViews()
    {
        var a = NDArray.FromArray(Base, 3, 4);
        AssertTensor(RoundTrip(a.T), [4, 3], a.T.ToArray());
        var strided = a["::-1, 1::2"];
        Assert.False(strided.IsContiguous);
        AssertTensor(RoundTrip(strided), [3, 2], [4.5, 5.5, 2.5, 3.5, 0.5, 1.5]);
        var broadcast = NDArray.FromArray([1.0, 2.0]).BroadcastTo(3, 2);
        AssertTensor(RoundTrip(broadcast), [3, 2], [1, 2, 1, 2, 1, 2]);
    }

    [Fact]
    public void RoundTripsZeroDimensionalAndEmpty()
    {
        Assert.Equal(-7.5, RoundTrip(NDArray.Scalar(-7.5)).Item());
        Assert.Equal(0, RoundTrip(NDArray.Scalar(-7.5)).Rank);
        AssertTensor(RoundTrip(NDArray.Zeros<double>(0)), [0], []);
        AssertTensor(RoundTrip(NDArray.Zeros<float>(4, 0, 2)), [4, 0, 2], []);
    }

    [Fact]
    public void RoundTripsSpecialValuesBitExactly()
    {
        double[] v = [double.NaN, -0.0, double.Epsilon, double.MaxValue, double.NegativeInfinity, 0.1];
        var back = RoundTrip(NDArray.FromArray(v)).ToArray();
        Assert.Equal(v.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void ReadsSeveralArraysFromOneStreamInOrder()
    {
        var ms = new MemoryStream();
        Npy.Save(ms, NDArray.FromArray([1.0, 2.0]));
        Npy.Save(ms, NDArray.FromArray([3f, 4f, 5f]));
        ms.Position = 0;
        Assert.Equal([1.0, 2.0], Npy.Load<double>(ms).ToArray());
        Assert.Equal([3.0, 4.0, 5.0], Npy.Load<double>(ms).ToArray());
        Assert.Equal(ms.Length, ms.Position);
    }

    [Fact]
    public void ReadsFromANonSeekableStream()
    {
        var t = NDArray.Normal([300, 100], 0.0, 1.0, seed: 9); // larger than one read chunk
        AssertTensor(Npy.Load<double>(new ForwardOnlyStream(Save(t))), [300, 100], t.ToArray());
    }

    [Fact]
    public void SavesAndLoadsThroughAFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"linea-npy-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Save(path, NDArray.FromArray(Base, 3, 4));
            Assert.Equal(File.ReadAllBytes(Fixture("f8_c_3x4.npy")), File.ReadAllBytes(path));
            AssertTensor(Npy.Load<double>(path), [3, 4], Base);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // ---- header parsing --------------------------------------------------------------------

    /// <summary>A version-1.0 (or other) .npy image around an arbitrary header text, followed by <paramref name="data"/>.</summary>
    private static byte[] Frame(string header, byte[] data, byte major = 1, byte minor = 0)
    {
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, minor]);
        byte[] h = Encoding.UTF8.GetBytes(header + "\n");
        if (major == 1) ms.Write(BitConverter.GetBytes((ushort)h.Length));
        else ms.Write(BitConverter.GetBytes((uint)h.Length));
        ms.Write(h);
        ms.Write(data);
        return ms.ToArray();
    }

    private static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }")]
    [InlineData("{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}")]
    [InlineData("{\"descr\":\"<f8\",\"fortran_order\":False,\"shape\":(2,)}")]
    [InlineData("  {  'fortran_order' :False ,'shape':( 2 , ) ,  'descr' : '<f8' ,  }     ")]
    [InlineData("{'descr': '=f8', 'fortran_order': False, 'shape': (2L,)}")]
    [InlineData("{'descr': '|f8', 'fortran_order': True, 'shape': (2,)}")]
    [InlineData("{'descr': 'f8', 'fortran_order': False, 'shape': [2]}")]
    public void ParsesHeaderVariants(string header)
    {
        if (header.Contains("[2]"))
        {
            // A list is not a tuple: NumPy writes tuples, and so must the file.
            var e = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(new MemoryStream(Frame(header, Doubles(1, 2)))));
            Assert.Contains("'shape' must be a tuple", e.Message);
            return;
        }
        Assert.Equal([1.0, 2.0], Npy.Load<double>(new MemoryStream(Frame(header, Doubles(1, 2)))).ToArray());
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", 0)]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': ( )}", 0)]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", 3)]
    public void ParsesScalarAndUnitShapes(string header, int rank)
    {
        var t = Npy.Load<double>(new MemoryStream(Frame(header, Doubles(4.5))));
        Assert.Equal(rank, t.Rank);
        Assert.Equal(4.5, t.Item());
    }

    [Fact]
    public void AcceptsVersion3WithUtf8Header()
    {
        var t = Npy.Load<double>(new MemoryStream(Frame("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", Doubles(9), major: 3)));
        Assert.Equal(9.0, t.Item());
    }

    // ---- rejections ------------------------------------------------------------------------

    private static TensorFormatException Reject(byte[] bytes) =>
        Assert.Throws<TensorFormatException>(() => Npy.Load<double>(new MemoryStream(bytes)));

    [Fact]
    public void RejectsBadMagic()
    {
        var e = Reject([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]); // a zip (.npz) file
        Assert.Contains("magic", e.Message);
        Assert.Contains("50 4B 03 04", e.Message);
        Assert.Contains("not a .npy file", e.Message);
        Assert.Contains("empty file", Reject([]).Message);
        Assert.Contains("found bytes 93 4E 55 4D", Reject([0x93, (byte)'N', (byte)'U', (byte)'M']).Message);
    }

    [Fact]
    public void RejectsBadMagicNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"linea-npy-{Guid.NewGuid():N}.npy");
        try
        {
            File.WriteAllText(path, "a,b\n1,2\n");
            var e = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("magic", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void RejectsUnknownVersions(byte major, byte minor)
    {
        var e = Reject(Frame("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", Doubles(1), major, minor));
        Assert.Contains($"version {major}.{minor} is not supported", e.Message);
    }

    [Fact]
    public void RejectsTruncatedData()
    {
        byte[] full = File.ReadAllBytes(Fixture("f8_c_3x4.npy"));
        byte[] cut = full[..^5];
        var e = Reject(cut);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("96 bytes", e.Message);
        Assert.Contains("only 91 bytes", e.Message);

        var forward = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(new ForwardOnlyStream(cut)));
        Assert.Contains("truncated", forward.Message);
        Assert.Contains("only 91 bytes", forward.Message);
    }

    [Fact]
    public void RejectsTruncatedHeader()
    {
        byte[] full = File.ReadAllBytes(Fixture("f8_c_3x4.npy"));
        Assert.Contains("header length", Reject(full[..9]).Message);
        var e = Reject(full[..40]);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("header claims 118 bytes", e.Message);
        Assert.Contains("truncated", Assert.Throws<TensorFormatException>(() => Npy.Load<double>(new ForwardOnlyStream(full[..40]))).Message);
    }

    [Theory]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (1,)}", "complex")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}", "object")]
    [InlineData("{'descr': '<U5', 'fortran_order': False, 'shape': (1,)}", "string")]
    [InlineData("{'descr': '|b2', 'fortran_order': False, 'shape': (1,)}", "width (b2)")]
    [InlineData("{'descr': '<u4', 'fortran_order': False, 'shape': (1,)}", "unsigned")]
    [InlineData("{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}", "width (f16)")] // float128; '<f2' (float16) is read
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}", "structured")]
    [InlineData("{'descr': 8, 'fortran_order': False, 'shape': (1,)}", "'descr' must be a string, found 8")]
    public void RejectsUnsupportedDescr(string header, string reason)
    {
        var e = Reject(Frame(header, new byte[16]));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'shape': (1,)}", "no 'fortran_order' key")]
    [InlineData("{'fortran_order': False, 'shape': (1,)}", "no 'descr' key")]
    [InlineData("{'descr': '<f8', 'fortran_order': False}", "no 'shape' key")]
    [InlineData("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' must be True or False, found 0")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "non-negative integers, found (-1,)")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1)}", "trailing comma")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}", "not a valid Python dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", "not a valid Python dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}", "unexpected name 'false'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x", "unexpected text after the closing '}'")]
    [InlineData("__import__('os').system('true')", "expected '{'")]
    [InlineData("", "expected '{'")]
    public void RejectsMalformedHeaders(string header, string reason)
    {
        var e = Reject(Frame(header, new byte[8]));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void RejectsHostileShapesWithoutAllocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        // 10^12 elements (8 TB) is a legal 64-bit shape, but the data is not there: rejected before allocating.
        var huge = Reject(Frame("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000)}", Doubles(1, 2)));
        Assert.Contains("(1000000, 1000000)", huge.Message);
        Assert.Contains("8000000000000 bytes", huge.Message);
        var axis = Reject(Frame("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999,)}", Doubles(1)));
        Assert.Contains("only 8 bytes", axis.Message);
        // A shape whose byte count overflows 64 bits is refused from the header alone.
        var overflow = Reject(Frame("{'descr': '<f8', 'fortran_order': False, 'shape': (10000000000, 10000000000)}", Doubles(1)));
        Assert.Contains("more elements than a 64-bit byte count can hold", overflow.Message);
        // 2 x 10^8 doubles (1.6 GB) claimed, 16 bytes present: rejected from the stream length...
        string claim = "{'descr': '<f8', 'fortran_order': False, 'shape': (200000000,)}";
        var seekable = Reject(Frame(claim, Doubles(1, 2)));
        Assert.Contains("1600000000 bytes", seekable.Message);
        Assert.Contains("only 16 bytes", seekable.Message);
        // ...or, when the stream cannot seek, by growing the buffer only as data arrives.
        var forward = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(new ForwardOnlyStream(Frame(claim, Doubles(1, 2)))));
        Assert.Contains("only 16 bytes", forward.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16_000_000, "a hostile header must not cause a large allocation");
    }

    [Fact]
    public void RejectsHostileHeaderLength()
    {
        byte[] bytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'{'];
        var e = Reject(bytes);
        Assert.Contains("4294967295 bytes", e.Message);
        Assert.Contains("corrupt or hostile", e.Message);
    }

    [Fact]
    public void RejectsTheWrongStreamDirection()
    {
        var writeOnly = new ForwardOnlyStream([], writable: true);
        Assert.Throws<ArgumentException>(() => Npy.Load<double>(writeOnly));
        Assert.Throws<ArgumentException>(() => Npy.Save(new MemoryStream([], writable: false), NDArray.Scalar(1.0)));
    }

    [Fact]
    public void HeaderFormatMatchesNumPyForAFewShapes()
    {
        string Header(int[] shape) => Encoding.ASCII.GetString(NpyHeader.Format("<f8", Shape.Widen(shape), out _)[10..]).TrimEnd();
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", Header([]));
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", Header([5]));
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 4), }", Header([2, 3, 4]));
    }

    /// <summary>A read-only (or write-only) stream that cannot seek, like a network or pipe stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes, bool writable = false) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => !writable;
        public override bool CanSeek => false;
        public override bool CanWrite => writable;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { }
    }
}
