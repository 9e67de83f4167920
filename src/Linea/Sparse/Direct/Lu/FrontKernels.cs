using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// The dense kernel calls of the multifrontal LU (<see cref="MultifrontalLu{T}"/>), kept in this one file: the partial
/// factorization of one front with threshold pivoting restricted to its fully summed rows, on Linea's TRSM and GEMM.
/// A front of supernode s with k fully summed variables and w rows below is three row-major blocks: the m x k panel
/// [F11; F21] (m = k + w), the k x w block F12 and the w x w contribution block F22. After <see cref="FactorFront{T}"/>
/// the panel holds L11 (unit, strictly below the diagonal), U11 (on and above it) and L21, F12 holds U12, and F22 the
/// Schur complement F22 - L21 U12 for the parent. Nothing is allocated.
/// </summary>
internal static class FrontKernels
{
    /// <summary>
    /// Factors the front in place: P [F11; F21] = [L11; L21] U11 with row interchanges only among the first k rows
    /// (<paramref name="piv"/>, LAPACK's convention, relative to the front: row t was swapped with row piv[t], t &lt;= piv[t] &lt; k),
    /// then U12 = L11^-1 P F12 (TRSM) and F22 -= L21 U12 (one GEMM). Pivot rule per column, over the column of the whole
    /// front (fully summed rows and the rows below): the diagonal when |a_tt| &gt;= tol max |a_it|, else the largest fully
    /// summed entry when it passes the same test. Cost k^2 (m - k/3) + 2 k w^2 flops, all but the leaves in GEMM.
    /// </summary>
    /// <returns>-1, or the first column (relative to the front) with no acceptable pivot among its fully summed rows
    /// (also a zero or non-finite column); F12 and F22 are then left unfinished.</returns>
    public static int FactorFront<T>(MatrixView<T> panel, MatrixView<T> f12, MatrixView<T> f22, Span<int> piv, T tol, int leaf,
        Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = (int)panel.Cols, w = (int)panel.Rows - k;
        int info = Panel(panel, piv, k, tol, leaf, parallelism);
        if (info >= 0 || w == 0) return info;
        LuFactorization.ApplyInterchanges(f12, piv, 0, k);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, panel.Block(0, 0, k, k), f12, parallelism);
        Gemm.Multiply(-T.One, panel.Block(k, 0, w, k), f12, T.One, f22, parallelism);
        return -1;
    }

    /// <summary>
    /// Recursive panel factorization (as <see cref="LuFactorization"/>'s, Toledo's): left half, its interchanges applied to
    /// the right half, TRSM and GEMM, right half, its interchanges applied back to the left. Pivot rows are restricted to
    /// the first <paramref name="top"/> rows of <paramref name="a"/> (the fully summed rows not yet pivotal).
    /// </summary>
    private static int Panel<T>(MatrixView<T> a, Span<int> piv, int top, T tol, int leaf, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, n = (int)a.Cols;
        if (n <= leaf || n == 1) return Unblocked(a, piv, top, tol);
        int n1 = Trsm.Split(n), n2 = n - n1;
        int info = Panel(a.Block(0, 0, m, n1), piv[..n1], top, tol, leaf, parallelism);
        if (info >= 0) return info;
        LuFactorization.ApplyInterchanges(a.Block(0, n1, m, n2), piv, 0, n1);
        var a12 = a.Block(0, n1, n1, n2);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, a.Block(0, 0, n1, n1), a12, parallelism);
        Gemm.Multiply(-T.One, a.Block(n1, 0, m - n1, n1), a12, T.One, a.Block(n1, n1, m - n1, n2), parallelism);
        var piv2 = piv[n1..];
        info = Panel(a.Block(n1, n1, m - n1, n2), piv2, top - n1, tol, leaf, parallelism);
        if (info >= 0) return info + n1;
        for (int i = 0; i < piv2.Length; i++) piv2[i] += n1;
        LuFactorization.ApplyInterchanges(a.Block(0, 0, m, n1), piv, n1, n);
        return -1;
    }

    /// <summary>Right-looking elimination one column at a time with the restricted threshold rule (see <see cref="FactorFront{T}"/>).</summary>
    private static int Unblocked<T>(MatrixView<T> a, Span<int> piv, int top, T tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, n = (int)a.Cols;
        for (int j = 0; j < n; j++)
        {
            T colMax = T.Zero, best = T.Zero;
            int p = j;
            for (int i = j; i < m; i++)
            {
                T v = T.Abs(a[i, j]);
                if (!(v <= colMax)) colMax = v; // NaN propagates into colMax
                if (i < top && v > best) { best = v; p = i; }
            }
            if (!T.IsFinite(colMax) || colMax == T.Zero) return j;
            T bound = tol * colMax;
            if (T.Abs(a[j, j]) >= bound) p = j;
            else if (!(best >= bound)) return j;
            piv[j] = p;
            a.SwapRows(j, p);
            T inv = T.One / a[j, j];
            int rest = n - j - 1;
            for (int i = j + 1; i < m; i++)
            {
                T l = a[i, j] * inv;
                a[i, j] = l;
                if (rest == 0 || l == T.Zero) continue;
                if (a.RowContiguous) TensorPrimitives.MultiplyAdd(a.Row(j, j + 1, rest), -l, a.Row(i, j + 1, rest), a.Row(i, j + 1, rest));
                else for (int c = j + 1; c < n; c++) a[i, c] -= l * a[j, c];
            }
        }
        return -1;
    }
}
