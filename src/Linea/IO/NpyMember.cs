using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Linea.IO;

/// <summary>
/// Reads and writes the one-dimensional and 0-d .npy arrays inside an .npz archive (the members of SciPy's
/// <c>save_npz</c>): integers of any width, signed or not, booleans and floats converted to what the caller needs, and
/// byte or unicode strings. The header is read and validated by <see cref="NpyHeader"/>; only the dtype is interpreted
/// here, since <see cref="NpyDType"/> (the public <see cref="Npy"/> reader's) knows float and 32/64-bit integer
/// arrays only. Element counts are checked against the member's length before anything is allocated.
/// </summary>
internal static class NpyMember
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>An element type: kind 'b' (bool), 'i', 'u', 'f', 'S' (bytes) or 'U' (UTF-32), width in bytes, byte order.</summary>
    internal readonly record struct ElementType(char Kind, int ItemSize, bool BigEndian)
    {
        public override string ToString() => $"{(BigEndian ? '>' : '<')}{Kind}{ItemSize / (Kind == 'U' ? 4 : 1)}";

        public static ElementType? Parse(string descr)
        {
            ReadOnlySpan<char> s = descr;
            bool big = !BitConverter.IsLittleEndian;
            if (s.Length > 0 && s[0] is '<' or '>' or '=' or '|')
            {
                if (s[0] == '<') big = false;
                else if (s[0] == '>') big = true;
                s = s[1..];
            }
            if (s.Length == 0) return null;
            char kind = s[0] == '?' ? 'b' : s[0];
            int size = 1;
            if (s.Length > 1 && !int.TryParse(s[1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
                return null;
            bool ok = kind switch
            {
                'b' => size == 1,
                'i' or 'u' => size is 1 or 2 or 4 or 8,
                'f' => size is 2 or 4 or 8,
                'S' => size is > 0 and < 4096,
                'U' => size is > 0 and < 1024,
                _ => false,
            };
            return ok ? new ElementType(kind, kind == 'U' ? 4 * size : size, big) : null;
        }
    }

    /// <summary>A member's validated header: its element type, shape and element count.</summary>
    internal sealed record Header(ElementType Type, long[] Shape, long Count, string Source, string Descr);

    /// <summary>Reads the header; the stream is then at the first data byte.</summary>
    /// <param name="stream">The member's stream.</param>
    /// <param name="source">The archive and member, for messages.</param>
    /// <param name="memberLength">The member's uncompressed length in bytes: the data cannot be longer.</param>
    public static Header ReadHeader(Stream stream, string source, long memberLength)
    {
        string text = NpyHeader.ReadText(stream, source);
        var (descr, fortran, shape, count) = NpyHeader.ParseLayout(text, source);
        if (descr is not string d)
            throw NpyHeader.Error(source, $"unsupported dtype {PythonLiteral.Repr(descr)}: a sparse .npz member is a plain array");
        var type = ElementType.Parse(d)
            ?? throw NpyHeader.Error(source, $"unsupported dtype '{d}' for a sparse .npz member (expected integers, booleans, floats or strings)");
        if (fortran && shape.Length > 1)
            throw NpyHeader.Error(source, $"a sparse .npz member is 1-D, found a Fortran-order array of shape {Linea.Shape.Format(shape)}");
        if (count > memberLength / type.ItemSize)
            throw NpyHeader.Error(source, $"truncated: the header declares shape {Linea.Shape.Format(shape)} of {d} ({count} elements) but the member holds only {memberLength} bytes");
        return new Header(type, shape, count, source, d);
    }

    /// <summary>Integer or boolean elements as 64-bit integers (unsigned 64-bit values above 2^63 - 1 are refused).</summary>
    public static long[] ReadIntegers(Stream stream, Header header)
    {
        RequireKind(header, "an integer array", 'i', 'u', 'b');
        var result = new long[CheckedCount(header)];
        var type = header.Type;
        ReadChunks(stream, header, (bytes, first) =>
        {
            for (int k = 0, n = bytes.Length / type.ItemSize; k < n; k++)
            {
                long v = ToInt64(bytes.Slice(k * type.ItemSize, type.ItemSize), type);
                if (v < 0 && type.Kind == 'u')
                    throw NpyHeader.Error(header.Source, $"element {first + k} does not fit a signed 64-bit integer");
                result[first + k] = v;
            }
        });
        return result;
    }

    /// <summary>
    /// Integer elements as 32-bit indices, each checked to lie in [0, <paramref name="limit"/>) and named by position
    /// when it does not. Little-endian int32 is copied as is.
    /// </summary>
    public static int[] ReadIndices(Stream stream, Header header, int limit, string what)
    {
        RequireKind(header, "an integer array", 'i', 'u');
        var result = new int[CheckedCount(header)];
        var type = header.Type;
        bool direct = type is { Kind: 'i', ItemSize: 4 } && type.BigEndian != BitConverter.IsLittleEndian;
        ReadChunks(stream, header, (bytes, first) =>
        {
            int n = bytes.Length / type.ItemSize;
            var destination = result.AsSpan(first, n);
            if (direct) MemoryMarshal.Cast<byte, int>(bytes).CopyTo(destination);
            for (int k = 0; k < n; k++)
            {
                long v = direct ? destination[k] : ToInt64(bytes.Slice(k * type.ItemSize, type.ItemSize), type);
                if ((ulong)v >= (ulong)limit)
                    throw NpyHeader.Error(header.Source, $"{what} index {v} at position {first + k} is out of range for {limit} {what}s");
                destination[k] = (int)v;
            }
        });
        return result;
    }

    /// <summary>
    /// Float, integer or boolean elements as <typeparamref name="T"/>: floats rounded to nearest when narrowed, integers
    /// converted (exact up to the mantissa), booleans as 0 and 1.
    /// </summary>
    public static T[] ReadValues<T>(Stream stream, Header header) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireKind(header, "a numeric array", 'f', 'i', 'u', 'b');
        var result = new T[CheckedCount(header)];
        var type = header.Type;
        var fast = NpyDType.TryParse(header.Descr, out _);
        ReadChunks(stream, header, (bytes, first) =>
        {
            int n = bytes.Length / type.ItemSize;
            var destination = result.AsSpan(first, n);
            if (fast is { } dtype)
            {
                dtype.Convert(bytes, destination);
                return;
            }
            for (int k = 0; k < n; k++)
            {
                var b = bytes.Slice(k * type.ItemSize, type.ItemSize);
                destination[k] = type.Kind switch
                {
                    'f' => T.CreateTruncating(type.BigEndian ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
                    'u' when type.ItemSize == 8 => T.CreateTruncating(type.BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b)),
                    _ => T.CreateTruncating(ToInt64(b, type)),
                };
            }
        });
        return result;
    }

    /// <summary>The single string of a 0-d (or one-element) byte or unicode array, trailing NULs removed.</summary>
    public static string ReadString(Stream stream, Header header)
    {
        RequireKind(header, "a string", 'S', 'U');
        if (header.Count != 1)
            throw NpyHeader.Error(header.Source, $"expected a single string, found shape {Linea.Shape.Format(header.Shape)}");
        var bytes = new byte[header.Type.ItemSize];
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            throw NpyHeader.Error(header.Source, "truncated: the string's bytes are missing");
        string text = header.Type.Kind == 'S'
            ? Encoding.Latin1.GetString(bytes)
            : (header.Type.BigEndian ? new UTF32Encoding(bigEndian: true, byteOrderMark: false) : Encoding.UTF32).GetString(bytes);
        return text.TrimEnd('\0');
    }

    /// <summary>Writes one little-endian .npy array (header as np.save writes it, then the elements).</summary>
    public static void Write<TElement>(Stream stream, string descr, ReadOnlySpan<long> shape, ReadOnlySpan<TElement> elements)
        where TElement : unmanaged
    {
        NpyHeader.Write(stream, descr, shape);
        stream.Write(MemoryMarshal.AsBytes(elements));
    }

    private delegate void ChunkHandler(ReadOnlySpan<byte> bytes, int firstElement);

    private static void ReadChunks(Stream stream, Header header, ChunkHandler handle)
    {
        int itemSize = header.Type.ItemSize;
        int perChunk = Math.Max(1, ChunkBytes / itemSize);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(perChunk * itemSize);
        try
        {
            for (long done = 0; done < header.Count;)
            {
                int n = (int)Math.Min(perChunk, header.Count - done);
                int bytes = n * itemSize;
                int got = stream.ReadAtLeast(chunk.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
                if (got < bytes)
                    throw NpyHeader.Error(header.Source, $"truncated: {header.Count} elements of {header.Descr} declared, the data ends after {done + got / itemSize}");
                handle(chunk.AsSpan(0, bytes), (int)done);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static long ToInt64(ReadOnlySpan<byte> b, ElementType t) => (t.Kind, t.ItemSize, t.BigEndian) switch
    {
        ('i', 1, _) => (sbyte)b[0],
        ('u' or 'b', 1, _) => b[0],
        ('i', 2, false) => BinaryPrimitives.ReadInt16LittleEndian(b),
        ('i', 2, true) => BinaryPrimitives.ReadInt16BigEndian(b),
        ('u', 2, false) => BinaryPrimitives.ReadUInt16LittleEndian(b),
        ('u', 2, true) => BinaryPrimitives.ReadUInt16BigEndian(b),
        ('i', 4, false) => BinaryPrimitives.ReadInt32LittleEndian(b),
        ('i', 4, true) => BinaryPrimitives.ReadInt32BigEndian(b),
        ('u', 4, false) => BinaryPrimitives.ReadUInt32LittleEndian(b),
        ('u', 4, true) => BinaryPrimitives.ReadUInt32BigEndian(b),
        ('i', 8, false) => BinaryPrimitives.ReadInt64LittleEndian(b),
        ('i', 8, true) => BinaryPrimitives.ReadInt64BigEndian(b),
        ('u', 8, false) => (long)BinaryPrimitives.ReadUInt64LittleEndian(b),
        ('u', 8, true) => (long)BinaryPrimitives.ReadUInt64BigEndian(b),
        _ => throw new InvalidOperationException($"npz: no integer conversion for {t}"),
    };

    private static void RequireKind(Header header, string what, params char[] kinds)
    {
        if (Array.IndexOf(kinds, header.Type.Kind) < 0)
            throw NpyHeader.Error(header.Source, $"expected {what}, found dtype '{header.Descr}'");
        if (header.Shape.Length > 1)
            throw NpyHeader.Error(header.Source, $"expected a 1-D array, found shape {Linea.Shape.Format(header.Shape)}");
    }

    private static int CheckedCount(Header header) =>
        header.Count <= Array.MaxLength ? (int)header.Count
        : throw NpyHeader.Error(header.Source, $"{header.Count} elements are more than one .NET array holds ({Array.MaxLength})");
}
