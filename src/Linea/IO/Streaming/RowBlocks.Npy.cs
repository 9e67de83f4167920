using System.Buffers;
using System.Numerics;
using Linea.IO;

namespace Linea;

public static partial class RowBlocks
{
    /// <summary>
    /// The rows of the 1-d or 2-d .npy file at <paramref name="path"/>, read a block at a time; a 1-d file reads as
    /// one column. Opening reads only the header. A C-order file holding exactly <typeparamref name="T"/> is
    /// memory-mapped one block at a time: each block is a view of the mapping (nothing copied), and the window is
    /// unmapped when the pass moves on, so resident memory stays about one block however large the file. Any other
    /// file (Fortran order, another dtype such as float32 read as double, big-endian) is read with positioned reads
    /// into one reused buffer of a block, converted as <see cref="Npy.Load{T}(string)"/> converts. Each pass reports
    /// rows and file bytes read. Memory held: one block, O(blockRows x columns).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The .npy file.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="TensorFormatException">Not a .npy file, an unsupported dtype, or fewer data bytes than the header declares.</exception>
    /// <exception cref="ShapeMismatchException">The array is not 1-d or 2-d.</exception>
    public static IRowBlockSource<T> Npy<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        NpyHeader header;
        long dataOffset, fileLength;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            header = NpyHeader.Read(file, $"'{path}'");
            dataOffset = file.Position;
            fileLength = file.Length;
        }
        if (header.Shape.Length is not (1 or 2) || (header.Shape.Length == 2 && header.Shape[1] > int.MaxValue))
            ThrowHelper.ShapeMismatch("row blocks",
                $"row blocks: '{path}' holds shape {Shape.Format(header.Shape)}; a row-block source reads a 1-d (one column) or 2-d array with at most {int.MaxValue} columns",
                new Shape(header.Shape));
        long needed = header.ElementCount * header.DType.ItemSize;
        if (fileLength - dataOffset < needed)
            throw NpyHeader.Error($"'{path}'",
                $"truncated: the header declares shape {Shape.Format(header.Shape)} of {header.DType} ({needed} bytes) but only {fileLength - dataOffset} bytes of data follow");
        return new NpyRowBlocks<T>(path, header, dataOffset, fileLength);
    }

    private sealed class NpyRowBlocks<T>(string path, NpyHeader header, long dataOffset, long fileLength) : IRowBlockSource<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _mapped = !header.FortranOrder && header.DType.ToString() == NpyDType.DescrOf<T>() && BitConverter.IsLittleEndian;

        public long Rows => header.Shape[0];

        public int Columns => header.Shape.Length == 1 ? 1 : (int)header.Shape[1];

        public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null)
        {
            CheckBlockRows(blockRows);
            return _mapped ? Mapped(blockRows, progress) : Copied(blockRows, progress);
        }

        private long RowBytes => (long)Columns * header.DType.ItemSize;

        private void Report(IProgress<RowBlockProgress>? progress, long stop) =>
            progress?.Report(new RowBlockProgress(stop, Rows, dataOffset + stop * RowBytes, fileLength));

        /// <summary>C order, native type: each block is a view of its own mapping window, unmapped when the pass moves on.</summary>
        private IEnumerable<RowBlock<T>> Mapped(int blockRows, IProgress<RowBlockProgress>? progress)
        {
            long rows = Rows;
            int columns = Columns;
            for (long start = 0; start < rows; start += blockRows)
            {
                long stop = Math.Min(rows, start + blockRows);
                long count = stop - start;
                if (columns == 0)
                {
                    yield return new RowBlock<T>(start, NDArray.Zeros<T>(count, 0));
                    Report(progress, stop);
                    continue;
                }
                var window = new Storage.MappedStorage<T>(path, dataOffset + start * RowBytes, count * columns, MmapMode.ReadOnly);
                try
                {
                    yield return new RowBlock<T>(start, new NDArray<T>(window, 0, [count, columns], [columns, 1]));
                }
                finally
                {
                    window.Dispose();
                }
                Report(progress, stop);
            }
        }

        /// <summary>Fortran order or a converted dtype: positioned reads into one reused C-order buffer.</summary>
        private IEnumerable<RowBlock<T>> Copied(int blockRows, IProgress<RowBlockProgress>? progress)
        {
            long rows = Rows;
            int columns = Columns, item = header.DType.ItemSize;
            int capacity = (int)Math.Min(rows, blockRows);
            if ((long)capacity * columns > Array.MaxLength)
                ThrowHelper.Argument("row blocks", nameof(blockRows), $"a block of {capacity} x {columns} elements exceeds one array; use fewer rows per block");
            var buffer = new T[(long)capacity * columns];
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int chunkElements = 1 << 13;
            byte[] bytes = ArrayPool<byte>.Shared.Rent(chunkElements * item);
            T[] column = header.FortranOrder ? new T[capacity] : [];
            try
            {
                for (long start = 0; start < rows; start += blockRows)
                {
                    int count = (int)(Math.Min(rows, start + blockRows) - start);
                    if (header.FortranOrder)
                    {
                        for (int c = 0; c < columns; c++)
                        {
                            ReadConverted(file, dataOffset + ((long)c * rows + start) * item, column.AsSpan(0, count), bytes, item);
                            for (int i = 0; i < count; i++) buffer[(long)i * columns + c] = column[i];
                        }
                    }
                    else
                    {
                        ReadConverted(file, dataOffset + start * RowBytes, buffer.AsSpan(0, count * columns), bytes, item);
                    }
                    yield return new RowBlock<T>(start, new NDArray<T>(buffer, 0, [count, columns], [columns, 1]));
                    Report(progress, start + count);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        private void ReadConverted(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, Span<T> destination, byte[] bytes, int item)
        {
            int perChunk = bytes.Length / item;
            for (int done = 0; done < destination.Length;)
            {
                int n = Math.Min(perChunk, destination.Length - done);
                var chunk = bytes.AsSpan(0, n * item);
                for (int got = 0; got < chunk.Length;)
                {
                    int read = RandomAccess.Read(file, chunk[got..], offset + got);
                    if (read == 0)
                        throw NpyHeader.Error($"'{path}'", $"the file ended at byte {offset + got} while a pass was reading it (was it truncated since it was opened?)");
                    got += read;
                }
                header.DType.Convert(chunk, destination.Slice(done, n));
                offset += chunk.Length;
                done += n;
            }
        }
    }
}
