using System.Numerics;
using System.Runtime.InteropServices;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// A tensor of the given <paramref name="shape"/> holding a copy of <paramref name="values"/> in C order
    /// (a 1-d tensor of <c>values.Length</c> elements when no shape is given). O(n) time and memory.
    /// </summary>
    /// <exception cref="ArgumentException">A length in <paramref name="shape"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the span's length.</exception>
    public static NDArray<T> FromSpan<T>(ReadOnlySpan<T> values, params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("from_span");
        var dims = DimsFor("from_span", values.Length, shape);
        return new NDArray<T>(values.ToArray(), 0, dims, Shape.ContiguousStrides(dims));
    }

    /// <summary>
    /// A tensor of the given <paramref name="shape"/> holding a copy of <paramref name="values"/> in C order (a 1-d
    /// tensor when no shape is given). Always a copy, whatever memory backs <paramref name="values"/>; to share a
    /// <see cref="Memory{T}"/> over an array, use <see cref="Wrap{T}(Memory{T}, long[])"/>. O(n) time and memory.
    /// </summary>
    /// <exception cref="ArgumentException">A length in <paramref name="shape"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the memory's length.</exception>
    public static NDArray<T> FromMemory<T>(ReadOnlyMemory<T> values, params long[] shape) where T : unmanaged =>
        FromSpan(values.Span, shape);

    /// <summary>
    /// A tensor holding a copy of the elements of <paramref name="values"/> in the order enumerated, as a 1-d tensor
    /// (or of the given <paramref name="shape"/>, filled in C order). The sequence is enumerated once. O(n) time and
    /// memory (a list grows while enumerating when the count is not known in advance).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">A length in <paramref name="shape"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the number of elements enumerated.</exception>
    public static NDArray<T> FromEnumerable<T>(IEnumerable<T> values, params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("from_enumerable");
        ArgumentNullException.ThrowIfNull(values);
        T[] data = values switch
        {
            T[] array => (T[])array.Clone(),
            List<T> list => [.. CollectionsMarshal.AsSpan(list)],
            _ => [.. values],
        };
        var dims = DimsFor("from_enumerable", data.Length, shape);
        return new NDArray<T>(data, 0, dims, Shape.ContiguousStrides(dims));
    }

    /// <summary>
    /// Wraps the array behind <paramref name="memory"/> without copying (a <see cref="Memory{T}"/> over an array or an
    /// array segment, as <see cref="MemoryMarshal.TryGetArray{T}(ReadOnlyMemory{T}, out ArraySegment{T})"/> finds it):
    /// the tensor and the memory share elements, C-contiguous, of the given <paramref name="shape"/> (1-d when none is
    /// given). O(1) time and memory.
    /// </summary>
    /// <exception cref="ArgumentException">The memory is not backed by a managed array (native memory through a
    /// <see cref="System.Buffers.MemoryManager{T}"/>: copy it with <see cref="FromMemory{T}"/>), or a length in <paramref name="shape"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the memory's length.</exception>
    public static NDArray<T> Wrap<T>(Memory<T> memory, params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("wrap");
        if (!MemoryMarshal.TryGetArray<T>(memory, out var segment) || segment.Array is null)
            ThrowHelper.Argument("wrap", nameof(memory), "the memory is not backed by a managed array, so it cannot be shared; copy it with NDArray.FromMemory");
        var dims = DimsFor("wrap", segment.Count, shape);
        return new NDArray<T>(segment.Array!, segment.Offset, dims, Shape.ContiguousStrides(dims));
    }

    /// <summary>The axis lengths for <paramref name="count"/> elements: <paramref name="shape"/> checked, or (count) when it is empty.</summary>
    private static long[] DimsFor(string op, long count, long[]? shape)
    {
        if (shape is null || shape.Length == 0) return [count];
        foreach (long d in shape)
            if (d < 0) ThrowHelper.Argument(op, nameof(shape), $"negative length {d} in shape ({string.Join(", ", shape)})");
        var s = new Shape(shape);
        if (s.Size != count)
            ThrowHelper.ShapeMismatch(op, $"{count} values cannot fill shape {s} ({s.Size} elements)", s);
        return s.ToArray();
    }
}
