using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// LU factorization with partial pivoting, in place (LAPACK getrf): P A = L U for an m x n matrix A, L unit lower
/// triangular (m x min(m, n), stored below the diagonal), U upper triangular (min(m, n) x n, on and above it).
/// Recursive (Toledo 1997, Gustavson): factor the left half of the columns, apply its row interchanges, TRSM and
/// GEMM the right half, factor that; so about all of the 2/3 n^3 flops of a square matrix run through GEMM.
/// The advanced layer: most callers want <see cref="Linalg.Lu{T}"/> or <see cref="LinalgExtensions.Lu{T}"/>.
/// </summary>
public static class LuFactorization
{
    /// <summary>
    /// Factors <paramref name="a"/> (m x n, any strides, writable) in place. <paramref name="pivots"/> (length
    /// min(m, n)) receives LAPACK's interchanges, 0-based: row i was swapped with row pivots[i] &gt;= i, in order i = 0, 1, ...
    /// Exact zero pivots do not stop the factorization (as in LAPACK): the column is skipped and the factorization
    /// completes, so U is exactly singular. Cost about m n^2 - n^3/3 flops.
    /// </summary>
    /// <returns>-1 when every pivot is nonzero, otherwise the 0-based index of the first exactly zero pivot (LAPACK's info - 1).</returns>
    /// <exception cref="ArgumentException">a is not 2-d or is a read-only view, pivots has the wrong length, or the threshold is below 1.</exception>
    public static int FactorInPlace<T>(NDArray<T> a, Span<int> pivots, LuParams? parameters = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ThrowHelper.Argument("lu", nameof(a), $"needs a matrix, got shape {a.Shape}");
        if (a.IsReadOnly) ThrowHelper.Argument("lu", nameof(a), $"cannot factor the read-only broadcast view of shape {a.Shape} in place; Copy() it first");
        int k = Math.Min(a.IntDims[0], a.IntDims[1]);
        if (pivots.Length != k) ThrowHelper.Argument("lu", nameof(pivots), $"pivots must have min(m, n) = {k} entries for shape {a.Shape}, got {pivots.Length}");
        var p = parameters ?? LuParams.Auto;
        if (p.RecursionThreshold < 1) ThrowHelper.Argument("lu", nameof(parameters), $"RecursionThreshold must be at least 1, got {p.RecursionThreshold}");
        return Factor(MatrixViews.View(a), pivots, p.RecursionThreshold, parallelism ?? Parallelism.Default);
    }

