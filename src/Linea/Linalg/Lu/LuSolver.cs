using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

/// <summary>Solves and inverts with square LU factors in place (LAPACK getrs and getri), on strided storage.</summary>
internal static class LuSolver
{
    /// <summary>A X = B for X, overwriting B (n x k): interchanges, then L (unit lower) and U (upper) solves. 2 n^2 k flops.</summary>
    public static void Solve<T>(StridedMatrix<T> lu, ReadOnlySpan<int> piv, StridedMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = lu.Rows;
        LuFactorization.ApplyInterchanges(b, piv, 0, n);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, lu, b);
        Trsm.Solve(Side.Left, lower: false, transpose: false, unitDiagonal: false, T.One, lu, b);
    }

    /// <summary>A^T X = B for X, overwriting B: A^T = U^T L^T P, so U^T, L^T solves then the interchanges undone.</summary>
    public static void SolveTransposed<T>(StridedMatrix<T> lu, ReadOnlySpan<int> piv, StridedMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = lu.Rows;
        Trsm.Solve(Side.Left, lower: false, transpose: true, unitDiagonal: false, T.One, lu, b);
        Trsm.Solve(Side.Left, lower: true, transpose: true, unitDiagonal: true, T.One, lu, b);
        LuFactorization.UndoInterchanges(b, piv, 0, n);
    }

    /// <summary>
    /// Overwrites the factors of a nonsingular A with A^-1 (LAPACK getri): U is inverted in place, then X L = U^-1 is
    /// solved for X, then the columns are interchanged back. 4/3 n^3 flops, about all of it in TRSM/GEMM.
    /// Needs n x n workspace for L (the strictly lower part is copied out before it is overwritten).
    /// </summary>
    public static void Invert<T>(StridedMatrix<T> lu, ReadOnlySpan<int> piv) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = lu.Rows;
        if (n == 0) return;
        // Save the unit lower factor; the inverse is built over it.
        var lData = new T[n * n];
        var l = StridedMatrix<T>.RowMajor(lData, n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) { l[i, j] = lu[i, j]; lu[i, j] = T.Zero; }
            l[i, i] = T.One;
        }
        InvertUpper(lu);
        // X L = inv(U): a right solve with the unit lower L.
        Trsm.Solve(Side.Right, lower: true, transpose: false, unitDiagonal: true, T.One, l, lu);
        // A^-1 = X P: column interchanges in reverse order.
        var cols = lu.Transposed;
        for (int j = n - 1; j >= 0; j--) cols.SwapRows(j, piv[j]);
    }

    /// <summary>
    /// In-place inverse of an upper triangular matrix (LAPACK trtri), recursively:
    /// [U11 U12; 0 U22]^-1 = [U11^-1, -U11^-1 U12 U22^-1; 0, U22^-1], the off-diagonal block by two TRSMs
    /// before the diagonal blocks are inverted. n^3/3 flops. The strictly lower part is not touched.
    /// </summary>
    internal static void InvertUpper<T>(StridedMatrix<T> u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = u.Rows;
        if (n <= Trsm.BaseSize)
        {
            // Column by column: column j of the inverse solves U x = e_j on the leading j+1 rows; it only needs columns < j of the inverse.
            for (int j = 0; j < n; j++)
            {
                T ujj = T.One / u[j, j];
                u[j, j] = ujj;
                // x[0..j) = -inv(U[0..j, 0..j]) U[0..j, j] * ujj, with inv(U[0..j,0..j]) already in place: a triangular matrix-vector product.
                for (int i = 0; i < j; i++)
                {
                    T s = T.Zero;
                    for (int k = i; k < j; k++) s += u[i, k] * u[k, j];
                    u[i, j] = -s * ujj;
                }
            }
            return;
        }
        int n1 = Trsm.Split(n), n2 = n - n1;
        var u11 = u.Block(0, 0, n1, n1);
        var u12 = u.Block(0, n1, n1, n2);
        var u22 = u.Block(n1, n1, n2, n2);
        Trsm.Solve(Side.Left, lower: false, transpose: false, unitDiagonal: false, -T.One, u11, u12);
        Trsm.Solve(Side.Right, lower: false, transpose: false, unitDiagonal: false, T.One, u22, u12);
        InvertUpper(u11);
        InvertUpper(u22);
    }
}
