using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

/// <summary>
/// Cholesky factorization A = L L^T of a symmetric positive definite matrix, in place on the lower triangle (LAPACK potrf,
/// 'L'). Recursive: factor A11, L21 = A21 L11^-T (TRSM), A22 -= L21 L21^T (SYRK, its off-diagonal blocks GEMM), factor A22;
/// n^3/3 flops, nearly all in GEMM. Only the lower triangle (diagonal included) is read or written; the strictly upper
/// triangle is never touched, so a symmetric input need not be symmetric in storage (as NumPy, which reads the lower triangle).
/// The advanced layer: most callers want <see cref="Linalg.Cholesky{T}"/> or <see cref="LinalgExtensions.Cholesky{T}"/>.
/// </summary>
public static class CholeskyFactorization
{
    /// <summary>
    /// Overwrites the lower triangle of the n x n matrix <paramref name="a"/> (any strides, writable) with L.
    /// A non-positive (or NaN) pivot stops the factorization: the leading minor of that order is not positive definite,
    /// and the rows from there on are left partly updated.
    /// </summary>
    /// <returns>-1 on success, otherwise the 0-based index i of the failing pivot: the leading minor of order i + 1 (LAPACK's info) is not positive definite.</returns>
    /// <exception cref="ArgumentException">a is not a square matrix, is read-only, or the threshold is below 1.</exception>
    public static int FactorInPlace<T>(NDArray<T> a, CholeskyParams? parameters = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2 || a.IntDims[0] != a.IntDims[1]) ThrowHelper.Argument("cholesky", nameof(a), $"needs a square matrix, got shape {a.Shape}");
        if (a.IsReadOnly) ThrowHelper.Argument("cholesky", nameof(a), $"cannot factor the read-only broadcast view of shape {a.Shape} in place; Copy() it first");
        var p = parameters ?? CholeskyParams.Auto;
        if (p.RecursionThreshold < 1) ThrowHelper.Argument("cholesky", nameof(parameters), $"RecursionThreshold must be at least 1, got {p.RecursionThreshold}");
        return Factor(MatrixViews.View(a), p.RecursionThreshold, parallelism ?? Parallelism.Default);
    }

    internal static int Factor<T>(MatrixView<T> a, int threshold, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int n = (int)a.Rows;
        if (n <= threshold || n == 1) return Unblocked(a);
        int n1 = Trsm.Split(n), n2 = n - n1;
        var a11 = a.Block(0, 0, n1, n1);
        int info = Factor(a11, threshold, parallelism);
        if (info >= 0) return info;
        var a21 = a.Block(n1, 0, n2, n1);
        Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: false, T.One, a11, a21, parallelism);
        var a22 = a.Block(n1, n1, n2, n2);
        Syrk.LowerMinus(a21, a22, parallelism);
        info = Factor(a22, threshold, parallelism);
        return info >= 0 ? info + n1 : -1;
    }

    /// <summary>Row-oriented (bordered) Cholesky: row i of L from rows 0..i-1; row i fails exactly when the minor of order i+1 is not positive definite.</summary>
    private static int Unblocked<T>(MatrixView<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
                a[i, j] = (a[i, j] - Dot(a, i, j, j)) / a[j, j];
            T d = a[i, i] - Dot(a, i, i, i);
            if (!(d > T.Zero)) return i;
            a[i, i] = T.Sqrt(d);
        }
        return -1;
    }

    private static T Dot<T>(MatrixView<T> a, int i, int j, int len) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (len == 0) return T.Zero;
        if (a.RowContiguous) return TensorPrimitives.Dot<T>(a.Row(i, 0, len), a.Row(j, 0, len));
        T s = T.Zero;
        for (int p = 0; p < len; p++) s += a[i, p] * a[j, p];
        return s;
    }
}
