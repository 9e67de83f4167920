using System.Numerics;

namespace Linea;

/// <summary>Shared checks and copies for right-hand sides of the solvers.</summary>
internal static class MatrixArgs
{
    /// <summary>
    /// Copies b ((n,) or (n, k)) into a new contiguous tensor; the returned matrix view is (n, 1) for a vector.
    /// Throws a <see cref="ShapeMismatchException"/> naming both shapes when b does not have n rows.
    /// </summary>
    public static NDArray<T> RhsCopy<T>(string op, Shape aShape, int n, NDArray<T> b, out Kernels.MatrixView<T> view)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2))
            ThrowHelper.ShapeMismatch(op, $"A {aShape} with b {b.Shape}: b must be a vector (n,) or a matrix (n, k); for stacks use Linalg.Solve", aShape, b.Shape);
        if (b.IntDims[0] != n)
            ThrowHelper.ShapeMismatch(op,
                $"A {aShape} with b {b.Shape}: b's first axis ({b.IntDims[0]}) must equal A's order ({n}){(b.Rank == 2 && b.IntDims[1] == n ? "; did you mean b.T?" : "")}",
                aShape, b.Shape);
        var x = b.Copy();
        int k = b.Rank == 1 ? 1 : b.IntDims[1];
        view = Kernels.MatrixView<T>.RowMajor(x.Data, n, k);
        return x;
    }
}
