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
    /// <typeparam name="T"><c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>: the element type of the result,
    /// whatever the file holds ('&lt;f8', '&lt;f4', '&lt;i8', '&lt;i4', '|b1'); to an integer type values convert as
    /// <see cref="NDArray{TScalar}.AsType{TOut}"/> does (an <see cref="OverflowException"/> names a NaN or out-of-range element).</typeparam>
    /// <param name="path">The file to read.</param>
    /// <returns>A new C-contiguous tensor with the file's shape.</returns>
    /// <exception cref="TensorFormatException">The file is not a .npy file, is truncated, or holds an unsupported dtype
    /// (complex, object, string, structured); the message names the file and what was found.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static NDArray<T> Load<T>(string path) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
        return Read<T>(file, $"'{path}'");
    }

    /// <summary>Reads one .npy array from <paramref name="stream"/>, starting at its current position.</summary>
    /// <typeparam name="T"><c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>: the element type of the result,
    /// whatever the stream holds (converted as <see cref="Load{T}(string)"/> says).</typeparam>
    /// <param name="stream">A readable stream, left open and positioned after the array's data.</param>
    /// <returns>A new C-contiguous tensor with the stored shape.</returns>
    /// <exception cref="TensorFormatException">The data is not in .npy format, is truncated, or holds an unsupported dtype.</exception>
    public static NDArray<T> Load<T>(Stream stream) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) ThrowHelper.Argument("npy.load", nameof(stream), "the stream is not readable");
        return Read<T>(stream, "(stream)");
    }

    /// <summary>Saves <paramref name="tensor"/> to <paramref name="path"/> in .npy format, replacing any existing file.</summary>
    /// <typeparam name="T"><c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>, written as NumPy's
    /// <c>'&lt;f4'</c>, <c>'&lt;f8'</c>, <c>'&lt;i4'</c>, <c>'&lt;i8'</c> or <c>'|b1'</c>.</typeparam>
    /// <param name="path">The file to create or overwrite; by convention it ends in <c>.npy</c>.</param>
    /// <param name="tensor">The tensor to store; any view, including strided, transposed and 0-d ones.</param>
    public static void Save<T>(string path, NDArray<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes);
        Write(file, tensor);
    }

    /// <summary>Writes <paramref name="tensor"/> in .npy format to <paramref name="stream"/> at its current position.</summary>
    /// <typeparam name="T"><c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>, written as NumPy's
    /// <c>'&lt;f4'</c>, <c>'&lt;f8'</c>, <c>'&lt;i4'</c>, <c>'&lt;i8'</c> or <c>'|b1'</c>.</typeparam>
    /// <param name="stream">A writable stream, left open.</param>
    /// <param name="tensor">The tensor to store; any view, including strided, transposed and 0-d ones.</param>
    public static void Save<T>(Stream stream, NDArray<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!stream.CanWrite) ThrowHelper.Argument("npy.save", nameof(stream), "the stream is not writable");
        Write(stream, tensor);
    }

    /// <summary>
    /// Loads the .npy file at <paramref name="path"/>, mapped into memory unless <paramref name="mode"/> is
    /// <see cref="MmapMode.None"/> (NumPy's <c>np.load(path, mmap_mode=...)</c>). Opening a mapping reads only the
    /// header, whatever the file's size; elements are read from disk as they are touched, so slicing or reducing a
    /// part reads only its pages. A Fortran-order file maps to a tensor with Fortran strides (a view, as NumPy's
    /// memmap); sizes are 64-bit, so files of more than 2^31 elements work. Release the mapping with
    /// <see cref="NDArray{TScalar}.Dispose"/> (or let the garbage collector do it); a read-write mapping is flushed to
    /// the file then.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>; a mapping needs the file to hold exactly this type in the
    /// machine's byte order ('&lt;f4' or '&lt;f8' here), since mapped elements are not converted.</typeparam>
    /// <param name="path">The file to open.</param>
    /// <param name="mode"><see cref="MmapMode.ReadOnly"/> (writes throw), <see cref="MmapMode.CopyOnWrite"/> (writes stay
    /// in memory) or <see cref="MmapMode.ReadWrite"/> (writes go to the file); <see cref="MmapMode.None"/> reads it all.</param>
    /// <exception cref="TensorFormatException">Not a .npy file, truncated, or (mapped) a dtype other than <typeparamref name="T"/>.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static NDArray<T> Load<T>(string path, MmapMode mode) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        if (mode == MmapMode.None) return Load<T>(path);
        if (!Enum.IsDefined(mode)) ThrowHelper.Argument("npy.load", nameof(mode), $"unknown mmap mode {(int)mode}");
        NpyHeader header;
        long dataOffset, fileLength;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            header = NpyHeader.Read(file, $"'{path}'");
            dataOffset = file.Position;
            fileLength = file.Length;
        }
        string expected = NpyDType.DescrOf<T>();
        if (header.DType.ToString() != expected)
            throw NpyHeader.Error($"'{path}'",
                $"holds {header.DType}, and a memory mapping cannot convert elements: map it as the matching type, or load it with MmapMode.None to convert to {typeof(T).Name} ({expected})");
        long bytes = header.ElementCount * header.DType.ItemSize;
        if (fileLength - dataOffset < bytes)
            throw Truncated($"'{path}'", header, bytes, fileLength - dataOffset);
        var storage = new Storage.MappedStorage<T>(path, dataOffset, header.ElementCount, mode);
        return new NDArray<T>(storage, 0, (long[])header.Shape.Clone(), header.FortranOrder ? FortranStrides(header.Shape) : Shape.ContiguousStrides(header.Shape));
    }

    /// <summary>
    /// Creates a new .npy file of the given C-order <paramref name="shape"/> (replacing any file at
    /// <paramref name="path"/>) and maps it, so a result larger than memory can be filled block by block (NumPy's
    /// <c>numpy.lib.format.open_memmap(path, mode='w+', dtype, shape)</c>). The file is created sparse: its
    /// elements read as zeros and take disk space only as they are written. The header is byte-identical to
    /// <c>np.save</c>'s, so NumPy reads the file.
    /// </summary>
    /// <param name="path">The file to create.</param>
    /// <param name="mode"><see cref="MmapMode.ReadWrite"/> to fill the file; <see cref="MmapMode.CopyOnWrite"/> or
    /// <see cref="MmapMode.ReadOnly"/> map the new zero file without writing to it.</param>
    /// <param name="shape">The shape, 64-bit lengths.</param>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is <see cref="MmapMode.None"/>, or a length is negative.</exception>
    public static NDArray<T> OpenMemmap<T>(string path, MmapMode mode, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (mode == MmapMode.None || !Enum.IsDefined(mode))
            ThrowHelper.Argument("npy.open_memmap", nameof(mode), $"open_memmap maps the new file: use ReadWrite, CopyOnWrite or ReadOnly, not {mode}");
        var s = new Shape(shape);
        int itemSize = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            NpyHeader.Write(file, NpyDType.DescrOf<T>(), s.Dims);
            file.SetLength(file.Position + s.Size * itemSize);
        }
        return Load<T>(path, mode);
    }

    private static long[] FortranStrides(long[] dims)
    {
        var strides = new long[dims.Length];
        long step = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            strides[i] = step;
            step *= Math.Max(dims[i], 1);
        }
        return strides;
    }

    private static NDArray<T> Read<T>(Stream stream, string source) where T : unmanaged
    {
        NDArray.RequireSupported<T>("npy.load");
        var header = NpyHeader.Read(stream, source);
        var data = ReadData<T>(stream, header, source);
        long[] dims = header.Shape;
        if (!header.FortranOrder)
            return new NDArray<T>(data, 0, dims, Shape.ContiguousStrides(dims));

        // Column-major data: view it with Fortran strides, then copy into C order.
        var fortran = new NDArray<T>(data, 0, dims, FortranStrides(dims));
        return fortran.IsContiguous ? fortran : fortran.Copy();
    }

    /// <summary>
    /// Reads the element bytes in chunks, converting each chunk. With a seekable stream the length is
    /// checked first; otherwise the result grows (doubling) only as bytes arrive, so a header that
    /// claims more data than exists never causes a large allocation.
    /// </summary>
    private static Storage.TensorStorage<T> ReadData<T>(Stream stream, NpyHeader header, string source) where T : unmanaged
    {
        long count = header.ElementCount;
        int itemSize = header.DType.ItemSize;
        long needed = count * itemSize;
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available < needed)
                throw Truncated(source, header, needed, available);
            // The size is known: read straight into storage of the final size (native memory above 2^31 elements).
            var storage = Storage.TensorStorage<T>.Allocate(count, zero: false, op: "npy load");
            ReadInto(stream, header, source, storage, count, needed);
            return storage;
        }
        if (count > Array.MaxLength)
            throw NpyHeader.Error(source, $"shape {Shape.Format(header.Shape)} has more elements than Linea reads from a stream that cannot seek ({Array.MaxLength}); load it from a file");
        return new Storage.ManagedStorage<T>(ReadGrowing<T>(stream, header, source, needed));
    }

    private static void ReadInto<T>(Stream stream, NpyHeader header, string source, Storage.TensorStorage<T> storage, long count, long needed)
        where T : unmanaged
    {
        int itemSize = header.DType.ItemSize;
        int perChunk = ChunkBytes / itemSize;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long filled = 0; filled < count;)
            {
                int n = (int)Math.Min(perChunk, count - filled);
                int bytes = n * itemSize;
                int got = stream.ReadAtLeast(chunk.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
                if (got < bytes)
                    throw Truncated(source, header, needed, filled * itemSize + got);
                header.DType.Convert<T>(chunk.AsSpan(0, bytes), storage.Span(filled, n), filled);
                filled += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static T[] ReadGrowing<T>(Stream stream, NpyHeader header, string source, long needed) where T : unmanaged
    {
        long count = header.ElementCount;
        int itemSize = header.DType.ItemSize;

        int perChunk = ChunkBytes / itemSize;
        var result = new T[Math.Min(count, perChunk)];
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
                header.DType.Convert<T>(chunk.AsSpan(0, bytes), result.AsSpan((int)filled, n), filled);
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

    private static void Write<T>(Stream stream, NDArray<T> tensor) where T : unmanaged
    {
        NpyHeader.Write(stream, NpyDType.DescrOf<T>(), tensor.Dims);
        var source = tensor.IsContiguous ? tensor : tensor.Copy();
        if (source.Size > int.MaxValue)
        {
            // One span holds at most 2^31 elements: write a large tensor row block by row block.
            var flat = source.Reshape(-1);
            for (long start = 0; start < flat.Size; start += 1 << 24)
                WriteValues(stream, flat[Slice.Range(start, Math.Min(flat.Size, start + (1 << 24)))].ContiguousSpan);
            return;
        }
        WriteValues(stream, source.ContiguousSpan);
    }

    private static void WriteValues<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged
    {
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
                var bytes = chunk.AsSpan(0, part.Length * size);
                MemoryMarshal.AsBytes(part).CopyTo(bytes);
                // Reverse each element's bytes (any element type: floats and integers alike are stored little-endian).
                if (size == 8) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(bytes), MemoryMarshal.Cast<byte, long>(bytes));
                else if (size == 4) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(bytes), MemoryMarshal.Cast<byte, int>(bytes));
                stream.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
