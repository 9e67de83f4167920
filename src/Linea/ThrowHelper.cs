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

    /// <summary>An element type other than float or double, named with the operation that met it.</summary>
    [DoesNotReturn]
    public static void UnsupportedScalar<T>(string op) =>
        throw new NotSupportedException(
            $"{op}: Linea tensors hold float or double; Tensor<{typeof(T).Name}> ({DTypeName(typeof(T))}) is not supported; convert the values to float or double first");

    private static string DTypeName(Type t) =>
        t == typeof(Half) ? "dtype float16" : $"dtype {t.Name}";
}
