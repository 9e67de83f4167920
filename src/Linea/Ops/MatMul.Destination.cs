using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// The matrix product of two 2-d operands written into <paramref name="destination"/> 
    /// <c>np.matmul(a, b, out=destination)</c>): destination = a @ b, every element overwritten, nothing allocated
    /// beyond the GEMM's packing buffers. Operands and destination may be strided views (a transposed view such as
    /// <c>x.T</c> is read in place). For training loops and other repeated products that reuse one result buffer.
    /// Cost 2 m n k flops; threads <see cref="Parallelism.Default"/>.
    /// </summary>
    /// <param name="a">Shape (m, k).</param>
    /// <param name="b">Shape (k, n).</param>
    /// <param name="destination">Shape (m, n), writable, sharing no storage with <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <exception cref="ArgumentException">An operand is not 2-d; the destination is read-only or shares storage with an operand.</exception>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ, or the destination is not (m, n).</exception>
    public static void MatMulInto<T>(NDArray<T> a, NDArray<T> b, NDArray<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        if (a.Rank != 2 || b.Rank != 2 || destination.Rank != 2)
            ThrowHelper.Argument("matmul", a.Rank != 2 ? nameof(a) : b.Rank != 2 ? nameof(b) : nameof(destination),
                $"{a.Shape} @ {b.Shape} into {destination.Shape}: matmul with a destination takes 2-d operands and a 2-d destination");
        long m = a.Dims[0], k = a.Dims[1], n = b.Dims[1];
        if (b.Dims[0] != k) ThrowInnerMismatch(a, b);
        if (destination.Dims[0] != m || destination.Dims[1] != n)
            ThrowHelper.ShapeMismatch("matmul",
                $"{a.Shape} @ {b.Shape} is ({m}, {n}) but the destination has shape {destination.Shape}", a.Shape, b.Shape);
        if (destination.IsReadOnly)
            ThrowHelper.Argument("matmul", nameof(destination), $"the destination {destination.Shape} is a read-only view");
        if (ReferenceEquals(destination.Store, a.Store) || ReferenceEquals(destination.Store, b.Store))
            ThrowHelper.Argument("matmul", nameof(destination),
                $"{a.Shape} @ {b.Shape} into {destination.Shape}: the destination shares storage with an operand; the product would read what it overwrites");
        Gemm.Multiply(T.One, MatrixViews.At(a, a.Offset), MatrixViews.At(b, b.Offset), T.Zero, MatrixViews.At(destination, destination.Offset), Parallelism.Default);
        Ops.Elementwise.KeepStorageAlive(a, b, destination);
    }
}
