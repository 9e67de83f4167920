using System.Collections;
using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// The shape of a tensor: an immutable list of non-negative axis lengths, printed as NumPy does,
/// "(32, 784)", "(3,)" and "()". Converts implicitly from and to <c>int[]</c>.
/// </summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[]? _dims;

    /// <summary>Creates a shape from its axis lengths (copied). Throws for a negative length.</summary>
    public Shape(params ReadOnlySpan<int> dims)
    {
        foreach (int d in dims)
            if (d < 0) throw new ArgumentException($"shape: negative dimension {d} in ({string.Join(", ", dims.ToArray())})");
        _dims = dims.ToArray();
    }

    private Shape(int[] dims, bool _) => _dims = dims;

    /// <summary>Wraps an array the caller promises never to mutate.</summary>
    internal static Shape Wrap(int[] dims) => new(dims, true);

    internal int[] Dims => _dims ?? [];

    /// <summary>The number of axes (NumPy's ndim).</summary>
    public int Rank => Dims.Length;

    /// <inheritdoc />
    public int Count => Dims.Length;

    /// <summary>The product of the lengths: the number of elements (1 for the 0-d shape).</summary>
    public int Size => ComputeSize(Dims);

    /// <summary>Length of axis <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis]
    {
        get
        {
            int r = Rank;
            if (axis < -r || axis >= r) ThrowHelper.Axis("shape", axis, r);
            return Dims[axis < 0 ? axis + r : axis];
        }
    }

    /// <summary>A copy of the lengths.</summary>
    public int[] ToArray() => (int[])Dims.Clone();

    /// <summary>The lengths as a span (no copy).</summary>
    public ReadOnlySpan<int> AsSpan() => Dims;

    /// <summary>Shape from an array (copied).</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>The lengths as a span.</summary>
    public static implicit operator ReadOnlySpan<int>(Shape s) => s.Dims;

    /// <inheritdoc />
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Equal when every length is equal.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Not equal when any length differs.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>NumPy's tuple form: "(2, 3)", "(5,)", "()".</summary>
    public override string ToString() => Format(Dims);

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Format(ReadOnlySpan<int> dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims.ToArray()) + ")";

    /// <summary>Element count with an overflow check against the largest .NET array.</summary>
    internal static int ComputeSize(ReadOnlySpan<int> dims)
    {
        long size = 1;
        foreach (int d in dims)
        {
            size *= d;
            if (size > Array.MaxLength) ThrowHelper.TooLarge("shape", new Shape(dims));
        }
        return (int)size;
    }

    /// <summary>Row-major (C order) strides, in elements.</summary>
    internal static int[] ContiguousStrides(ReadOnlySpan<int> dims)
    {
        var strides = new int[dims.Length];
        int s = 1;
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
