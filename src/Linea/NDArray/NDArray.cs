using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Storage;

namespace Linea;

/// <summary>
/// An N-dimensional array of <c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c> (NumPy's float32,
/// float64, int32, int64 and bool) with NumPy semantics: a view made of
/// storage (a .NET array, native memory or a memory-mapped file), a 64-bit offset, a shape and strides (in elements, possibly zero or negative).
/// Slicing, transposing, broadcasting and most reshapes return views that share storage; operations
/// return new C-contiguous tensors. Create tensors through the static <see cref="NDArray"/> class.
/// </summary>
/// <typeparam name="TScalar">The element type: <c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>. Storage,
/// views, reshapes, broadcasting, formatting, equality and .npy I/O work for all five; arithmetic needs a number type
/// (see <see cref="NDArray"/>'s extension members), linear algebra a floating-point one.</typeparam>
/// <remarks>The type parameter is not called <c>T</c> because <see cref="T"/> is the transpose, as in NumPy.</remarks>
public sealed partial class NDArray<TScalar> : IDisposable where TScalar : unmanaged
{
    internal readonly TensorStorage<TScalar> Store;
    internal readonly long Offset;
    internal readonly long[] Dims;
    internal readonly long[] StrideArray;
    internal readonly bool ReadOnlyView;

    /// <summary>Wraps storage as a view; no validation (callers inside Linea guarantee bounds).</summary>
    internal NDArray(TensorStorage<TScalar> storage, long offset, long[] dims, long[] strides, bool readOnly = false)
    {
        // Every tensor passes here: an element type other than the five supported stops at its first tensor (the public
        // factories name their operation first; this catches the rest). Folds away in the JIT.
        if (!NDArray.IsSupportedScalar<TScalar>()) ThrowHelper.UnsupportedScalar<TScalar>("tensor");
        Store = storage;
        Offset = offset;
        Dims = dims;
        StrideArray = strides;
        ReadOnlyView = readOnly || storage.IsReadOnly;
        IsContiguous = ComputeContiguous(dims, strides);
    }

    /// <summary>Wraps a managed array as a view; no validation.</summary>
    internal NDArray(TScalar[] data, long offset, long[] dims, long[] strides, bool readOnly = false)
        : this(new ManagedStorage<TScalar>(data), offset, dims, strides, readOnly) { }

    /// <summary>
    /// A new zero-filled, C-contiguous tensor (native memory above <see cref="Array.MaxLength"/> elements). A size that
    /// overflows or memory that cannot be had throws <see cref="TensorTooLargeException"/> naming <paramref name="op"/>
    /// (by default the calling member's name, in lower case), the shape and the bytes.
    /// </summary>
    internal NDArray(long[] dims, [CallerMemberName] string op = "")
        : this(AllocateFor(dims, zero: true, op), 0, dims, Linea.Shape.ContiguousStrides(dims)) { }

    private static TensorStorage<TScalar> AllocateFor(long[] dims, bool zero, string op)
    {
        op = OperationName(op);
        return TensorStorage<TScalar>.Allocate(Linea.Shape.AllocationSize(op, dims, Unsafe.SizeOf<TScalar>()), zero, StorageKind.Managed, op, dims);
    }

    /// <summary>A member name as an operation name for messages: "Concatenate" reads "concatenate".</summary>
    internal static string OperationName(string member) =>
        member.Length == 0 ? "allocate" : member == ".ctor" ? "tensor" : member.ToLowerInvariant();

    /// <summary>
    /// A new C-contiguous tensor whose elements are NOT initialised: only for results that the caller overwrites
    /// completely (element-wise outputs, GEMM with beta = 0), which then skip zero-filling large buffers.
    /// </summary>
    internal static NDArray<TScalar> Uninitialized(long[] dims, [CallerMemberName] string op = "") =>
        new(AllocateFor(dims, zero: false, op), 0, dims, Linea.Shape.ContiguousStrides(dims));

    /// <summary>
    /// The managed array behind this tensor, for Linea's own algorithms on tensors they allocated (always managed at
    /// the sizes they handle). Inputs from callers may live in native or mapped memory: read those through
    /// <see cref="Store"/>, or take <see cref="Managed"/> first.
    /// </summary>
    internal TScalar[] Data => Store.Array ?? throw new InvalidOperationException(
        $"internal: a tensor of shape {Shape} in {Store.Describe()} was used where a managed array was expected");

