using System.Diagnostics.CodeAnalysis;

namespace Linea;

/// <summary>Throwers for the front door, kept out of line so the checks stay cheap to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ShapeMismatch(string op, string message, params Shape[] shapes) =>
        throw new ShapeMismatchException(op, shapes, $"{op}: {message}");

    [DoesNotReturn]
    public static void Axis(string op, int axis, int rank) =>
        throw new AxisOutOfRangeException(axis,
            $"{op}: axis {axis} is out of range for a {rank}-d tensor (valid axes are {-rank}..{rank - 1})");

    [DoesNotReturn]
    public static void Index(string op, string message) =>
        throw new TensorIndexOutOfRangeException($"{op}: {message}");

    [DoesNotReturn]
    public static void Argument(string op, string paramName, string message) =>
        throw new ArgumentException($"{op}: {message}", paramName);

    [DoesNotReturn]
    public static void NotContiguous(string op, Shape shape) =>
        throw new InvalidOperationException(
            $"{op}: the tensor of shape {shape} is a strided view, not C-contiguous; call Contiguous() first (it copies only when needed)");

    [DoesNotReturn]
    public static void TooLarge(string op, Shape shape) =>
        throw new ArgumentException(
            $"{op}: shape {shape} has more elements than one .NET array can hold ({Array.MaxLength})");

    [DoesNotReturn]
    public static void TooLarge(string op, Shape shape, string reason) =>
        throw new ArgumentException($"{op}: shape {shape} ({shape.Size} elements) is too large: {reason}");

    [DoesNotReturn]
    public static void SizeOverflow(string op, string dims) =>
        throw new ArgumentException($"{op}: the shape ({dims}) has more elements than a 64-bit count can hold");

    /// <summary>
    /// A result whose element or byte count overflows a 64-bit count: names the operation, the shape (as its lengths,
    /// since it cannot be a <see cref="Shape"/>) and the bytes.
    /// </summary>
    [DoesNotReturn]
    public static void AllocationOverflow(string op, string dims, double elements, int elementSize) =>
        throw new TensorTooLargeException(op, elements * elementSize,
            $"{op}: the result of shape {ShapeText(dims)} would have {elements:0.###e0} elements of {elementSize} bytes ({FormatBytes(elements * elementSize)}), more than a 64-bit byte count can hold");

    /// <summary>The memory for a result cannot be had: names the operation, the shape and the bytes.</summary>
    [DoesNotReturn]
    public static void OutOfMemory(string op, string dims, long elements, int elementSize, string where, OutOfMemoryException inner) =>
        throw new TensorTooLargeException(op, (double)elements * elementSize,
            $"{op}: cannot allocate {FormatBytes((double)elements * elementSize)} for the result of shape {ShapeText(dims)} ({elements} elements of {elementSize} bytes) in {where}: out of memory",
            inner);

    /// <summary>
    /// A result larger than the operation can hold (the dense factorizations' one-array-per-matrix limit): names the
    /// operation, the input and result shapes and the bytes.
    /// </summary>
    [DoesNotReturn]
    public static void ResultTooLarge(string op, string what, double elements, int elementSize, string reason) =>
        throw new TensorTooLargeException(op, elements * elementSize,
            $"{op}: {what} would have {elements:#,0} elements ({FormatBytes(elements * elementSize)}); {reason}");

    /// <summary>Bytes for messages: "80 GB (80,000,000,000 bytes)", or "1.2e+19 bytes" beyond a 64-bit count.</summary>
    internal static string FormatBytes(double bytes) =>
        bytes >= 9.2e18 ? $"{bytes:0.##e0} bytes"
        : bytes >= 1e9 ? $"{bytes / 1e9:0.##} GB ({(long)bytes:#,0} bytes)"
        : bytes >= 1e6 ? $"{bytes / 1e6:0.##} MB ({(long)bytes:#,0} bytes)"
        : $"{(long)bytes:#,0} bytes";

    /// <summary>Comma-separated lengths as NumPy prints a shape: "(3,)", "(2, 3)".</summary>
    private static string ShapeText(string dims) => dims.Contains(',', StringComparison.Ordinal) ? $"({dims})" : $"({dims},)";

    /// <summary>An element type other than float or double, named with the operation that met it.</summary>
    [DoesNotReturn]
    public static void UnsupportedScalar<T>(string op) =>
        throw new NotSupportedException(
            $"{op}: Linea tensors hold float, double, float16, bfloat16, int, long or bool; NDArray<{typeof(T).Name}> ({DTypeName(typeof(T))}) is not supported; convert the values to one of these first");

    private static string DTypeName(Type t) =>
        t == typeof(Half) ? "dtype float16" : $"dtype {t.Name}";
}