    internal static int Factor<T>(MatrixView<T> a, Span<int> piv, int threshold, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = checked((int)a.Rows), n = checked((int)a.Cols);
        if (m >= n && parallelism.Count > 1 && n >= LookaheadMinN) return Lookahead(a, piv, threshold, parallelism);
        if (m >= n) return Recursive(a, piv, threshold, parallelism);
        // Wide: factor the leading m x m block, then U's extra columns are L^-1 P A[:, m:].
        int info = Recursive(a.Block(0, 0, m, m), piv, threshold, parallelism);
        var right = a.Block(0, m, m, n - m);
        ApplyInterchanges(right, piv, 0, m);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, a.Block(0, 0, m, m), right, parallelism);
        return info;
    }

    /// <summary>With more than one thread, panels of at least this order use <see cref="Lookahead{T}"/>.</summary>
    private const int LookaheadMinN = 512;

    /// <summary>
    /// Right-looking blocked factorization with look-ahead for several threads (m &gt;= n): while thread 0 updates the next
    /// panel's columns and factors that panel (recursively, single-threaded), every thread also takes blocks of the
    /// remaining trailing columns from a shared counter and applies the current panel to them (swaps, TRSM, one GEMM each).
    /// The sequential panel work thus overlaps the trailing update instead of leaving the other threads idle.
    /// </summary>
    private static unsafe int Lookahead<T>(in MatrixView<T> a, Span<int> piv, int threshold, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, n = (int)a.Cols;
        int nb = n <= 1536 ? 128 : 192;
        const int chunk = 256;
        var pv = new int[n];
        int info = -1;
        int w0 = Math.Min(nb, n);
        int i0 = Recursive(a.Block(0, 0, m, w0), pv.AsSpan(0, w0), threshold, parallelism);
        if (i0 >= 0) info = i0;
        int threads = parallelism.Count;
        // Pinned once for the workers (a lambda cannot capture a ref struct); each rebuilds the view.
        fixed (T* pa = &a.Origin)
        {
            var at = a.At(pa);
            for (int j = 0; j < n; j += nb)
            {
                parallelism.ThrowIfCancelled();
                int jb = Math.Min(nb, n - j), jn = j + jb;
                if (j > 0) ApplyInterchanges(a.Block(0, 0, m, j), pv, j, jn);
                if (jn >= n) break;
                int nw = Math.Min(nb, n - jn);
                int rest = n - jn - nw, chunks = (rest + chunk - 1) / chunk;
                int next = 0, panelInfo = -1;
                int jj = j;
                SplitJob.Run(threads, (tid, nt) =>
                {
                    var av = at.View;
                    if (tid == 0)
                    {
                        UpdateColumns(av, pv, jj, jb, jn, nw, parallelism);
                        int pi = Recursive(av.Block(jn, jn, m - jn, nw), pv.AsSpan(jn, nw), threshold, parallelism);
                        for (int i = jn; i < jn + nw; i++) pv[i] += jn;
                        panelInfo = pi;
                    }
                    for (int c = Interlocked.Increment(ref next) - 1; c < chunks; c = Interlocked.Increment(ref next) - 1)
                    {
                        int c0 = jn + nw + c * chunk;
                        UpdateColumns(av, pv, jj, jb, c0, Math.Min(chunk, n - c0), parallelism);
                    }
                });
                if (info < 0 && panelInfo >= 0) info = panelInfo + jn;
            }
        }
        pv.CopyTo(piv);
        return info;
    }

    /// <summary>Applies the factored panel at columns [j, j + jb) to columns [c0, c0 + w): its interchanges, the unit lower TRSM, the GEMM below.</summary>
    private static void UpdateColumns<T>(MatrixView<T> a, int[] pv, int j, int jb, int c0, int w, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, jn = j + jb;
        ApplyInterchanges(a.Block(0, c0, m, w), pv, j, jn);
        var top = a.Block(j, c0, jb, w);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, a.Block(j, j, jb, jb), top, parallelism);
        if (m > jn) Gemm.Multiply(-T.One, a.Block(jn, j, m - jn, jb), top, T.One, a.Block(jn, c0, m - jn, w), parallelism);
    }

    /// <summary>Recursive factorization of a tall or square panel (m &gt;= n).</summary>
    private static int Recursive<T>(MatrixView<T> a, Span<int> piv, int threshold, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, n = (int)a.Cols;
        if (n <= threshold || n == 1) return Unblocked(a, piv);
        int n1 = Trsm.Split(n), n2 = n - n1;
        int info1 = Recursive(a.Block(0, 0, m, n1), piv[..n1], threshold, parallelism);
        var right = a.Block(0, n1, m, n2);
        ApplyInterchanges(right, piv, 0, n1);
        var a12 = a.Block(0, n1, n1, n2);
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: true, T.One, a.Block(0, 0, n1, n1), a12, parallelism);
        var a22 = a.Block(n1, n1, m - n1, n2);
        Gemm.Multiply(-T.One, a.Block(n1, 0, m - n1, n1), a12, T.One, a22, parallelism);
        var piv2 = piv[n1..];
        int info2 = Recursive(a22, piv2, threshold, parallelism);
        for (int i = 0; i < piv2.Length; i++) piv2[i] += n1;
        ApplyInterchanges(a.Block(0, 0, m, n1), piv, n1, n1 + piv2.Length);
        return info1 >= 0 ? info1 : info2 >= 0 ? info2 + n1 : -1;
    }

    /// <summary>Right-looking elimination one column at a time (LAPACK getf2) on an m x n panel, m &gt;= n.</summary>
    private static int Unblocked<T>(MatrixView<T> a, Span<int> piv) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows, n = (int)a.Cols, k = Math.Min(m, n), info = -1;
        for (int j = 0; j < k; j++)
        {
            int p = j;
            T best = T.Abs(a[j, j]);
            for (int i = j + 1; i < m; i++)
            {
                T v = T.Abs(a[i, j]);
                if (v > best) { best = v; p = i; }
            }
            piv[j] = p;
            T pivot = a[p, j];
            if (pivot == T.Zero)
            {
                if (info < 0) info = j;
                continue;
            }
            a.SwapRows(j, p);
            int rest = n - j - 1;
            for (int i = j + 1; i < m; i++)
            {
                T l = a[i, j] / pivot;
                a[i, j] = l;
                if (rest == 0 || l == T.Zero) continue;
                if (a.RowContiguous)
                    TensorPrimitives.MultiplyAdd(a.Row(j, j + 1, rest), -l, a.Row(i, j + 1, rest), a.Row(i, j + 1, rest));
                else
                    for (int c = j + 1; c < n; c++) a[i, c] -= l * a[j, c];
            }
        }
        return info;
    }

    /// <summary>Applies the interchanges piv[k0..k1) in order to the rows of b (LAPACK laswp, forward).</summary>
    internal static void ApplyInterchanges<T>(MatrixView<T> b, ReadOnlySpan<int> piv, int k0, int k1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Cols == 0) return;
        for (int i = k0; i < k1; i++) b.SwapRows(i, piv[i]);
    }

    /// <summary>Undoes the interchanges piv[k0..k1) on the rows of b (laswp backward).</summary>
    internal static void UndoInterchanges<T>(MatrixView<T> b, ReadOnlySpan<int> piv, int k0, int k1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Cols == 0) return;
        for (int i = k1 - 1; i >= k0; i--) b.SwapRows(i, piv[i]);
    }

    /// <summary>The row permutation of the interchanges as an array: row i of P A is row perm[i] of A.</summary>
    internal static int[] PermutationOf(ReadOnlySpan<int> piv, int m)
    {
        var perm = new int[m];
        for (int i = 0; i < m; i++) perm[i] = i;
        for (int i = 0; i < piv.Length; i++) (perm[i], perm[piv[i]]) = (perm[piv[i]], perm[i]);
        return perm;
    }
}
