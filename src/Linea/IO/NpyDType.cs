using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Numerics;

namespace Linea.IO;

/// <summary>
/// The element types Linea reads from .npy files: IEEE floats of 2, 4 or 8 bytes and signed integers of
/// 4 or 8 bytes, in either byte order. Parses NumPy's <c>descr</c> string and converts raw bytes to
/// <c>float</c> or <c>double</c>.
/// </summary>
internal readonly record struct NpyDType(char Kind, int ItemSize, bool BigEndian)
{
    /// <summary>The descr strings this reader accepts, for error messages.</summary>
    public const string Supported = "'<f8', '<f4', '<f2', '<i8', '<i4', '|b1' (and the same with '>', '=' or '|')";

    /// <summary>The descr NumPy writes for <typeparamref name="T"/> on a little-endian machine.</summary>
    public static string DescrOf<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return "<f8";
        if (typeof(T) == typeof(float)) return "<f4";
        if (typeof(T) == typeof(Half)) return "<f2";
        if (typeof(T) == typeof(int)) return "<i4";
        if (typeof(T) == typeof(long)) return "<i8";
        if (typeof(T) == typeof(bool)) return "|b1";
        throw new NotSupportedException($"npy: Linea tensors hold float, double, float16, int, long or bool; {typeof(T).Name} is not supported");
    }

    /// <summary>The descr in NumPy's canonical form, e.g. <c>'&lt;f8'</c>, or <c>'|b1'</c> for one-byte types.</summary>
    public override string ToString() => ItemSize == 1 ? $"|{Kind}1" : $"{(BigEndian ? '>' : '<')}{Kind}{ItemSize}";

    /// <summary>
    /// Parses a simple descr such as <c>'&lt;f8'</c>. Byte order '<c>&lt;</c>' is little-endian, '<c>&gt;</c>'
    /// big-endian; '<c>=</c>', '<c>|</c>' and no marker mean native order, as NumPy reads them.
    /// Returns null with a reason for anything else.
    /// </summary>
    public static NpyDType? TryParse(string descr, out string reason)
    {
        reason = "";
        ReadOnlySpan<char> s = descr;
        bool big = !BitConverter.IsLittleEndian;
        if (s.Length > 0 && s[0] is '<' or '>' or '=' or '|')
        {
            if (s[0] == '<') big = false;
            else if (s[0] == '>') big = true;
            s = s[1..];
        }
        string kind = s.Length > 0 ? s[..1].ToString() : "";
        string size = s.Length > 1 ? s[1..].ToString() : "";
        switch (kind, size)
        {
            case ("f", "8"): return new NpyDType('f', 8, big);
            case ("f", "4"): return new NpyDType('f', 4, big);
            case ("f", "2"): return new NpyDType('f', 2, big); // float16; bfloat16 has no NumPy dtype
            case ("i", "8"): return new NpyDType('i', 8, big);
            case ("i", "4"): return new NpyDType('i', 4, big);
            case ("b", "1"): return new NpyDType('b', 1, false);
        }
        reason = kind switch
        {
            "c" => "complex numbers are not supported",
            "O" => "object arrays (pickled Python objects) are not supported",
            "U" or "S" or "a" => "string arrays are not supported",
            "V" => "raw void / structured arrays are not supported",
            "M" or "m" => "datetime and timedelta arrays are not supported",
            "?" => "this boolean spelling is not supported (NumPy writes '|b1')",
            "u" => "unsigned integer arrays are not supported",
            "i" or "f" or "b" => $"this width ({kind}{size}) is not supported",
            _ => "this is not a dtype Linea knows",
        };
        return null;
    }

    /// <summary>
    /// Converts <paramref name="source"/> (whole elements of this type) into <paramref name="destination"/>, swapping bytes
    /// if needed: to a float type rounding to nearest when narrower; to an integer or bool type as
    /// <see cref="NDArray{TScalar}.AsType{TOut}"/> converts (checked). <paramref name="first"/> is the flat index of the
    /// first element, for messages.
    /// </summary>
    /// <exception cref="OverflowException">An element has no value of <typeparamref name="T"/> (NaN or out of range to an integer type).</exception>
    public void Convert<T>(ReadOnlySpan<byte> source, Span<T> destination, long first = 0) where T : unmanaged
    {
        int n = destination.Length;
        bool swap = ItemSize > 1 && BigEndian == BitConverter.IsLittleEndian;
        if (!swap && Holds<T>() && typeof(T) != typeof(bool))
        {
            MemoryMarshal.Cast<byte, T>(source[..(n * ItemSize)]).CopyTo(destination);
            return;
        }
        if (typeof(T) == typeof(double)) { ConvertFloat(source, DTypes.SpanConvert.Retype<T, double>(destination)); return; }
        if (typeof(T) == typeof(float)) { ConvertFloat(source, DTypes.SpanConvert.Retype<T, float>(destination)); return; }
        if (typeof(T) == typeof(Half)) { ConvertFloat(source, DTypes.SpanConvert.Retype<T, Half>(destination)); return; }
        // An integer or bool target: decode the file's elements in their own type (host byte order), then convert, checked.
        switch (Kind, ItemSize)
        {
            case ('b', 1):
            {
                var flags = ArrayPool<bool>.Shared.Rent(n);
                for (int i = 0; i < n; i++) flags[i] = source[i] != 0; // a byte other than 0 or 1 still means true
                DTypes.SpanConvert.Convert<bool, T>(flags.AsSpan(0, n), destination, first);
                ArrayPool<bool>.Shared.Return(flags);
                break;
            }
            case ('i', 4): Decoded<int, int, T>(source, destination, first, swap); break;
            case ('i', 8): Decoded<long, long, T>(source, destination, first, swap); break;
            case ('f', 4): Decoded<int, float, T>(source, destination, first, swap); break;
            case ('f', 8): Decoded<long, double, T>(source, destination, first, swap); break;
            default: throw new InvalidOperationException($"npy: no converter for {this}");
        }
    }

    /// <summary>Whether the elements are <typeparamref name="T"/>'s (kind and width; byte order aside).</summary>
    private bool Holds<T>() where T : unmanaged => (Kind, ItemSize) switch
    {
        ('f', 8) => typeof(T) == typeof(double),
        ('f', 4) => typeof(T) == typeof(float),
        ('f', 2) => typeof(T) == typeof(Half),
        ('i', 8) => typeof(T) == typeof(long),
        ('i', 4) => typeof(T) == typeof(int),
        ('b', 1) => typeof(T) == typeof(bool),
        _ => false,
    };

    /// <summary>
    /// Copies the raw elements (as the integer <typeparamref name="TBits"/> of their width) into pooled memory, swaps
    /// their bytes if the file's order is not the host's, reads them as <typeparamref name="TFile"/> and converts.
    /// </summary>
    private static void Decoded<TBits, TFile, T>(ReadOnlySpan<byte> source, Span<T> destination, long first, bool swap)
        where TBits : unmanaged, IBinaryInteger<TBits> where TFile : unmanaged where T : unmanaged
    {
        int n = destination.Length;
        var pool = ArrayPool<TBits>.Shared.Rent(n);
        var bits = pool.AsSpan(0, n);
        MemoryMarshal.Cast<byte, TBits>(source[..(n * System.Runtime.CompilerServices.Unsafe.SizeOf<TBits>())]).CopyTo(bits);
        if (swap)
        {
            if (typeof(TBits) == typeof(int)) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<TBits, int>(bits), MemoryMarshal.Cast<TBits, int>(bits));
            else BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<TBits, long>(bits), MemoryMarshal.Cast<TBits, long>(bits));
        }
        DTypes.SpanConvert.Convert<TFile, T>(MemoryMarshal.Cast<TBits, TFile>(bits), destination, first);
        ArrayPool<TBits>.Shared.Return(pool);
    }

    private void ConvertFloat<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = destination.Length;
        if (Kind == 'b')
        {
            for (int i = 0; i < n; i++) destination[i] = source[i] != 0 ? T.One : T.Zero;
            return;
        }
        if (!BigEndian == BitConverter.IsLittleEndian && Kind == 'f' && ItemSize == System.Runtime.CompilerServices.Unsafe.SizeOf<T>())
        {
            MemoryMarshal.Cast<byte, T>(source[..(n * ItemSize)]).CopyTo(destination);
            return;
        }
        if (Kind == 'f' && !BigEndian && BitConverter.IsLittleEndian)
        {
            // Little-endian floats of the other width on a little-endian host: one SIMD conversion.
            if (ItemSize == 8 && typeof(T) == typeof(float))
            {
                FloatConvert.Narrow(MemoryMarshal.Cast<byte, double>(source[..(n * 8)]), MemoryMarshal.Cast<T, float>(destination));
                return;
            }
            if (ItemSize == 4 && typeof(T) == typeof(double))
            {
                FloatConvert.Widen(MemoryMarshal.Cast<byte, float>(source[..(n * 4)]), MemoryMarshal.Cast<T, double>(destination));
                return;
            }
        }
        switch (Kind, ItemSize, BigEndian)
        {
            case ('f', 8, false):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]));
                break;
            case ('f', 8, true):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleBigEndian(source[(8 * i)..]));
                break;
            case ('f', 4, false):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]));
                break;
            case ('f', 4, true):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleBigEndian(source[(4 * i)..]));
                break;
            case ('f', 2, false):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]));
                break;
            case ('f', 2, true):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadHalfBigEndian(source[(2 * i)..]));
                break;
            case ('i', 8, false):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]));
                break;
            case ('i', 8, true):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt64BigEndian(source[(8 * i)..]));
                break;
            case ('i', 4, false):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]));
                break;
            case ('i', 4, true):
                for (int i = 0; i < n; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt32BigEndian(source[(4 * i)..]));
                break;
            default:
                throw new InvalidOperationException($"npy: no converter for {this}");
        }
    }
}
