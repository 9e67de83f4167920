using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Linea.IO;

/// <summary>
/// Writes a sparse matrix as SciPy's <c>save_npz</c> does for a CSR or CSC matrix: a zip of <c>indices.npy</c>
/// (int32), <c>indptr.npy</c> (int32 while the entry count fits, else int64, as SciPy chooses), <c>format.npy</c> (the
/// 0-d byte string <c>csr</c> or <c>csc</c>), <c>shape.npy</c> (int64, (2,)) and <c>data.npy</c> (float64 or float32),
/// deflated or stored. The arrays are written straight from the matrix, in blocks, without copies.
/// </summary>
internal static class SparseNpzWriter
{
    /// <summary>Elements per write: large enough for the deflater, small enough for native storage beyond 2^31 entries.</summary>
    private const int Block = 1 << 20;

    public static void Write<T>(Stream stream, SparseMatrix<T> matrix, bool compressed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("save_npz: writing .npz files needs a little-endian machine");
        var level = compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        long nnz = matrix.Nnz;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteMember(zip, "indices.npy", level, member =>
        {
            NpyHeader.Write(member, "<i4", [nnz]);
            for (long at = 0; at < nnz; at += Block)
                member.Write(MemoryMarshal.AsBytes(matrix.Idx.Span(at, (int)Math.Min(Block, nnz - at))));
        });
        WriteMember(zip, "indptr.npy", level, member =>
        {
            long[] ptr = matrix.Ptr;
            if (nnz <= int.MaxValue)
            {
                var narrow = new int[ptr.Length];
                for (int i = 0; i < ptr.Length; i++) narrow[i] = (int)ptr[i];
                NpyMember.Write<int>(member, "<i4", [narrow.Length], narrow);
            }
            else NpyMember.Write<long>(member, "<i8", [ptr.Length], ptr);
        });
        string format = matrix.Format == SparseFormat.Csr ? "csr" : "csc";
        WriteMember(zip, "format.npy", level, member => NpyMember.Write<byte>(member, "|S3", [], System.Text.Encoding.ASCII.GetBytes(format)));
        WriteMember(zip, "shape.npy", level, member => NpyMember.Write<long>(member, "<i8", [2], [matrix.Rows, matrix.Columns]));
        WriteMember(zip, "data.npy", level, member =>
        {
            NpyHeader.Write(member, NpyDType.DescrOf<T>(), [nnz]);
            for (long at = 0; at < nnz; at += Block)
                member.Write(MemoryMarshal.AsBytes(matrix.Val.Span(at, (int)Math.Min(Block, nnz - at))));
        });
    }

    private static void WriteMember(ZipArchive zip, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        using var member = entry.Open();
        write(member);
    }
}
