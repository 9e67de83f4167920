using System.Collections;
using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// The shape of a tensor: an immutable list of non-negative 64-bit axis lengths, printed as NumPy does,
/// "(32, 784)", "(3,)" and "()". Converts implicitly from <c>int[]</c> and <c>long[]</c>.
/// </summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<long>
{
    private readonly long[]? _dims;

    /// <summary>Creates a shape from its axis lengths (copied). Throws for a negative length.</summary>
    public Shape(params ReadOnlySpan<long> dims)
    {
        foreach (long d in dims)
            if (d < 0) throw new ArgumentException($"shape: negative dimension {d} in ({string.Join(", ", dims.ToArray())})");
        _dims = dims.ToArray();
        ComputeSize(_dims);
    }

    /// <summary>Creates a shape from 32-bit axis lengths (copied). Throws for a negative length.</summary>
    public Shape(params ReadOnlySpan<int> dims) : this(Widen(dims)) { }

    private Shape(long[] dims, bool _) => _dims = dims;

    /// <summary>Wraps an array the caller promises never to mutate.</summary>
    internal static Shape Wrap(long[] dims) => new(dims, true);

    internal long[] Dims => _dims ?? [];

    /// <summary>The number of axes (NumPy's ndim).</summary>
    public int Rank => Dims.Length;

    /// <inheritdoc />
    public int Count => Dims.Length;

    /// <summary>The product of the lengths: the number of elements (1 for the 0-d shape).</summary>
    public long Size => ComputeSize(Dims);

    /// <summary>Length of axis <paramref name="axis"/>; negative axes count from the end.</summary>
    public long this[int axis]
    {
        get
        {
            int r = Rank;
            if (axis < -r || axis >= r) ThrowHelper.Axis("shape", axis, r);
            return Dims[axis < 0 ? axis + r : axis];
        }
    }

    /// <summary>A copy of the lengths.</summary>
    public long[] ToArray() => (long[])Dims.Clone();

    /// <summary>A copy of the lengths as ints, for code that works with ordinary sizes.</summary>
    /// <exception cref="OverflowException">A length exceeds <see cref="int.MaxValue"/>.</exception>
    public int[] ToIntArray() => Array.ConvertAll(Dims, d => checked((int)d));

    /// <summary>The lengths as a span (no copy).</summary>
    public ReadOnlySpan<long> AsSpan() => Dims;

    /// <summary>Shape from an array (copied).</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>Shape from an array (copied).</summary>
    public static implicit operator Shape(long[] dims) => new(dims);

    /// <summary>The lengths as a span.</summary>
    public static implicit operator ReadOnlySpan<long>(Shape s) => s.Dims;

    /// <inheritdoc />
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (long d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Equal when every length is equal.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Not equal when any length differs.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>NumPy's tuple form: "(2, 3)", "(5,)", "()".</summary>
    public override string ToString() => Format(Dims);

    /// <inheritdoc />
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Format(ReadOnlySpan<long> dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims.ToArray()) + ")";

    internal static string Format(ReadOnlySpan<int> dims) => Format(Widen(dims));

    internal static long[] Widen(ReadOnlySpan<int> dims)
    {
        var wide = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++) wide[i] = dims[i];
        return wide;
    }

    /// <summary>The element count, with a check that it fits a 64-bit count (and so a byte count below 2^63).</summary>
    internal static long ComputeSize(ReadOnlySpan<long> dims)
    {
        // A zero anywhere makes the shape empty, however large the rest; otherwise the product must leave room for
        // 16-byte elements in a 64-bit byte count.
        if (dims.Contains(0L)) return 0;
        long size = 1;
        foreach (long d in dims)
        {
            if (size > (long.MaxValue / 16) / d) ThrowHelper.SizeOverflow("shape", string.Join(", ", dims.ToArray()));
            size *= d;
        }
        return size;
    }

    /// <summary>
    /// The element count of a new tensor of <paramref name="dims"/> whose elements take <paramref name="elementSize"/>
    /// bytes, checked before allocating: throws <see cref="TensorTooLargeException"/> naming <paramref name="op"/>, the
    /// shape and the bytes when the bytes do not fit a 64-bit count.
    /// </summary>
    internal static long AllocationSize(string op, ReadOnlySpan<long> dims, int elementSize)
    {
        double elements = 1;
        foreach (long d in dims)
        {
            if (d < 0) ThrowHelper.Argument(op, "shape", $"the result shape ({string.Join(", ", dims.ToArray())}) has a negative length");
            if (d == 0) return 0;
            elements *= d;
        }
        // doubles are exact to 2^53 and within a factor 1 +- 1e-15 above; the bound leaves a wide margin
        if (elements * elementSize >= 9.2e18)
            ThrowHelper.AllocationOverflow(op, string.Join(", ", dims.ToArray()), elements, elementSize);
        long size = 1;
        foreach (long d in dims) size *= d;
        return size;
    }

    /// <summary>Element count of lengths known to fit int (Linea's own loops over small shapes).</summary>
    internal static int ComputeIntSize(ReadOnlySpan<long> dims)
    {
        long size = ComputeSize(dims);
        if (size > Array.MaxLength) ThrowHelper.TooLarge("shape", Wrap(dims.ToArray()));
        return (int)size;
    }

    /// <summary>Row-major (C order) strides, in elements.</summary>
    internal static long[] ContiguousStrides(ReadOnlySpan<long> dims)
    {
        var strides = new long[dims.Length];
        long s = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(dims[i], 1);
        }
        return strides;
    }

    /// <summary>Maps a possibly negative axis into [0, rank) or throws naming the operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int NormalizeAxis(string op, int axis, int rank)
    {
        if (axis < -rank || axis >= rank) ThrowHelper.Axis(op, axis, rank);
        return axis < 0 ? axis + rank : axis;
    }
}