    /// <summary>
    /// The axis lengths as ints, for the dense linear algebra, whose algorithms index one managed work array per
    /// matrix: a matrix there holds at most <see cref="Array.MaxLength"/> elements (checked at the front door).
    /// </summary>
    internal int[] IntDims => _intDims ??= NarrowDims();

    private int[]? _intDims;

    private int[] NarrowDims()
    {
        var dims = new int[Dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (Dims[i] > Array.MaxLength)
                ThrowHelper.TooLarge("linalg", Shape, $"axis {i} has {Dims[i]} entries; the dense factorizations take matrices of at most {Array.MaxLength} elements");
            dims[i] = (int)Dims[i];
        }
        return dims;
    }

    /// <summary>This tensor if its storage is a managed array, otherwise a managed copy (for algorithms that need one).</summary>
    internal NDArray<TScalar> Managed() => Store.Array is not null ? this : Copy(StorageKind.Managed);

    /// <summary>The shape, printed as NumPy prints it: "(2, 3)".</summary>
    public Shape Shape => Linea.Shape.Wrap(Dims);

    /// <summary>The number of axes (NumPy's ndim): 0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements (64-bit: a tensor in native or mapped memory may hold more than 2^31).</summary>
    public long Size => Linea.Shape.ComputeSize(Dims);

    /// <summary>The step in elements (not bytes, unlike NumPy) between neighbours along each axis.</summary>
    public ReadOnlySpan<long> Strides => StrideArray;

    /// <summary>Whether the elements lie in row-major (C) order without gaps, so <see cref="AsSpan"/> works.</summary>
    public bool IsContiguous { get; }

    /// <summary>
    /// Whether this view may not be written: broadcast views (whose elements alias each other) and tensors on a
    /// read-only memory mapping.
    /// </summary>
    public bool IsReadOnly => ReadOnlyView;

    /// <summary>Where the elements live: a managed array, native memory or a memory-mapped file.</summary>
    public StorageKind StorageKind => Store.Kind;

    /// <summary>The length of axis 0 (Python's <c>len(A)</c>); throws for a 0-d tensor.</summary>
    public long Length => Rank == 0 ? throw new InvalidOperationException("len: a 0-d tensor has no length; use Item()") : Dims[0];

    /// <summary>
    /// Releases native memory or a memory mapping now (a read-write mapping is flushed to its file first) instead of
    /// waiting for the garbage collector. Every view of the same storage is released with it: using one afterwards
    /// throws <see cref="ObjectDisposedException"/>. A no-op for managed arrays; safe to call twice.
    /// </summary>
    public void Dispose() => Store.Dispose();

    /// <summary>
    /// One element, by one index per axis (negative indices count from the end).
    /// For a view of a row or column write <c>A[1, ..]</c>, with a range.
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">Wrong number of indices, or an index outside its axis.</exception>
    /// <exception cref="InvalidOperationException">Writing to a read-only view.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public TScalar this[params ReadOnlySpan<int> index]
    {
        get => Store.At(ElementOffset(index));
        set
        {
            if (ReadOnlyView) ThrowReadOnly("set element");
            Store.At(ElementOffset(index)) = value;
        }
    }

    /// <summary>One element by 64-bit indices, for axes longer than 2^31 (negative indices count from the end).</summary>
    /// <exception cref="TensorIndexOutOfRangeException">Wrong number of indices, or an index outside its axis.</exception>
    /// <exception cref="InvalidOperationException">Writing to a read-only view.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public TScalar this[params ReadOnlySpan<long> index]
    {
        get => Store.At(ElementOffset(index));
        set
        {
            if (ReadOnlyView) ThrowReadOnly("set element");
            Store.At(ElementOffset(index)) = value;
        }
    }

