using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>Solves and inverts with square LU factors in place (LAPACK getrs and getri), on strided storage.</summary>
internal static class LuSolver
{
    /// <summary>A X = B for X, overwriting B (n x k): interchanges, then L (unit lower) and U (upper) solves. 2 n^2 k flops.</summary>
    public static void Solve<T>(MatrixView<T> lu, ReadOnlySpan<int> piv, MatrixView<T> b, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)lu.Rows;
        LuFactorization.ApplyInterchanges(b, piv, 0, n);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, lu, b, parallelism);
        Trsm.Solve(Side.Left, lower: false, transpose: false, unitDiagonal: false, T.One, lu, b, parallelism);
    }

    /// <summary>A^T X = B for X, overwriting B: A^T = U^T L^T P, so U^T, L^T solves then the interchanges undone.</summary>
    public static void SolveTransposed<T>(MatrixView<T> lu, ReadOnlySpan<int> piv, MatrixView<T> b, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)lu.Rows;
        Trsm.Solve(Side.Left, lower: false, transpose: true, unitDiagonal: false, T.One, lu, b, parallelism);
        Trsm.Solve(Side.Left, lower: true, transpose: true, unitDiagonal: true, T.One, lu, b, parallelism);
        LuFactorization.UndoInterchanges(b, piv, 0, n);
    }

    /// <summary>Column block of the blocked X L = U^-1 solve in <see cref="Invert{T}"/> (LAPACK getri's nb).</summary>
    private const int InvertBlock = 64;

    /// <summary>
    /// Overwrites the factors of a nonsingular A with A^-1 (LAPACK getri): U is inverted in place, then X L = U^-1 is
    /// solved for X by column blocks from the right, as getri does: the block's part of L is copied into an n x nb
    /// workspace and zeroed, the block of X is updated by one GEMM with the blocks already solved and finished by a
    /// TRSM with L's unit lower diagonal block; then the columns are interchanged back. 4/3 n^3 flops, about all of it
    /// in TRSM/GEMM, with O(n nb) workspace (a full n x n copy of L cost more in page faults than its flops at n = 2000).
    /// </summary>
    public static void Invert<T>(MatrixView<T> lu, ReadOnlySpan<int> piv, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)lu.Rows;
        if (n == 0) return;
        InvertUpper(lu, parallelism);
        int nb = Math.Min(InvertBlock, n);
        var work = System.Buffers.ArrayPool<T>.Shared.Rent(n * nb);
        int last = (n - 1) / nb * nb;
        for (int j = last; j >= 0; j -= nb)
        {
            int jb = Math.Min(nb, n - j), rows = n - j;
            // W (rows x jb, row-major) = L[j:n, j:j+jb] with its unit diagonal and zeros above; the strictly lower part is zeroed in A.
            var w = MatrixView<T>.RowMajor(work, rows, jb);
            for (int i = 0; i < rows; i++)
            {
                int lowCount = Math.Min(i, jb); // entries of row j+i left of the diagonal within the block
                for (int c = 0; c < lowCount; c++) { w[i, c] = lu[j + i, j + c]; lu[j + i, j + c] = T.Zero; }
                for (int c = lowCount; c < jb; c++) w[i, c] = c == i ? T.One : T.Zero;
            }
            var xj = lu.Block(0, j, n, jb);
            if (j + jb < n)
                Gemm.Multiply(-T.One, lu.Block(0, j + jb, n, n - j - jb), w.Block(jb, 0, rows - jb, jb), T.One, xj, parallelism);
            Trsm.Solve(Side.Right, lower: true, transpose: false, unitDiagonal: true, T.One, w.Block(0, 0, jb, jb), xj, parallelism);
        }
        System.Buffers.ArrayPool<T>.Shared.Return(work);
        // A^-1 = X P: column interchanges in reverse order.
        if (!lu.RowContiguous)
        {
            var cols = lu.Transposed;
            for (int j = n - 1; j >= 0; j--) cols.SwapRows(j, piv[j]);
            return;
        }
        // Row by row: each row's swaps on a contiguous span, instead of n strided column swaps over the whole matrix.
        for (int i = 0; i < n; i++)
        {
            var row = lu.Row(i);
            for (int j = n - 1; j >= 0; j--) { int q = piv[j]; if (q != j) (row[j], row[q]) = (row[q], row[j]); }
        }
    }

    /// <summary>
    /// In-place inverse of an upper triangular matrix (LAPACK trtri), recursively:
    /// [U11 U12; 0 U22]^-1 = [U11^-1, -U11^-1 U12 U22^-1; 0, U22^-1], the off-diagonal block by two TRSMs
    /// before the diagonal blocks are inverted. n^3/3 flops. The strictly lower part is not touched.
    /// </summary>
    internal static void InvertUpper<T>(MatrixView<T> u, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)u.Rows;
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
        Trsm.Solve(Side.Left, lower: false, transpose: false, unitDiagonal: false, -T.One, u11, u12, parallelism);
        Trsm.Solve(Side.Right, lower: false, transpose: false, unitDiagonal: false, T.One, u22, u12, parallelism);
        InvertUpper(u11, parallelism);
        InvertUpper(u22, parallelism);
    }
}
