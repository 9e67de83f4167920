using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Vectors as <see cref="MatrixView{T}"/> columns (n x 1, the row stride is the increment), the form in which the
/// shared Householder and norm routines take a vector: a column of a matrix view is <c>a.Block(i, j, len, 1)</c>, a
/// row is <c>a.Block(i, j, 1, len).Transposed</c>, a span is <see cref="Of{T}(Span{T})"/>.
/// </summary>
internal static class ColumnVector
{
    /// <summary>The contiguous vector <paramref name="x"/> as an x.Length x 1 view (no copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MatrixView<T> Of<T>(Span<T> x) where T : unmanaged =>
        new(ref MemoryMarshal.GetReference(x), x.Length, 1, 1, Math.Max(x.Length, 1));

    /// <summary>Whether the column vector <paramref name="x"/> (n x 1) is one contiguous run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsContiguous<T>(in MatrixView<T> x) where T : unmanaged => x.RowStride == 1 || x.Rows <= 1;
}
