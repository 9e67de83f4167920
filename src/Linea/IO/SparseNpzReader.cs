using System.IO.Compression;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Reads SciPy's sparse <c>.npz</c> archives (<c>scipy.sparse.save_npz</c>): a zip of .npy members <c>format</c> (a 0-d
/// byte or unicode string: <c>csr</c>, <c>csc</c> or <c>coo</c>), <c>shape</c> (two integers), <c>data</c>, and either
/// <c>indices</c> and <c>indptr</c> (CSR, CSC) or <c>row</c> and <c>col</c> (COO; <c>coords</c>, a (2, nnz) array, is
/// accepted too). Every member's dtype, shape and values are validated; any inconsistency is a
/// <see cref="TensorFormatException"/> naming the archive and the member.
/// </summary>
internal static class SparseNpzReader
{
    public static SparseMatrix<T> Read<T>(Stream stream, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new TensorFormatException($"load_npz: {source}: not a zip archive ({e.Message}); a SciPy sparse .npz file is one", e);
        }
        using (zip)
        {
            try
            {
                return ReadArchive<T>(zip, source);
            }
            catch (InvalidDataException e)
            {
                throw new TensorFormatException($"load_npz: {source}: a member is corrupt ({e.Message})", e);
            }
        }
    }

    private static SparseMatrix<T> ReadArchive<T>(ZipArchive zip, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string format = Member(zip, source, "format", (s, h) => NpyMember.ReadString(s, h));
        long[] shape = Member(zip, source, "shape", (s, h) => NpyMember.ReadIntegers(s, h));
        if (shape.Length != 2)
            throw Error(source, $"'shape' must hold two lengths (rows, columns), found {shape.Length}: a sparse matrix is 2-D");
        if (shape[0] < 0 || shape[1] < 0 || shape[0] > int.MaxValue || shape[1] > int.MaxValue)
            throw Error(source, $"shape ({shape[0]}, {shape[1]}) is negative or has more than {int.MaxValue} rows or columns, the most a Linea matrix holds");
        int rows = (int)shape[0], columns = (int)shape[1];
        if (format is not ("csr" or "csc" or "coo"))
            throw format is "bsr" or "dia" or "lil" or "dok"
                ? new NotSupportedException($"load_npz: {source}: the format '{format}' is not supported; Linea reads csr, csc and coo (convert with tocsr() before save_npz)")
                : Error(source, $"unknown format '{format}' in the 'format' member; expected csr, csc or coo");
        T[] data = Member(zip, source, "data", (s, h) => NpyMember.ReadValues<T>(s, h));

        try
        {
            switch (format)
            {
                case "csr":
                case "csc":
                {
                    var kind = format == "csr" ? SparseFormat.Csr : SparseFormat.Csc;
                    int minor = kind == SparseFormat.Csr ? columns : rows;
                    int[] indices = Member(zip, source, "indices", (s, h) => NpyMember.ReadIndices(s, h, minor, kind == SparseFormat.Csr ? "column" : "row"));
                    long[] indptr = Member(zip, source, "indptr", (s, h) => NpyMember.ReadIntegers(s, h));
                    return Sparse.FromCompressed<T>(kind, rows, columns, indptr, indices, data, "load_npz");
                }
                default:
                {
                    var (row, col) = ReadCoordinates(zip, source, rows, columns);
                    return Sparse.Coo<T>(rows, columns, row, col, data);
                }
            }
        }
        catch (ArgumentException e)
        {
            // The compressed arrays disagree (indptr length, order or end, array lengths): the file is inconsistent.
            throw Error(source, WithoutOperation(e), e);
        }
    }

    private static (int[] Row, int[] Col) ReadCoordinates(ZipArchive zip, string source, int rows, int columns)
    {
        if (zip.GetEntry("row.npy") is null && zip.GetEntry("coords.npy") is not null)
        {
            // A (2, nnz) array of row and column indices, in C order.
            return Member(zip, source, "coords", (stream, header) =>
            {
                if (header.Shape.Length != 2 || header.Shape[0] != 2)
                    throw Error(source, $"'coords' must have shape (2, nnz) for a matrix, found {Shape.Format(header.Shape)}");
                long nnz = header.Shape[1];
                var half = header with { Shape = [nnz], Count = nnz };
                return (NpyMember.ReadIndices(stream, half, rows, "row"), NpyMember.ReadIndices(stream, half, columns, "column"));
            });
        }
        return (Member(zip, source, "row", (s, h) => NpyMember.ReadIndices(s, h, rows, "row")),
                Member(zip, source, "col", (s, h) => NpyMember.ReadIndices(s, h, columns, "column")));
    }

    private static TResult Member<TResult>(ZipArchive zip, string source, string name, Func<Stream, NpyMember.Header, TResult> read)
    {
        var entry = zip.GetEntry(name + ".npy")
            ?? throw Error(source, $"no '{name}' array: this is not a SciPy sparse .npz file (it holds {string.Join(", ", zip.Entries.Select(e => e.FullName))})");
        using var stream = entry.Open();
        try
        {
            return read(stream, NpyMember.ReadHeader(stream, $"{source} member {name}.npy", entry.Length));
        }
        catch (TensorFormatException e) when (e.Message.StartsWith(NpyPrefix, StringComparison.Ordinal))
        {
            // The member readers speak as the .npy reader; name the operation the caller called.
            throw new TensorFormatException($"load_npz: {e.Message[NpyPrefix.Length..]}", e);
        }
    }

    private const string NpyPrefix = "npy: ";

    /// <summary>The message of a validation error from <see cref="Sparse"/> without its "op: " prefix and parameter suffix.</summary>
    private static string WithoutOperation(ArgumentException e)
    {
        string message = e.Message;
        string suffix = $" (Parameter '{e.ParamName}')";
        if (e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !message[..colon].Contains(' ', StringComparison.Ordinal) ? message[(colon + 2)..] : message;
    }

    private static TensorFormatException Error(string source, string message, Exception? inner = null) =>
        inner is null ? new($"load_npz: {source}: {message}") : new($"load_npz: {source}: {message}", inner);
}
