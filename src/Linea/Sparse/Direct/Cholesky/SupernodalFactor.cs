using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;
using Linea.Storage;

namespace Linea;

/// <summary>
/// The numeric supernodal factor of a <see cref="SparseCholeskyAnalysis"/>: multifrontal LL^T or LDL^T (no pivoting).
/// Each supernode s (columns f..f+k-1, m rows) is a dense m x k row-major block of L; in postorder its block and a
/// (m - k) x (m - k) update matrix W are assembled from A's entries and the children's update matrices (extend-add),
/// then the diagonal block is factored (dense Cholesky or LDL^T), the block below solved against it (TRSM) and
/// W -= L21 L21^T (SYRK) left on a stack for the parent. Flops: those of the dense kernels on the supernodes.
/// </summary>
internal sealed class SupernodalFactor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly SparseCholeskyAnalysis Analysis;
    public readonly bool Ldl;
    public T[] Lx = [];
    public T[] D = [];
    public bool Valid;

    /// <summary>The threads the factorization was given, used again by the many-right-hand-side solves.</summary>
    public Parallelism SolveParallelism = Parallelism.None;

    public SupernodalFactor(SparseCholeskyAnalysis analysis, bool ldl) { Analysis = analysis; Ldl = ldl; }

    /// <summary>Per-thread working storage: the update stack (positions relative to Base), the row map, scratch.</summary>
    private sealed class Workspace(T[] stack, long stackBase, int n, int maxUpdate, int scratch)
    {
        public readonly T[] Stack = stack;
        public long Base = stackBase;
        public readonly int[] Map = new int[n];
        public readonly int[] Rel = new int[maxUpdate];
        public readonly T[] Scratch = new T[scratch];
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
        int scratch = Ldl ? MaxOffDiagonal(an) : 0;
        int threads = parallelism.Count;
        var schedule = TreeSchedule.Build(an, threads);
        var rootUpdates = new T[an.SupernodeCount][];

        long topPeak = schedule.TopPeak(an);
        // The first subtree worker's workspace, sized for the top too, is the top's afterwards: one stack fewer held.
        Workspace? shared = null;
        if (schedule.Roots.Length > 0) shared = RunSubtrees(op, an, schedule, values, rootUpdates, scratch, topPeak, parallelism);
        var top = shared ?? new Workspace(new T[topPeak], 0, n, an.MaxUpdate, scratch);
        top.Base = 0;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            if (schedule.InSubtree[s]) continue;
            parallelism.ThrowIfCancelled();
            Supernode(op, an, s, values, top, rootUpdates, parallelism);
        }
        Valid = true;
        SolveParallelism = parallelism;
    }

    /// <summary>The schedule's subtrees on the worker pool, each whole on one thread (kernels single-threaded); each root's update kept for the top.</summary>
    /// <returns>The workspace of the first worker, whose stack holds at least <paramref name="topPeak"/> entries, for the top to reuse.</returns>
    private Workspace RunSubtrees(string op, SparseCholeskyAnalysis an, TreeSchedule schedule, TensorStorage<T> values, T[][] rootUpdates, int scratch,
        long topPeak, Parallelism parallelism)
    {
        long localPeak = schedule.LocalPeak(an);
        // One array holds every worker's stack (worker t works in [t * localPeak, (t + 1) * localPeak)) and is the top's
        // stack afterwards: max(workers * localPeak, topPeak) entries instead of one array per worker plus the top's.
        int workers = Math.Min(parallelism.Count, schedule.Roots.Length);
        var stack = new T[Math.Max(workers * localPeak, topPeak)];
        var spaces = new Workspace?[workers];
        var first = spaces[0] = new Workspace(stack, 0, an.N, an.MaxUpdate, scratch);
        var single = Parallelism.None with { Cancellation = parallelism.Cancellation };
        schedule.RunSubtrees(workers, (tid, r) =>
        {
            var ws = spaces[tid] ??= new Workspace(stack, 0, an.N, an.MaxUpdate, scratch);
            ws.Base = an.UpdateAt[r] - tid * localPeak;
            for (int s = schedule.First[r]; s <= r; s++)
            {
                single.ThrowIfCancelled();
                Supernode(op, an, s, values, ws, rootUpdates, single);
            }
            long w = an.RowPtr[r + 1] - an.RowPtr[r] - (an.Start[r + 1] - an.Start[r]);
            var upd = new T[w * w];
            Array.Copy(ws.Stack, an.UpdateAt[r] - ws.Base, upd, 0, w * w);
            rootUpdates[r] = upd;
        });
        return first;
    }

    /// <summary>Assembles, factors and leaves the update of supernode s (its children done) in <paramref name="ws"/>.</summary>
    private void Supernode(string op, SparseCholeskyAnalysis an, int s, TensorStorage<T> values, Workspace ws, T[][] rootUpdates, Parallelism parallelism)
    {
        var pat = an.Pattern;
        var map = ws.Map;
        var stack = ws.Stack;
        int f = an.Start[s], k = an.Start[s + 1] - f;
        int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
        var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
        int off = (int)an.LPtr[s];
        int wo = (int)(an.WorkAt[s] - ws.Base);
        for (int i = 0; i < m; i++) map[rows[i]] = i;

        // Assemble A's columns f..f+k-1 into the L block (values gathered from A's storage).
        var src = values.Span(0, pat.ValueCount);
        for (int j = f; j < f + k; j++)
            for (int q = pat.ColPtr[j]; q < pat.ColPtr[j + 1]; q++)
                Lx[off + map[pat.RowIdx[q]] * k + (j - f)] += src[pat.Source[q]];

        // Extend-add the children's update matrices into the L block and W.
        Array.Clear(stack, wo, w * w);
        for (int cp = an.ChildPtr[s]; cp < an.ChildPtr[s + 1]; cp++)
        {
            int c = an.Children[cp];
            var own = rootUpdates[c];
            if (own != null) ExtendAdd(an, c, map, ws.Rel, own, 0, stack, off, k, wo, w);
            else ExtendAdd(an, c, map, ws.Rel, stack, (int)(an.UpdateAt[c] - ws.Base), stack, off, k, wo, w);
            rootUpdates[c] = null!;
        }

        // Dense factorization of the front.
        int n = an.N;
        var l11 = MatrixView<T>.Of(Lx, off, k, k, k, 1);
        var l21 = MatrixView<T>.Of(Lx, off + k * k, w, k, k, 1);
        var wm = MatrixView<T>.Of(stack, wo, w, w, w, 1);
        if (!Ldl)
        {
            int info = CholeskyFactorization.Factor(l11, CholeskyParams.Auto.RecursionThreshold, parallelism);
            if (info >= 0)
                throw new NotPositiveDefiniteException(f + info + 1,
                    $"{op}: the {n} x {n} matrix is not positive definite: the pivot of column {an.Perm[f + info]} (original numbering; position {f + info} of the permutation) is not positive");
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: false, T.One, l11, l21, parallelism);
            Syrk.LowerMinus(l21, wm, parallelism);
        }
        else
        {
            int info = DenseLdl.Factor(l11, D.AsSpan(f, k), parallelism);
            if (info >= 0)
                throw new SingularMatrixException(an.Perm[f + info],
                    $"{op}: zero pivot at column {an.Perm[f + info]} (original numbering; position {f + info} of the permutation) of the {n} x {n} matrix: it is singular or not quasi-definite in this ordering");
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: true, T.One, l11, l21, parallelism);
            var sm = MatrixView<T>.Of(ws.Scratch, 0, w, k, k, 1);
            for (int i = 0; i < w; i++)
                for (int j = 0; j < k; j++)
                {
                    T v = l21[i, j];
                    sm[i, j] = v;
                    l21[i, j] = v / D[f + j];
                }
            Syrk.LowerMinus(l21, sm, wm, parallelism);
        }
        int dst = (int)(an.UpdateAt[s] - ws.Base);
        if (w > 0 && dst != wo) Array.Copy(stack, wo, stack, dst, w * w);
    }

    private static int MaxOffDiagonal(SparseCholeskyAnalysis an)
    {
        long max = 0;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            long k = an.Start[s + 1] - an.Start[s];
            max = Math.Max(max, (an.RowPtr[s + 1] - an.RowPtr[s] - k) * k);
        }
        return (int)max;
    }

    private static int FirstColumnOf(PermutedLowerPattern pat, int q)
    {
        int j = Array.BinarySearch(pat.ColPtr, q);
        if (j < 0) return ~j - 1;
        while (j + 1 < pat.ColPtr.Length && pat.ColPtr[j + 1] == q) j++;
        return j;
    }

    /// <summary>
    /// Adds child c's update matrix (lower triangle, row-major on the stack) into the parent's front: rows and columns
    /// map through the parent's row positions; positions in the parent's first k columns go to its L block, the rest to W.
    /// </summary>
    private void ExtendAdd(SparseCholeskyAnalysis an, int c, int[] map, int[] rel, T[] source, int uo, T[] stack, int off, int k, int wo, int w)
    {
        int kc = an.Start[c + 1] - an.Start[c];
        int mc = (int)(an.RowPtr[c + 1] - an.RowPtr[c]), wc = mc - kc;
        var crow = an.Rows.AsSpan((int)an.RowPtr[c] + kc, wc);
        for (int i = 0; i < wc; i++) rel[i] = map[crow[i]];
        var lx = Lx;
        for (int i = 0; i < wc; i++)
        {
            int ri = rel[i];
            var src = source.AsSpan(uo + i * wc, i + 1);
            if (ri < k)
            {
                var dstRow = lx.AsSpan(off + ri * k, k);
                for (int j = 0; j <= i; j++) dstRow[rel[j]] += src[j];
            }
            else
            {
                // rel is increasing: the columns in the L block come first.
                var lRow = lx.AsSpan(off + ri * k, k);
                var wRow = stack.AsSpan(wo + (ri - k) * w, w);
                int j = 0;
                for (; j <= i && rel[j] < k; j++) lRow[rel[j]] += src[j];
                for (; j <= i; j++) wRow[rel[j] - k] += src[j];
            }
        }
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
                System.Numerics.Tensors.TensorPrimitives.Subtract(dst, buffer.AsSpan(i * r, r), dst);
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
