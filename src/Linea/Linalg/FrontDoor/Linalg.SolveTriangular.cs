using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// SciPy's <c>scipy.linalg.solve_triangular(a, b, trans, lower, unit_diagonal)</c>: x with A x = b, or A^T x = b when
    /// <paramref name="transpose"/>, for a triangular n x n A, reading only its <paramref name="lower"/> (else upper)
    /// triangle, with ones assumed on the diagonal when <paramref name="unitDiagonal"/>. b is (n,) or (n, k); x has b's
    /// shape. Recursive blocked TRSM on the GEMM (BLAS trsm): O(n^2 k) flops, no factorization.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not one square matrix, or b's first axis is not n.</exception>
    /// <exception cref="NonFiniteException">b, or the part of a that is read (its triangle, without the diagonal when <paramref name="unitDiagonal"/>), holds NaN or infinity; the rest of a is never read and may hold anything, as in LAPACK's trtrs.</exception>
    /// <exception cref="SingularMatrixException">A diagonal entry of A is exactly zero (not with <paramref name="unitDiagonal"/>); <see cref="SingularMatrixException.PivotIndex"/> is its index.</exception>
    public static NDArray<T> SolveTriangular<T>(NDArray<T> a, NDArray<T> b, bool lower = false, bool transpose = false, bool unitDiagonal = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        const string op = "solve_triangular";
        RequireSquare(op, a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch(op, $"needs one matrix (2-d), got shape {a.Shape}", a.Shape);
        int n = a.IntDims[0];
        if (b.Rank is < 1 or > 2 || b.IntDims[0] != n)
            ThrowHelper.ShapeMismatch(op, $"a of shape {a.Shape} needs b of shape ({n},) or ({n}, k), got {b.Shape}", a.Shape, b.Shape);
        RequireFiniteTriangle(op, a, lower, diagonal: !unitDiagonal, what: "a");
        RequireFinite(op, b, "b");
        var am = MatrixViews.View(a);
        if (!unitDiagonal)
            for (int i = 0; i < n; i++)
                if (am[i, i] == T.Zero)
                    throw new SingularMatrixException(i, $"{op}: the triangular matrix of shape {a.Shape} has a zero on its diagonal at [{i}, {i}]");
        int k = b.Rank == 1 ? 1 : b.IntDims[1];
        var x = b.Contiguous().ToArray();
        Trsm.Solve(Side.Left, lower, transpose, unitDiagonal, T.One, am, MatrixView<T>.RowMajor(x, n, k), parallelism);
        return b.Rank == 1 ? NDArray.Wrap(x, n) : NDArray.Wrap(x, n, k);
    }
}
