using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Storage;

namespace Linea;

/// <summary>
/// A sparse matrix of <c>float</c> or <c>double</c> in compressed form, CSR or CSC (<see cref="Format"/>), as SciPy's
/// <c>csr_matrix</c>/<c>csc_matrix</c>: <see cref="IndPtr"/> (one entry per row, or per column, plus one) delimits each
/// row's (column's) run in <see cref="Indices"/> (the column, or row, of each stored entry) and <see cref="Data"/> (its
/// value). The pattern is immutable; the values may be changed in place through <see cref="Data"/>.
/// Rows and columns are ints (up to 2^31 - 1 each); the number of stored entries is 64-bit: above
/// <see cref="Array.MaxLength"/> entries the index and value arrays live in native memory.
/// Create sparse matrices through the static <see cref="Sparse"/> class; <see cref="T"/> is the transpose as a view
/// (CSR becomes CSC over the same arrays).
/// </summary>
/// <typeparam name="TScalar">The element type, <c>float</c> or <c>double</c> (not called <c>T</c>, which is the transpose).</typeparam>
public sealed partial class SparseMatrix<TScalar> : ILinearOperator<TScalar> where TScalar : unmanaged, IFloatingPointIeee754<TScalar>
{
    internal readonly long[] Ptr;
    internal readonly TensorStorage<int> Idx;
    internal readonly TensorStorage<TScalar> Val;

    /// <summary>Wraps compressed arrays; no validation (callers inside Linea guarantee a valid structure).</summary>
    internal SparseMatrix(SparseFormat format, int rows, int columns, long[] indPtr, TensorStorage<int> indices, TensorStorage<TScalar> values,
        bool sortedIndices, bool canonical)
    {
        if (typeof(TScalar) != typeof(float) && typeof(TScalar) != typeof(double)) ThrowHelper.UnsupportedScalar<TScalar>("sparse");
        Format = format;
        Rows = rows;
        Columns = columns;
        Ptr = indPtr;
        Idx = indices;
        Val = values;
        HasSortedIndices = sortedIndices;
        HasCanonicalFormat = canonical;
    }

