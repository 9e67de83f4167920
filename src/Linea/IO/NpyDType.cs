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
    public const string Supported = "'<f8', '<f4', '<f2', '<i8', '<i4' (and the same with '>', '=' or '|')";

    /// <summary>The descr NumPy writes for <typeparamref name="T"/> on a little-endian machine.</summary>
    public static string DescrOf<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return "<f8";
        if (typeof(T) == typeof(float)) return "<f4";
        if (typeof(T) == typeof(Half)) return "<f2";
        throw new NotSupportedException($"npy: Linea tensors hold float or double; {typeof(T).Name} is not supported");
    }

    /// <summary>The descr in NumPy's canonical form, e.g. <c>'&lt;f8'</c>.</summary>
    public override string ToString() => $"{(BigEndian ? '>' : '<')}{Kind}{ItemSize}";

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
        }
        reason = kind switch
        {
            "c" => "complex numbers are not supported",
            "O" => "object arrays (pickled Python objects) are not supported",
            "U" or "S" or "a" => "string arrays are not supported",
            "V" => "raw void / structured arrays are not supported",
            "M" or "m" => "datetime and timedelta arrays are not supported",
            "b" or "?" => "boolean arrays are not supported",
            "u" => "unsigned integer arrays are not supported",
            "i" or "f" => $"this width ({kind}{size}) is not supported",
            _ => "this is not a dtype Linea knows",
        };
        return null;
    }

    /// <summary>
    /// Converts <paramref name="source"/> (whole elements of this type) into <paramref name="destination"/>,
    /// swapping bytes if needed and rounding to nearest when <typeparamref name="T"/> is narrower.
    /// </summary>
    public void Convert<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = destination.Length;
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
