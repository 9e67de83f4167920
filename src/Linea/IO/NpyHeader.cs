using System.Buffers.Binary;
using System.Text;

namespace Linea.IO;

/// <summary>
/// The part of a .npy file before the data: the magic string <c>\x93NUMPY</c>, the format version,
/// the header length (2 bytes in version 1.0, 4 bytes in 2.0 and 3.0, little-endian) and the header,
/// a Python dict literal with the keys <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, padded with
/// spaces and a final newline so that the data starts on a 64-byte boundary.
/// </summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, long[] Shape, long ElementCount)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy aligns the data to this many bytes.</summary>
    private const int Align = 64;

    /// <summary>
    /// The largest header accepted. NumPy itself refuses headers over 10,000 bytes unless told otherwise;
    /// a header for the dtypes Linea reads needs a few hundred, so this only guards the allocation.
    /// </summary>
    internal const int MaxHeaderLength = 1 << 20;

    /// <summary>NumPy leaves room for the growth axis (axis 0 in C order) to reach this many digits.</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Reads and validates everything up to the first data byte.</summary>
    /// <exception cref="TensorFormatException">Bad magic, unknown version, malformed or hostile header.</exception>
    public static NpyHeader Read(Stream stream, string source) => Parse(ReadText(stream, source), source);

    /// <summary>
    /// Reads the prefix and returns the header dict text, leaving the stream at the first data byte; the dict is not
    /// interpreted (see <see cref="Parse"/> and <see cref="ParseLayout"/>).
    /// </summary>
    /// <exception cref="TensorFormatException">Bad magic, unknown version, truncated or oversized header.</exception>
    internal static string ReadText(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < 6 || !prefix[..6].SequenceEqual(Magic))
            throw Error(source, $"expected the magic string \\x93NUMPY at the start, found {Describe(prefix[..got])}; this is not a .npy file");
        if (got < 8)
            throw Error(source, "the file ends inside the version bytes after the magic string");
        byte major = prefix[6], minor = prefix[7];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw Error(source, $"format version {major}.{minor} is not supported (Linea reads 1.0, 2.0 and 3.0)"),
        };
        if (minor != 0)
            throw Error(source, $"format version {major}.{minor} is not supported (Linea reads 1.0, 2.0 and 3.0)");
        if (stream.ReadAtLeast(prefix.Slice(8, lengthBytes), lengthBytes, throwOnEndOfStream: false) < lengthBytes)
            throw Error(source, "the file ends inside the header length field");
        long headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > MaxHeaderLength)
            throw Error(source, $"the header claims {headerLength} bytes, more than the {MaxHeaderLength} Linea accepts; the file is corrupt or hostile");
        if (stream.CanSeek && stream.Length - stream.Position < headerLength)
            throw Error(source, $"truncated: the header claims {headerLength} bytes but only {stream.Length - stream.Position} follow");

        var headerBytes = new byte[headerLength];
        int read = stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false);
        if (read < headerLength)
            throw Error(source, $"truncated: the header claims {headerLength} bytes but only {read} follow");
        // Versions 1.0 and 2.0 store latin-1; 3.0 stores UTF-8. The dict itself is plain ASCII either way.
        return major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
    }

    /// <summary>Interprets the header dict text (without the prefix).</summary>
    internal static NpyHeader Parse(string text, string source)
    {
        var (descr, fortran, shape, count) = ParseLayout(text, source);
        var dtype = descr switch
        {
            string d => NpyDType.TryParse(d, out string reason)
                ?? throw Error(source, $"unsupported dtype '{d}': {reason}; Linea reads {NpyDType.Supported}"),
            PythonLiteral.Sequence => throw Error(source, $"unsupported dtype {PythonLiteral.Repr(descr)}: structured arrays (records with named fields) are not supported; Linea reads {NpyDType.Supported}"),
            var other => throw Error(source, $"'descr' must be a string, found {PythonLiteral.Repr(other)}"),
        };
        return new NpyHeader(dtype, fortran, shape, count);
    }

    /// <summary>
    /// Interprets the header dict text up to the dtype: checks the three keys, <c>fortran_order</c> and <c>shape</c>, and
    /// returns the <c>descr</c> value uninterpreted (a string, or a sequence for structured dtypes), so that readers of
    /// other dtypes than <see cref="NpyDType"/>'s share the validation.
    /// </summary>
    internal static (object? Descr, bool FortranOrder, long[] Shape, long ElementCount) ParseLayout(string text, string source)
    {
        Dictionary<string, object?> dict;
        try
        {
            dict = PythonLiteral.ParseDict(text);
        }
        catch (FormatException e)
        {
            throw Error(source, $"the header is not a valid Python dict literal ({e.Message}): {Abbreviate(text)}", e);
        }

        foreach (string key in (string[])["descr", "fortran_order", "shape"])
            if (!dict.ContainsKey(key))
                throw Error(source, $"the header has no '{key}' key: {Abbreviate(text)}");

        if (dict["fortran_order"] is not bool fortran)
            throw Error(source, $"'fortran_order' must be True or False, found {PythonLiteral.Repr(dict["fortran_order"])}");

        if (dict["shape"] is not PythonLiteral.Sequence { IsTuple: true } shapeTuple)
            throw Error(source, $"'shape' must be a tuple of integers, found {PythonLiteral.Repr(dict["shape"])}");
        var shape = new long[shapeTuple.Items.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shapeTuple.Items[i] is not long d || d < 0)
                throw Error(source, $"'shape' must hold non-negative integers, found {PythonLiteral.Repr(shapeTuple)}");
            shape[i] = d;
        }
        // Multiply only after every axis is known: a zero anywhere makes the array empty, however large the rest.
        long count = 1;
        if (Array.IndexOf(shape, 0L) < 0)
            foreach (long d in shape)
            {
                if (count > long.MaxValue / 16 / d)
                    throw Error(source, $"shape {PythonLiteral.Repr(shapeTuple)} has more elements than a 64-bit byte count can hold");
                count *= d;
            }
        else count = 0;
        return (dict["descr"], fortran, shape, count);
    }

    /// <summary>
    /// Writes the prefix and header exactly as NumPy's <c>np.save</c> does for a C-order array:
    /// version 1.0 when the header length fits in 2 bytes, otherwise 2.0.
    /// </summary>
    public static void Write(Stream stream, string descr, ReadOnlySpan<long> shape) =>
        stream.Write(Format(descr, shape, out _));

    /// <summary>The complete prefix and padded header bytes; <paramref name="major"/> is the version chosen.</summary>
    internal static byte[] Format(string descr, ReadOnlySpan<long> shape, out byte major)
    {
        string shapeRepr = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.ToArray()) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeRepr}, }}";
        if (shape.Length > 0)
            dict += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(System.Globalization.CultureInfo.InvariantCulture).Length));

        // NumPy: hlen = len(header) + 1 for the newline; padlen = 64 - (prefix + hlen) % 64 (a full 64 when aligned).
        int hlen = dict.Length + 1;
        major = 1;
        int lengthBytes = 2;
        int padLength = Align - (Magic.Length + 2 + lengthBytes + hlen) % Align;
        if (hlen + padLength > ushort.MaxValue)
        {
            major = 2;
            lengthBytes = 4;
            padLength = Align - (Magic.Length + 2 + lengthBytes + hlen) % Align;
        }
        int total = Magic.Length + 2 + lengthBytes + hlen + padLength;
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = major;
        bytes[7] = 0;
        if (lengthBytes == 2) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(hlen + padLength));
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)(hlen + padLength));
        int at = 8 + lengthBytes;
        at += Encoding.ASCII.GetBytes(dict, bytes.AsSpan(at));
        bytes.AsSpan(at, padLength).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    internal static TensorFormatException Error(string source, string message, Exception? inner = null) =>
        inner is null
            ? new TensorFormatException($"npy: {source}: {message}")
            : new TensorFormatException($"npy: {source}: {message}", inner);

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return "an empty file";
        var sb = new StringBuilder("bytes");
        foreach (byte b in bytes[..Math.Min(bytes.Length, 6)]) sb.Append($" {b:X2}");
        sb.Append(" (\"");
        foreach (byte b in bytes[..Math.Min(bytes.Length, 6)]) sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        return sb.Append("\")").ToString();
    }

    private static string Abbreviate(string text)
    {
        string t = text.TrimEnd();
        return t.Length <= 200 ? t : t[..200] + "...";
    }
}
