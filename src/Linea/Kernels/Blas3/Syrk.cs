using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Kernels.Blas3;

/// <summary>
/// Symmetric rank-k update of a lower triangle (BLAS syrk, lower, no transpose): C = C - A A^T, C n x n, A n x k.
/// Only the lower triangle of C (diagonal included) is read and written. Recursive: the off-diagonal block is one
/// GEMM through <see cref="MatrixOps.Gemm{T}"/>; diagonal blocks below <see cref="BaseSize"/> use dot products.
/// Cost n^2 k flops.
/// </summary>
internal static class Syrk
{
    /// <summary>Order below which a diagonal block is updated element by element (dot products of length k).</summary>
    public const int BaseSize = 32;

    public static void LowerMinus<T>(StridedMatrix<T> a, StridedMatrix<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = c.Rows, k = a.Cols;
        if (n == 0 || k == 0) return;
        if (n <= BaseSize)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++)
                    c[i, j] -= Dot(a, i, j, k);
            return;
        }
        int n1 = Trsm.Split(n), n2 = n - n1;
        var a1 = a.Block(0, 0, n1, k);
        var a2 = a.Block(n1, 0, n2, k);
        LowerMinus(a1, c.Block(0, 0, n1, n1));
        MatrixOps.Gemm(-T.One, a2, a1.Transposed, T.One, c.Block(n1, 0, n2, n1));
        LowerMinus(a2, c.Block(n1, n1, n2, n2));
    }

    private static T Dot<T>(StridedMatrix<T> a, int i, int j, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.RowContiguous) return TensorPrimitives.Dot<T>(a.Row(i, 0, k), a.Row(j, 0, k));
        T s = T.Zero;
        for (int p = 0; p < k; p++) s += a[i, p] * a[j, p];
        return s;
    }
}
