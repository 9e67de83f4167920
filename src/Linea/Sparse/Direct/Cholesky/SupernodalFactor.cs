using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// The numeric supernodal factor of a <see cref="SparseCholeskyAnalysis"/>: left-looking supernodal LL^T or LDL^T
/// (no pivoting), as CHOLMOD. Each supernode s (columns f..f+k-1, m rows) is a dense m x k row-major block of L; in
/// postorder it gathers A's columns, subtracts the updates of its descendants (GEMM and GEMMT on their blocks), factors
/// its diagonal block (dense Cholesky or LDL^T) and solves the block below against it (TRSM). Flops: those of the
/// dense kernels on the supernodes; memory: the factor plus one update buffer per thread
/// (<see cref="SparseCholeskyAnalysis.UpdateBufferEntries"/>).
/// </summary>
internal sealed partial class SupernodalFactor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly SparseCholeskyAnalysis Analysis;
    public readonly bool Ldl;
    public T[] Lx = [];
    public T[] D = [];
    public bool Valid;

    /// <summary>The threads the factorization was given, used again by the many-right-hand-side solves.</summary>
    public Parallelism SolveParallelism = Parallelism.None;

    /// <summary>How the descendants' updates are cut into kernel calls (<see cref="LeftLookingBlocking.Default"/> but in tests).</summary>
    public readonly LeftLookingBlocking Blocking;

    public SupernodalFactor(SparseCholeskyAnalysis analysis, bool ldl, LeftLookingBlocking blocking)
    {
        Analysis = analysis;
        Ldl = ldl;
        Blocking = blocking;
    }

    /// <summary>Factors <paramref name="a"/> (analyzed pattern) into this object's storage, reusing it when allocated.</summary>
    public void Run(string op, SparseMatrix<T> a, Parallelism parallelism)
    {
        var an = Analysis;
        an.RequireSamePattern(op, a);
        Valid = false;
        int n = an.N;
        var pat = an.Pattern;
        var values = a.Val;
        var stored = values.Span(0, (int)a.Nnz);
        for (int q = 0; q < pat.Source.Length; q++)
        {
            T v = stored[pat.Source[q]];
            if (T.IsFinite(v)) continue;
            int col = FirstColumnOf(pat, q);
            throw new NonFiniteException(
                $"{op}: the entry ({an.Perm[pat.RowIdx[q]]}, {an.Perm[col]}) of the {n} x {n} matrix's lower triangle is {v}");
        }
        if (Lx.Length != an.LPtr[^1]) Lx = new T[an.LPtr[^1]];
        else Array.Clear(Lx);
        if (Ldl && D.Length != n) D = new T[n];
        RunLeftLooking(op, an, values, parallelism);
        Valid = true;
        SolveParallelism = parallelism;
    }

    private static int FirstColumnOf(PermutedLowerPattern pat, int q)
    {
        int j = Array.BinarySearch(pat.ColPtr, q);
        if (j < 0) return ~j - 1;
        while (j + 1 < pat.ColPtr.Length && pat.ColPtr[j + 1] == q) j++;
        return j;
    }

    /// <summary>
    /// Solves in place with the factor: y (n x r row-major, already permuted) := A[perm, perm]^-1 y by the forward
    /// solve with L, the division by D (LDL^T), and the backward solve with L^T, supernode by supernode. 2 nnz(L) r multiply-adds (stored entries).
    /// </summary>
    public void SolveInPlace(T[] y, int r)
    {
        if (r >= BlockedRhs)
        {
            SolveBlocked(y, r);
            return;
        }
        var an = Analysis;
        int ns = an.SupernodeCount;
        bool unit = Ldl;
        for (int s = 0; s < ns; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f;
            int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            int off = (int)an.LPtr[s];
            for (int t = 0; t < k; t++)
            {
                var lrow = Lx.AsSpan(off + t * k, t);
                for (int c = 0; c < r; c++)
                {
                    T v = y[(f + t) * r + c];
                    if (r == 1) v -= TensorPrimitives.Dot<T>(lrow, y.AsSpan(f, t));
                    else for (int u = 0; u < t; u++) v -= lrow[u] * y[(f + u) * r + c];
                    y[(f + t) * r + c] = unit ? v : v / Lx[off + t * k + t];
                }
            }
            for (int i = k; i < m; i++)
            {
                var lrow = Lx.AsSpan(off + i * k, k);
                int row = rows[i];
                if (r == 1) y[row] -= TensorPrimitives.Dot<T>(lrow, y.AsSpan(f, k));
                else
                    for (int u = 0; u < k; u++)
                    {
                        T l = lrow[u];
                        for (int c = 0; c < r; c++) y[row * r + c] -= l * y[(f + u) * r + c];
                    }
            }
        }
        if (Ldl)
            for (int i = 0; i < an.N; i++)
                for (int c = 0; c < r; c++) y[i * r + c] /= D[i];
        for (int s = ns - 1; s >= 0; s--)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f;
            int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            int off = (int)an.LPtr[s];
            for (int i = k; i < m; i++)
            {
                var lrow = Lx.AsSpan(off + i * k, k);
                int row = rows[i];
                for (int c = 0; c < r; c++)
                {
                    T yr = y[row * r + c];
                    if (r == 1) TensorPrimitives.MultiplyAdd<T>(lrow, -yr, y.AsSpan(f, k), y.AsSpan(f, k));
                    else for (int u = 0; u < k; u++) y[(f + u) * r + c] -= lrow[u] * yr;
                }
            }
            for (int t = k - 1; t >= 0; t--)
            {
                for (int c = 0; c < r; c++)
                {
                    T v = y[(f + t) * r + c];
                    for (int u = t + 1; u < k; u++) v -= Lx[off + u * k + t] * y[(f + u) * r + c];
                    y[(f + t) * r + c] = unit ? v : v / Lx[off + t * k + t];
                }
            }
        }
    }

    /// <summary>From this many right-hand sides on, the solves go through TRSM and GEMM per supernode.</summary>
    private const int BlockedRhs = 4;

    /// <summary>
    /// The solves for r right-hand sides with the dense kernels: per supernode a TRSM with the diagonal block on its k
    /// rows of Y (contiguous, as its columns are consecutive) and a GEMM with the block below, through a gathered
    /// (m - k) x r buffer. Same flops as the loops, at GEMM speed.
    /// </summary>
    private void SolveBlocked(T[] y, int r)
    {
        var an = Analysis;
        int ns = an.SupernodeCount;
        var par = SolveParallelism;
        var buffer = new T[(long)an.MaxUpdate * r];
        for (int s = 0; s < ns; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f;
            int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            int off = (int)an.LPtr[s];
            var ys = MatrixView<T>.Of(y, f * r, k, r, r, 1);
            Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: Ldl, T.One, MatrixView<T>.Of(Lx, off, k, k, k, 1), ys, par);
            if (w == 0) continue;
            var tmp = MatrixView<T>.Of(buffer, 0, w, r, r, 1);
            Gemm.Multiply(T.One, MatrixView<T>.Of(Lx, off + k * k, w, k, k, 1), ys, T.Zero, tmp, par);
            for (int i = 0; i < w; i++)
            {
                var dst = y.AsSpan(rows[k + i] * r, r);
                TensorPrimitives.Subtract(dst, buffer.AsSpan(i * r, r), dst);
            }
        }
        if (Ldl)
            for (int i = 0; i < an.N; i++)
                for (int c = 0; c < r; c++) y[i * r + c] /= D[i];
        for (int s = ns - 1; s >= 0; s--)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f;
            int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            int off = (int)an.LPtr[s];
            var ys = MatrixView<T>.Of(y, f * r, k, r, r, 1);
            if (w > 0)
            {
                for (int i = 0; i < w; i++) y.AsSpan(rows[k + i] * r, r).CopyTo(buffer.AsSpan(i * r, r));
                var below = MatrixView<T>.Of(buffer, 0, w, r, r, 1);
                Gemm.Multiply(-T.One, MatrixView<T>.Of(Lx, off + k * k, w, k, k, 1).Transposed, below, T.One, ys, par);
            }
            Trsm.Solve(Side.Left, lower: true, transpose: true, unitDiagonal: Ldl, T.One, MatrixView<T>.Of(Lx, off, k, k, k, 1), ys, par);
        }
    }

    /// <summary>L (n x n, CSC, sorted rows) in the permuted numbering; the stored entries of the supernodes, relaxed zeros included.</summary>
    public SparseMatrix<T> ToSparseL()
    {
        var an = Analysis;
        int n = an.N;
        var ptr = new long[n + 1];
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            for (int t = 0; t < k; t++) ptr[f + t + 1] = m - t;
        }
        for (int j = 0; j < n; j++) ptr[j + 1] += ptr[j];
        var idx = new int[ptr[n]];
        var val = new T[ptr[n]];
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            int f = an.Start[s], k = an.Start[s + 1] - f, m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]);
            int off = (int)an.LPtr[s];
            var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
            for (int t = 0; t < k; t++)
            {
                long p = ptr[f + t];
                for (int i = t; i < m; i++, p++)
                {
                    idx[p] = rows[i];
                    val[p] = Lx[off + i * k + t];
                }
            }
        }
        return Sparse.Csc<T>(n, n, ptr, idx, val);
    }
}