    /// <summary>The single element of a tensor with exactly one element (NumPy's <c>item()</c>).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds zero or several elements.</exception>
    public TScalar Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"item: only a tensor with exactly one element converts to a scalar; this one has shape {Shape} ({Size} elements)");
        return Store.At(Offset);
    }

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>, so scalars mix with tensors.</summary>
    public static implicit operator NDArray<TScalar>(TScalar value) => new([value], 0, [], []);

    internal long ElementOffset(ReadOnlySpan<int> index)
    {
        Span<long> wide = index.Length <= 16 ? stackalloc long[index.Length] : new long[index.Length];
        for (int i = 0; i < index.Length; i++) wide[i] = index[i];
        return ElementOffset((ReadOnlySpan<long>)wide);
    }

    internal long ElementOffset(ReadOnlySpan<long> index)
    {
        int r = Dims.Length;
        if (index.Length != r)
        {
            string hint = index.Length < r
                ? $"; for a view write A[{string.Join(", ", index.ToArray())}, ..] with a range"
                : "";
            ThrowHelper.Index("index", $"{index.Length} indices given for a {r}-d tensor of shape {Shape}{hint}");
        }
        long off = Offset;
        for (int i = 0; i < r; i++)
        {
            long ix = index[i], n = Dims[i];
            if (ix < -n || ix >= n)
                ThrowHelper.Index("index", $"index {ix} is out of range for axis {i} with size {n} (shape {Shape})");
            if (ix < 0) ix += n;
            off += ix * StrideArray[i];
        }
        return off;
    }

    internal void ThrowReadOnly(string op)
    {
        if (Store.IsReadOnly)
            throw new InvalidOperationException($"{op}: this tensor of shape {Shape} lies in {Store.Describe()} and cannot be written; open it with MmapMode.CopyOnWrite (changes stay in memory) or MmapMode.ReadWrite (changes go to the file), or call Copy()");
        throw new InvalidOperationException($"{op}: this tensor of shape {Shape} is a read-only broadcast view whose elements alias each other; call Copy() to get a writable tensor");
    }

    private static bool ComputeContiguous(long[] dims, long[] strides)
    {
        long expected = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            if (dims[i] == 0) return true;
            if (dims[i] != 1 && strides[i] != expected) return false;
            expected *= dims[i];
        }
        return true;
    }

    /// <summary>Span over the elements in C order; only for contiguous tensors of at most <see cref="Array.MaxLength"/> elements.</summary>
    /// <exception cref="InvalidOperationException">The tensor is a strided view (call <see cref="Contiguous"/> first), read-only, or too large for one span (work on slices).</exception>
    public Span<TScalar> AsSpan()
    {
        if (!IsContiguous) ThrowHelper.NotContiguous("AsSpan", Shape);
        if (ReadOnlyView) ThrowReadOnly("AsSpan");
        return ElementSpan("AsSpan");
    }

    /// <summary>Read-only span over the elements in C order; only for contiguous tensors of at most <see cref="Array.MaxLength"/> elements.</summary>
    public ReadOnlySpan<TScalar> AsReadOnlySpan()
    {
        if (!IsContiguous) ThrowHelper.NotContiguous("AsReadOnlySpan", Shape);
        return ElementSpan("AsReadOnlySpan");
    }

    /// <summary>Contiguous span without the read-only check, for internal readers (at most <see cref="Array.MaxLength"/> elements).</summary>
    internal ReadOnlySpan<TScalar> ContiguousSpan
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ElementSpan("span");
    }

    /// <summary>Writable contiguous span for internal writers of tensors they own.</summary>
    internal Span<TScalar> WritableSpan => ElementSpan("span");

    /// <summary>
    /// The elements of a contiguous tensor in storage. Empty for an empty tensor, whose offset may lie past the end of
    /// its storage (an index into an axis of a tensor that has a zero-length axis, e.g. Zeros(2, 3, 0)[1, 2]).
    /// </summary>
    private Span<TScalar> ElementSpan(string op)
    {
        long size = Size;
        if (size == 0) return Span<TScalar>.Empty;
        if (size > int.MaxValue)
            ThrowHelper.TooLarge(op, Shape, $"a span holds at most {int.MaxValue} elements; work on slices of this tensor");
        return Store.Span(Offset, (int)size);
    }

    /// <summary>The elements in C order as a new array (at most <see cref="Array.MaxLength"/> elements).</summary>
    public TScalar[] ToArray()
    {
        if (Size > Array.MaxLength) ThrowHelper.TooLarge("to_array", Shape, $"a .NET array holds at most {Array.MaxLength} elements");
        if (IsContiguous) return ContiguousSpan.ToArray();
        return Copy(StorageKind.Managed).Data;
    }
}
