using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// An N-dimensional array of <c>float</c> or <c>double</c> with NumPy semantics: a view made of
/// storage (a .NET array), an offset, a shape and strides (in elements, possibly zero or negative).
/// Slicing, transposing, broadcasting and most reshapes return views that share storage; operations
/// return new C-contiguous tensors. Create tensors through the static <see cref="Tensor"/> class.
/// </summary>
/// <typeparam name="TScalar">The element type, <c>float</c> or <c>double</c>.</typeparam>
/// <remarks>The type parameter is not called <c>T</c> because <see cref="T"/> is the transpose, as in NumPy.</remarks>
public sealed partial class Tensor<TScalar> where TScalar : unmanaged, IFloatingPointIeee754<TScalar>
{
    internal readonly TScalar[] Data;
    internal readonly int Offset;
    internal readonly int[] Dims;
    internal readonly int[] StrideArray;
    internal readonly bool ReadOnlyView;

    /// <summary>Wraps storage as a view; no validation (callers inside Linea guarantee bounds).</summary>
    internal Tensor(TScalar[] data, int offset, int[] dims, int[] strides, bool readOnly = false)
    {
        Data = data;
        Offset = offset;
        Dims = dims;
        StrideArray = strides;
        ReadOnlyView = readOnly;
        IsContiguous = ComputeContiguous(dims, strides);
    }

    /// <summary>A new zero-filled, C-contiguous tensor.</summary>
    internal Tensor(int[] dims)
        : this(new TScalar[Linea.Shape.ComputeSize(dims)], 0, dims, Linea.Shape.ContiguousStrides(dims)) { }

    /// <summary>
    /// A new C-contiguous tensor whose elements are NOT initialised: only for results that the caller overwrites
    /// completely (element-wise outputs, GEMM with beta = 0), which then skip zero-filling large buffers.
    /// </summary>
    internal static Tensor<TScalar> Uninitialized(int[] dims) =>
        new(GC.AllocateUninitializedArray<TScalar>(Linea.Shape.ComputeSize(dims)), 0, dims, Linea.Shape.ContiguousStrides(dims));

    /// <summary>The shape, printed as NumPy prints it: "(2, 3)".</summary>
    public Shape Shape => Linea.Shape.Wrap(Dims);

    /// <summary>The number of axes (NumPy's ndim): 0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements.</summary>
    public int Size => Linea.Shape.ComputeSize(Dims);

    /// <summary>The step in elements (not bytes, unlike NumPy) between neighbours along each axis.</summary>
    public ReadOnlySpan<int> Strides => StrideArray;

    /// <summary>Whether the elements lie in row-major (C) order without gaps, so <see cref="AsSpan"/> works.</summary>
    public bool IsContiguous { get; }

    /// <summary>Whether this view may be written: broadcast views, which alias elements, are read-only.</summary>
    public bool IsReadOnly => ReadOnlyView;

    /// <summary>The length of axis 0 (Python's <c>len(A)</c>); throws for a 0-d tensor.</summary>
    public int Length => Rank == 0 ? throw new InvalidOperationException("len: a 0-d tensor has no length; use Item()") : Dims[0];

    /// <summary>
    /// One element, by one index per axis (negative indices count from the end).
    /// For a view of a row or column write <c>A[1, ..]</c>, with a range.
    /// </summary>
    /// <exception cref="TensorIndexOutOfRangeException">Wrong number of indices, or an index outside its axis.</exception>
    /// <exception cref="InvalidOperationException">Writing to a read-only broadcast view.</exception>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public TScalar this[params ReadOnlySpan<int> index]
    {
        get => Data[ElementOffset(index)];
        set
        {
            if (ReadOnlyView) ThrowReadOnly("set element");
            Data[ElementOffset(index)] = value;
        }
    }

    /// <summary>The single element of a tensor with exactly one element (NumPy's <c>item()</c>).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds zero or several elements.</exception>
    public TScalar Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"item: only a tensor with exactly one element converts to a scalar; this one has shape {Shape} ({Size} elements)");
        int off = Offset;
        return Data[off];
    }

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>, so scalars mix with tensors.</summary>
    public static implicit operator Tensor<TScalar>(TScalar value) => new([value], 0, [], []);

    internal int ElementOffset(ReadOnlySpan<int> index)
    {
        int r = Dims.Length;
        if (index.Length != r)
        {
            string hint = index.Length < r
                ? $"; for a view write A[{string.Join(", ", index.ToArray())}, ..] with a range"
                : "";
            ThrowHelper.Index("index", $"{index.Length} indices given for a {r}-d tensor of shape {Shape}{hint}");
        }
        int off = Offset;
        for (int i = 0; i < r; i++)
        {
            int ix = index[i], n = Dims[i];
            if (ix < -n || ix >= n)
                ThrowHelper.Index("index", $"index {ix} is out of range for axis {i} with size {n} (shape {Shape})");
            if (ix < 0) ix += n;
            off += ix * StrideArray[i];
        }
        return off;
    }

    internal void ThrowReadOnly(string op) =>
        throw new InvalidOperationException($"{op}: this tensor of shape {Shape} is a read-only broadcast view whose elements alias each other; call Copy() to get a writable tensor");

    private static bool ComputeContiguous(int[] dims, int[] strides)
    {
        int expected = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            if (dims[i] == 0) return true;
            if (dims[i] != 1 && strides[i] != expected) return false;
            expected *= dims[i];
        }
        return true;
    }

    /// <summary>Span over the elements in C order; only for contiguous tensors.</summary>
    /// <exception cref="InvalidOperationException">The tensor is a strided view; call <see cref="Contiguous"/> first.</exception>
    public Span<TScalar> AsSpan()
    {
        if (!IsContiguous) ThrowHelper.NotContiguous("AsSpan", Shape);
        if (ReadOnlyView) ThrowReadOnly("AsSpan");
        return ElementSpan();
    }

    /// <summary>Read-only span over the elements in C order; only for contiguous tensors.</summary>
    public ReadOnlySpan<TScalar> AsReadOnlySpan()
    {
        if (!IsContiguous) ThrowHelper.NotContiguous("AsReadOnlySpan", Shape);
        return ElementSpan();
    }

    /// <summary>Contiguous span without the read-only check, for internal readers.</summary>
    internal ReadOnlySpan<TScalar> ContiguousSpan
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ElementSpan();
    }

    /// <summary>
    /// The elements of a contiguous tensor in storage. Empty for an empty tensor, whose offset may lie past the end of
    /// its storage (an index into an axis of a tensor that has a zero-length axis, e.g. Zeros(2, 3, 0)[1, 2]).
    /// </summary>
    private Span<TScalar> ElementSpan()
    {
        int size = Size;
        return size == 0 ? Span<TScalar>.Empty : Data.AsSpan(Offset, size);
    }

    /// <summary>The elements in C order as a new array.</summary>
    public TScalar[] ToArray()
    {
        if (IsContiguous) return ContiguousSpan.ToArray();
        return Copy().Data;
    }
}