    /// <summary>CSR or CSC.</summary>
    public SparseFormat Format { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Columns { get; }

    /// <summary>The shape (Rows, Columns), as a tensor's shape.</summary>
    public Shape Shape => new([Rows, Columns]);

    /// <summary>The number of stored entries, explicit zeros included (SciPy's <c>nnz</c>).</summary>
    public long Nnz => Ptr[^1];

    /// <summary>Stored entries over Rows x Columns (0 for an empty shape).</summary>
    public double Density => (long)Rows * Columns == 0 ? 0 : (double)Nnz / ((double)Rows * Columns);

    /// <summary>The compressed (major) dimension: Rows for CSR, Columns for CSC.</summary>
    public int MajorCount => Format == SparseFormat.Csr ? Rows : Columns;

    /// <summary>The other (minor) dimension: Columns for CSR, Rows for CSC.</summary>
    public int MinorCount => Format == SparseFormat.Csr ? Columns : Rows;

    /// <summary>Whether the indices within every row (column) are strictly increasing: sorted and without duplicates.</summary>
    public bool HasCanonicalFormat { get; }

    /// <summary>Whether the indices within every row (column) are sorted (duplicates allowed).</summary>
    public bool HasSortedIndices { get; }

    /// <summary>Which memory holds the indices and values: managed arrays, or native memory above <see cref="Array.MaxLength"/> entries.</summary>
    public StorageKind StorageKind => Val.Kind;

    /// <summary>
    /// The run delimiters (SciPy's <c>indptr</c>): entry k of row (column) i is at position <c>IndPtr[i] + k</c> of
    /// <see cref="Indices"/> and <see cref="Data"/>, for k below <c>IndPtr[i + 1] - IndPtr[i]</c>. MajorCount + 1 entries.
    /// </summary>
    public ReadOnlySpan<long> IndPtr => Ptr;

    /// <summary>
    /// The minor index of every stored entry (column indices for CSR, row indices for CSC; SciPy's <c>indices</c>).
    /// Throws <see cref="InvalidOperationException"/> when <see cref="Nnz"/> exceeds a span's length; use
    /// <see cref="IndicesOf"/> per row (column) then.
    /// </summary>
    public ReadOnlySpan<int> Indices => Idx.Span(0, WholeLength("Indices"));

    /// <summary>
    /// The value of every stored entry (SciPy's <c>data</c>), writable in place. Throws <see cref="InvalidOperationException"/>
    /// when <see cref="Nnz"/> exceeds a span's length; use <see cref="ValuesOf"/> per row (column) then.
    /// </summary>
    public Span<TScalar> Data => Val.Span(0, WholeLength("Data"));

    /// <summary>The minor indices of row (CSR) or column (CSC) <paramref name="major"/>.</summary>
    public ReadOnlySpan<int> IndicesOf(int major)
    {
        CheckMajor(major);
        return Idx.Span(Ptr[major], (int)(Ptr[major + 1] - Ptr[major]));
    }

    /// <summary>The values of row (CSR) or column (CSC) <paramref name="major"/>, writable in place.</summary>
    public Span<TScalar> ValuesOf(int major)
    {
        CheckMajor(major);
        return Val.Span(Ptr[major], (int)(Ptr[major + 1] - Ptr[major]));
    }

    /// <summary>Internal unchecked access to one run's indices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<int> RunIndices(int major) => Idx.Span(Ptr[major], (int)(Ptr[major + 1] - Ptr[major]));

    /// <summary>Internal unchecked access to one run's values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<TScalar> RunValues(int major) => Val.Span(Ptr[major], (int)(Ptr[major + 1] - Ptr[major]));

    /// <summary>
    /// The transpose as a view: an n x m CSC matrix over this m x n CSR matrix's arrays (or CSR over CSC). O(1), nothing copied.
    /// </summary>
    public SparseMatrix<TScalar> T =>
        new(Format == SparseFormat.Csr ? SparseFormat.Csc : SparseFormat.Csr, Columns, Rows, Ptr, Idx, Val, HasSortedIndices, HasCanonicalFormat);

    /// <summary>The transpose as a view (the same as <see cref="T"/>).</summary>
    public SparseMatrix<TScalar> Transpose() => T;

    /// <summary>
    /// The element at (<paramref name="row"/>, <paramref name="column"/>): the sum of the stored entries there (duplicates
    /// add up, as in SciPy), or zero. O(log k) in the run length k when indices are sorted, O(k) otherwise.
    /// </summary>
    public TScalar this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
                ThrowHelper.Index("sparse index", $"({row}, {column}) is out of range for a sparse matrix of shape ({Rows}, {Columns})");
            (int major, int minor) = Format == SparseFormat.Csr ? (row, column) : (column, row);
            var idx = RunIndices(major);
            var val = RunValues(major);
            if (HasCanonicalFormat)
            {
                int k = idx.BinarySearch(minor);
                return k >= 0 ? val[k] : TScalar.Zero;
            }
            TScalar sum = TScalar.Zero;
            for (int k = 0; k < idx.Length; k++) if (idx[k] == minor) sum += val[k];
            return sum;
        }
    }

    /// <summary>This matrix in CSR form: itself when already CSR, else a converted copy (O(nnz + n)).</summary>
    public SparseMatrix<TScalar> ToCsr() => Format == SparseFormat.Csr ? this : Recompress();

    /// <summary>This matrix in CSC form: itself when already CSC, else a converted copy (O(nnz + n)).</summary>
    public SparseMatrix<TScalar> ToCsc() => Format == SparseFormat.Csc ? this : Recompress();

    /// <summary>This matrix in <paramref name="format"/>.</summary>
    public SparseMatrix<TScalar> AsFormat(SparseFormat format) => format == SparseFormat.Csr ? ToCsr() : ToCsc();

    /// <summary>
    /// The same matrix compressed along the other axis (CSR to CSC or back) by a counting sort of the entries; the
    /// result has sorted indices (duplicates kept, in their original order). O(nnz + Rows + Columns).
    /// </summary>
    private SparseMatrix<TScalar> Recompress()
    {
        int major = MajorCount, minor = MinorCount;
        long nnz = Nnz;
        var ptr = new long[minor + 1];
        for (int i = 0; i < major; i++)
            foreach (int j in RunIndices(i)) ptr[j + 1]++;
        for (int j = 0; j < minor; j++) ptr[j + 1] += ptr[j];
        var idx = TensorStorage<int>.Allocate(nnz, zero: false, op: "sparse format conversion");
        var val = TensorStorage<TScalar>.Allocate(nnz, zero: false, op: "sparse format conversion");
        var next = (long[])ptr.Clone();
        for (int i = 0; i < major; i++)
        {
            var ri = RunIndices(i);
            var rv = RunValues(i);
            for (int k = 0; k < ri.Length; k++)
            {
                long p = next[ri[k]]++;
                idx.At(p) = i;
                val.At(p) = rv[k];
            }
        }
        var format = Format == SparseFormat.Csr ? SparseFormat.Csc : SparseFormat.Csr;
        // Runs come out in increasing major order, so they are sorted; canonical when the source had no duplicates.
        return new SparseMatrix<TScalar>(format, Rows, Columns, ptr, idx, val, sortedIndices: true, canonical: HasCanonicalFormat);
    }

    private void CheckMajor(int major)
    {
        if ((uint)major >= (uint)MajorCount)
            ThrowHelper.Index("sparse", $"{(Format == SparseFormat.Csr ? "row" : "column")} {major} is out of range for a sparse matrix of shape ({Rows}, {Columns})");
    }

    private int WholeLength(string member) => Nnz <= Array.MaxLength ? (int)Nnz
        : throw new InvalidOperationException(
            $"sparse: {member} of a matrix with {Nnz} stored entries does not fit one span; read it per {(Format == SparseFormat.Csr ? "row" : "column")} with {member}Of(i)");

    /// <summary>A one-line summary: "SparseMatrix&lt;Double&gt; (1000, 1000) CSR, nnz=4998, density 0.005".</summary>
    public override string ToString() =>
        $"SparseMatrix<{typeof(TScalar).Name}> ({Rows}, {Columns}) {Format.ToString().ToUpperInvariant()}, nnz={Nnz}, density {Density:G3}";
}
