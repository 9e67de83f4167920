using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Linea.IO;

namespace Linea;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> format (<c>np.load</c> / <c>np.save</c>), so tensors move
/// between Linea and Python without loss.
/// </summary>
/// <remarks>
/// <para><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0 and the element types
/// <c>float64</c>, <c>float32</c>, <c>int64</c> and <c>int32</c> in either byte order (big-endian data
/// is byte-swapped), in C or Fortran order. Values are converted to the element type of the call:
/// <c>float32</c> to <c>double</c> and <c>int32</c> to <c>double</c> are exact; <c>int64</c> to
/// <c>double</c> is exact for magnitudes up to 2^53 and rounds to nearest beyond; anything narrowed to
/// <c>float</c> rounds to nearest, as NumPy's <c>astype(np.float32)</c> does. The result is always
/// C-contiguous, also for Fortran-order files. Sizes in the header are checked before anything is
/// allocated: against the stream length when the stream can seek, and otherwise by growing the
/// buffer only as data actually arrives.</para>
/// <para><b>Writing</b> produces the same bytes as <c>np.save</c>: version 1.0 (2.0 only if the header
/// would not fit in 65,535 bytes), descr <c>'&lt;f8'</c> or <c>'&lt;f4'</c>, C order, the header padded
/// with spaces to a multiple of 64 bytes and ended with a newline. Strided views are written in C order.</para>
/// <para>The stream overloads read or write exactly one array starting at the current position and
/// leave the stream open, so several arrays may follow one another.</para>
/// </remarks>
public static class Npy
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Loads the array stored in the .npy file at <paramref name="path"/>.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>: the element type of the result, whatever the file holds.</typeparam>
    /// <param name="path">The file to read.</param>
    /// <returns>A new C-contiguous tensor with the file's shape.</returns>
    /// <exception cref="TensorFormatException">The file is not a .npy file, is truncated, or holds an unsupported dtype
    /// (complex, object, string, structured); the message names the file and what was found.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static Tensor<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
        return Read<T>(file, $"'{path}'");
    }

    /// <summary>Reads one .npy array from <paramref name="stream"/>, starting at its current position.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>: the element type of the result, whatever the stream holds.</typeparam>
    /// <param name="stream">A readable stream, left open and positioned after the array's data.</param>
    /// <returns>A new C-contiguous tensor with the stored shape.</returns>
    /// <exception cref="TensorFormatException">The data is not in .npy format, is truncated, or holds an unsupported dtype.</exception>
    public static Tensor<T> Load<T>(Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) ThrowHelper.Argument("npy.load", nameof(stream), "the stream is not readable");
        return Read<T>(stream, "(stream)");
    }

    /// <summary>Saves <paramref name="tensor"/> to <paramref name="path"/> in .npy format, replacing any existing file.</summary>
    /// <typeparam name="T"><c>float</c> (written as <c>'&lt;f4'</c>) or <c>double</c> (written as <c>'&lt;f8'</c>).</typeparam>
    /// <param name="path">The file to create or overwrite; by convention it ends in <c>.npy</c>.</param>
    /// <param name="tensor">The tensor to store; any view, including strided, transposed and 0-d ones.</param>
    public static void Save<T>(string path, Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes);
        Write(file, tensor);
    }

    /// <summary>Writes <paramref name="tensor"/> in .npy format to <paramref name="stream"/> at its current position.</summary>
    /// <typeparam name="T"><c>float</c> (written as <c>'&lt;f4'</c>) or <c>double</c> (written as <c>'&lt;f8'</c>).</typeparam>
    /// <param name="stream">A writable stream, left open.</param>
    /// <param name="tensor">The tensor to store; any view, including strided, transposed and 0-d ones.</param>
    public static void Save<T>(Stream stream, Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!stream.CanWrite) ThrowHelper.Argument("npy.save", nameof(stream), "the stream is not writable");
        Write(stream, tensor);
    }

    private static Tensor<T> Read<T>(Stream stream, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var header = NpyHeader.Read(stream, source);
        T[] data = ReadData<T>(stream, header, source);
        int[] dims = header.Shape;
        if (!header.FortranOrder)
            return new Tensor<T>(data, 0, dims, Shape.ContiguousStrides(dims));

        // Column-major data: view it with Fortran strides, then copy into C order.
        var strides = new int[dims.Length];
        int step = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            strides[i] = step;
            step *= Math.Max(dims[i], 1);
        }
        var fortran = new Tensor<T>(data, 0, dims, strides);
        return fortran.IsContiguous ? fortran : fortran.Copy();
    }

    /// <summary>
    /// Reads the element bytes in chunks, converting each chunk. With a seekable stream the length is
    /// checked first; otherwise the result grows (doubling) only as bytes arrive, so a header that
    /// claims more data than exists never causes a large allocation.
    /// </summary>
    private static T[] ReadData<T>(Stream stream, NpyHeader header, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long count = header.ElementCount;
        int itemSize = header.DType.ItemSize;
        long needed = count * itemSize;
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available < needed)
                throw Truncated(source, header, needed, available);
        }

        int perChunk = ChunkBytes / itemSize;
        var result = new T[stream.CanSeek ? count : Math.Min(count, perChunk)];
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long filled = 0;
            while (filled < count)
            {
                if (filled == result.Length)
                    Array.Resize(ref result, (int)Math.Min(count, 2L * result.Length));
                int n = (int)Math.Min(perChunk, result.Length - filled);
                int bytes = n * itemSize;
                int got = stream.ReadAtLeast(chunk.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
                if (got < bytes)
                    throw Truncated(source, header, needed, filled * itemSize + got);
                header.DType.Convert<T>(chunk.AsSpan(0, bytes), result.AsSpan((int)filled, n));
                filled += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return result;
    }

    private static TensorFormatException Truncated(string source, NpyHeader header, long needed, long available) =>
        NpyHeader.Error(source,
            $"truncated: the header declares shape {Shape.Format(header.Shape)} of {header.DType} ({header.ElementCount} elements, {needed} bytes) but only {available} bytes of data follow");

    private static void Write<T>(Stream stream, Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NpyHeader.Write(stream, NpyDType.DescrOf<T>(), tensor.Dims);
        ReadOnlySpan<T> values = (tensor.IsContiguous ? tensor : tensor.Copy()).ContiguousSpan;
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        // Big-endian host: the format stores little-endian, as declared in the descr.
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (int start = 0; start < values.Length; start += ChunkBytes / size)
            {
                var part = values.Slice(start, Math.Min(ChunkBytes / size, values.Length - start));
                for (int i = 0; i < part.Length; i++)
                {
                    if (size == 8) BinaryPrimitives.WriteDoubleLittleEndian(chunk.AsSpan(8 * i), double.CreateTruncating(part[i]));
                    else BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(4 * i), float.CreateTruncating(part[i]));
                }
                stream.Write(chunk, 0, part.Length * size);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
